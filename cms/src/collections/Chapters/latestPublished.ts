import type { PayloadRequest } from 'payload'

import { COLLECTIONS } from '../../lib/slugs'
import type { Chapter } from '../../payload-types'
import type { PreviousRevision } from './revisionRules'

type Req = PayloadRequest

/** The newest published version of a chapter, in full, read from its version history. */
export const latestPublishedVersion = async (req: Req, chapterId: number | string): Promise<Chapter | null> => {
  const { docs } = await req.payload.findVersions({
    collection: COLLECTIONS.chapters,
    where: { and: [{ parent: { equals: chapterId } }, { 'version._status': { equals: 'published' } }] },
    sort: '-version.revision',
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const version = docs[0]?.version
  return typeof version?.revision === 'number' ? version : null
}

/** What the revision rules need of a published version. */
export const asPreviousRevision = (version: Chapter | null): PreviousRevision | null =>
  typeof version?.revision === 'number'
    ? {
        revision: version.revision,
        updateType: version.updateType ?? null,
        changeNote: version.changeNote ?? null,
        lastProfessionalChange: version.lastProfessionalChange ?? null,
      }
    : null

/** The newest published revision of a chapter, read from its version history. */
export const latestPublishedRevision = async (req: Req, chapterId: number | string): Promise<PreviousRevision | null> =>
  asPreviousRevision(await latestPublishedVersion(req, chapterId))

/** A chapter as its newest draft has it (or as published, when no draft is newer). */
export const currentDraft = (req: Req, chapterId: number | string): Promise<Chapter> =>
  req.payload.findByID({
    collection: COLLECTIONS.chapters,
    id: chapterId,
    draft: true,
    depth: 0,
    overrideAccess: true,
    req,
  })
