import { ValidationError, type CollectionBeforeChangeHook, type CollectionBeforeOperationHook } from 'payload'

import { storedDay, todayInOslo } from '../../../lib/dates'
import { COLLECTIONS } from '../../../lib/slugs'
import { decideRevision, RevisionRuleError, type PreviousRevision } from '../revisionRules'

const RESTORING = 'restoringChapterVersion'

/**
 * Server-side callers that load already published text (the seed) pass its real publication
 * time in the request context; it cannot be set over REST or GraphQL.
 */
export const IMPORTED_PUBLISHED_AT = 'importedPublishedAt'

const publishedAtFrom = (imported: unknown): string =>
  typeof imported === 'string' && !Number.isNaN(Date.parse(imported)) ? new Date(imported).toISOString() : new Date().toISOString()

/** Remembers that this write restores an old version as a published revision. */
export const noteRestore: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'restoreVersion' && !(args as { draft?: boolean }).draft) req.context[RESTORING] = true
  return args
}

/** The newest published revision of a chapter, read from its version history. */
export const latestPublishedRevision = async (
  req: Parameters<CollectionBeforeChangeHook>[0]['req'],
  chapterId: number | string,
): Promise<PreviousRevision | null> => {
  const { docs } = await req.payload.findVersions({
    collection: COLLECTIONS.chapters,
    where: { and: [{ parent: { equals: chapterId } }, { 'version._status': { equals: 'published' } }] },
    sort: '-version.revision',
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const version = docs[0]?.version as
    | { revision?: number | null; changeNote?: string | null; lastProfessionalChange?: string | null }
    | undefined
  if (!version?.revision) return null
  return {
    revision: version.revision,
    changeNote: version.changeNote ?? null,
    lastProfessionalChange: version.lastProfessionalChange ?? null,
  }
}

/**
 * Publishing stamps the revision: its number, update type, change note, "Siste faglige
 * endring" and time, by the rules in revisionRules. Draft saves carry no revision stamp, and
 * a change note inherited from the published revision is cleared so that the next
 * revision gets its own.
 */
export const stampRevision: CollectionBeforeChangeHook = async ({ data, originalDoc, req, operation }) => {
  if (data._status !== 'published') {
    const inheritedNote =
      originalDoc?._status === 'published' && data.changeNote && data.changeNote === originalDoc.changeNote
    return {
      ...data,
      revision: null,
      publishedAt: null,
      ...(inheritedNote ? { changeNote: null } : {}),
    }
  }

  const previous = operation === 'update' && originalDoc?.id ? await latestPublishedRevision(req, originalDoc.id) : null
  try {
    const stamp = decideRevision({
      request: data,
      previous,
      today: todayInOslo(),
      restoringRevision: req.context[RESTORING] ? (data.revision ?? null) : null,
    })
    return {
      ...data,
      ...stamp,
      lastProfessionalChange: storedDay(stamp.lastProfessionalChange),
      publishedAt: publishedAtFrom(req.context[IMPORTED_PUBLISHED_AT]),
    }
  } catch (error) {
    if (error instanceof RevisionRuleError) {
      throw new ValidationError({
        collection: COLLECTIONS.chapters,
        errors: [{ message: error.message, path: error.field }],
        req,
      })
    }
    throw error
  }
}
