import type { CollectionSlug, CollectionBeforeOperationHook } from 'payload'

import { canPublish, roleOf } from '../access/roles'
import { RuleForbidden } from '../lib/errors'

export const EDITOR_CANNOT_PUBLISH =
  'Du har ikke rettigheter til å publisere eller avpublisere. Lagre endringene som utkast, så kan en publisist publisere dem.'

type OperationArgs = {
  data?: { _status?: string }
  draft?: boolean
  /** Set when the create makes a copy of this document (duplicate). */
  duplicateFromID?: number | string | null
  id?: number | string
  overrideAccess?: boolean
}

/**
 * Writes that change what the public sees (publish, unpublish, restore a published version,
 * a non-draft save over a published document, a copy of a published document not saved as a
 * draft) are for publishers and admins only. Access rules see the data but not whether the
 * call is a draft save, so the rule lives here.
 */
export const guardPublication: CollectionBeforeOperationHook = async ({ args, operation, req, collection }) => {
  const a = args as OperationArgs
  if (a.overrideAccess === true) return args // system work: seed, jobs, scripts
  if (!roleOf(req.user) || canPublish(req.user)) return args // no user: access rules refuse it

  const isDraftWrite = a.draft === true && a.data?._status !== 'published'
  const isPublished = async (id: number | string) => {
    const current = await req.payload.findByID({
      collection: collection.slug as CollectionSlug,
      id,
      depth: 0,
      draft: false,
      overrideAccess: true,
      req,
      select: { _status: true } as never,
    })
    return (current as { _status?: string } | null)?._status === 'published'
  }
  if (operation === 'create') {
    if (a.data?._status === 'published') throw new RuleForbidden(EDITOR_CANNOT_PUBLISH)
    // A copy keeps the status of what it copies unless it is saved as a draft (REST's
    // duplicate does so unless asked not to; GraphQL's duplicate never does).
    if (
      a.duplicateFromID !== undefined &&
      a.duplicateFromID !== null &&
      !isDraftWrite &&
      (await isPublished(a.duplicateFromID))
    ) {
      throw new RuleForbidden(EDITOR_CANNOT_PUBLISH)
    }
    return args
  }
  if (operation === 'update' || operation === 'restoreVersion') {
    if (isDraftWrite) return args
    if (a.data?._status === 'published' || operation === 'restoreVersion' || a.id === undefined) {
      throw new RuleForbidden(EDITOR_CANNOT_PUBLISH)
    }
    // A non-draft save is harmless only while the document has never been published.
    if (await isPublished(a.id)) throw new RuleForbidden(EDITOR_CANNOT_PUBLISH)
  }
  return args
}
