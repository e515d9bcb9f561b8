import type { Endpoint, PayloadRequest } from 'payload'

import { osloDayOrNull } from '../../lib/dates'
import { COLLECTIONS } from '../../lib/slugs'
import type { UpdateType } from './revisionRules'

/** One published revision of a chapter, as its history lists it. */
export type RevisionSummary = {
  revision: number
  versionId: number | string
  publishedAt: string
  updateType: UpdateType
  changeNote: string | null
  lastProfessionalChange: string | null
  title: string
  number: string | null
}

type PublishedVersion = {
  id: number | string
  updatedAt: string
  version: {
    revision?: number | null
    publishedAt?: string | null
    updateType?: UpdateType | null
    changeNote?: string | null
    lastProfessionalChange?: string | null
    title?: string
    number?: string | null
  }
}

/**
 * A chapter's history from its published versions, oldest first. "Først publisert" is the
 * first revision's time: derived here, never stored.
 */
export const summarizeRevisions = (versions: PublishedVersion[]) => {
  const revisions: RevisionSummary[] = versions
    .filter((v) => typeof v.version.revision === 'number')
    .map((v) => ({
      revision: v.version.revision as number,
      versionId: v.id,
      publishedAt: v.version.publishedAt ?? v.updatedAt,
      updateType: v.version.updateType ?? 'major',
      changeNote: v.version.changeNote ?? null,
      lastProfessionalChange: osloDayOrNull(v.version.lastProfessionalChange ?? null),
      title: v.version.title ?? '',
      number: v.version.number ?? null,
    }))
    .sort((a, b) => a.revision - b.revision)
  return { firstPublishedAt: revisions[0]?.publishedAt ?? null, revisions }
}

/** Reads the published revisions of a chapter (drafts never appear). */
export const publishedRevisions = async (req: PayloadRequest, chapterId: number | string) => {
  const { docs } = await req.payload.findVersions({
    collection: COLLECTIONS.chapters,
    where: { and: [{ parent: { equals: chapterId } }, { 'version._status': { equals: 'published' } }] },
    sort: 'version.revision',
    limit: 0,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return summarizeRevisions(docs)
}

/** GET /api/chapters/:id/revisions — the public history of a published chapter. */
export const revisionsEndpoint: Endpoint = {
  path: '/:id/revisions',
  method: 'get',
  handler: async (req) => {
    const id = req.routeParams?.id as string
    // The chapter itself must be readable by the caller (published, or any for signed-in users).
    const visible = await req.payload.find({
      collection: COLLECTIONS.chapters,
      where: { id: { equals: id } },
      limit: 1,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      req,
    })
    if (visible.totalDocs === 0) return Response.json({ errors: [{ message: 'Fant ikke kapitlet.' }] }, { status: 404 })
    return Response.json(await publishedRevisions(req, id))
  },
}
