import { restoreVersionOperation, type Endpoint, type PayloadRequest } from 'payload'

import { errorStatus } from '../../lib/errors'
import { COLLECTIONS } from '../../lib/slugs'
import { RESTORE_REQUEST } from './hooks/stampRevision'

const answer = (status: number, message: string) => Response.json({ errors: [{ message }] }, { status })

/** What the restore dialog sends. */
export type RestoreRequest = {
  version?: number | string
  updateType?: string
  changeNote?: string
  lastProfessionalChange?: string
  /** Restore as a draft (editors may only do this): no revision, nothing published. */
  draft?: boolean
}

/** The Norwegian message of a refused restore: the rule's own, on its field, or the refusal. */
const refusalMessage = (error: unknown): string => {
  const data = (error as { data?: { errors?: Array<{ message?: string }> } }).data
  return data?.errors?.[0]?.message ?? (error as Error).message
}

/**
 * POST /api/chapters/:id/restore `{ version, updateType, changeNote }`: publishes an old
 * version of the chapter again as its next revision, with the update type (faglig or
 * redaksjonell) and change note the restorer chose, by the same revision rules as any publish
 * (collections/Chapters/revisionRules.ts). With `draft: true` the old version becomes the
 * chapter's draft instead. Access as Payload's own restore: publishing for publishers and
 * admins, a draft for every role.
 */
export const restoreEndpoint: Endpoint = {
  path: '/:id/restore',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    if (!req.user) return answer(401, 'Du må være innlogget.')
    const body = ((await req.json?.().catch(() => null)) ?? {}) as RestoreRequest
    const chapterId = String(req.routeParams?.id ?? '')
    if (body.version === undefined || body.version === null || body.version === '') {
      return answer(400, 'Velg hvilken versjon som skal gjenopprettes.')
    }
    const versions = await req.payload.findVersions({
      collection: COLLECTIONS.chapters,
      where: { and: [{ id: { equals: body.version } }, { parent: { equals: chapterId } }] },
      limit: 1,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      req,
    })
    if (versions.docs.length === 0) return answer(404, `Fant ikke versjonen i kapitlets historikk.`)
    req.context[RESTORE_REQUEST] = {
      updateType: body.updateType ?? null,
      changeNote: body.changeNote ?? null,
      lastProfessionalChange: body.lastProfessionalChange ?? null,
    }
    try {
      const doc = (await restoreVersionOperation({
        id: versions.docs[0].id,
        collection: req.payload.collections[COLLECTIONS.chapters],
        req,
        overrideAccess: false,
        draft: body.draft === true,
        depth: 0,
      } as Parameters<typeof restoreVersionOperation>[0])) as {
        id: number | string
        revision?: number | null
        _status?: string
      }
      return Response.json({ doc: { id: doc.id, revision: doc.revision ?? null, _status: doc._status } })
    } catch (error) {
      const status = errorStatus(error)
      if (status !== undefined && status < 500) return answer(status, refusalMessage(error))
      throw error
    }
  },
}
