import type { PayloadRequest } from 'payload'

import { COLLECTIONS } from '../../lib/slugs'
import type { PreviousRevision } from './revisionRules'

type Req = PayloadRequest

/** The newest published version of a chapter, in full, read from its version history. */
export const latestPublishedVersion = async (req: Req, chapterId: number | string): Promise<Record<string, unknown> | null> => {
  const { docs } = await req.payload.findVersions({
    collection: COLLECTIONS.chapters,
    where: { and: [{ parent: { equals: chapterId } }, { 'version._status': { equals: 'published' } }] },
    sort: '-version.revision',
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const version = docs[0]?.version as Record<string, unknown> | undefined
  return typeof version?.revision === 'number' ? version : null
}

/** What the revision rules need of a published version. */
export const asPreviousRevision = (version: Record<string, unknown> | null): PreviousRevision | null =>
  version
    ? {
        revision: version.revision as number,
        updateType: (version.updateType as string | null | undefined) ?? null,
        changeNote: (version.changeNote as string | null | undefined) ?? null,
        lastProfessionalChange: (version.lastProfessionalChange as string | null | undefined) ?? null,
      }
    : null

/** The newest published revision of a chapter, read from its version history. */
export const latestPublishedRevision = async (req: Req, chapterId: number | string): Promise<PreviousRevision | null> =>
  asPreviousRevision(await latestPublishedVersion(req, chapterId))

