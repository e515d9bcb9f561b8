import { ValidationError, type CollectionBeforeChangeHook, type CollectionBeforeOperationHook } from 'payload'

import { storedDay, todayInOslo } from '../../../lib/dates'
import { COLLECTIONS } from '../../../lib/slugs'
import { decideRevision, keptByWithdrawal, RevisionRuleError, type PreviousRevision, type PublishRequest } from '../revisionRules'

/** Set while a write restores an old version as a published revision. */
export const RESTORING = 'restoringChapterVersion'

/**
 * What the restorer chose for the new revision (update type, change note, date), passed by
 * the restore endpoint (endpoints/restoreChapter.ts) in the request context. A restore over
 * Payload's own API chooses nothing: a major update with the default note.
 */
export const RESTORE_REQUEST = 'restoreRequest'

/**
 * Set while a write restores an old version as the draft. Payload marks the result a draft only
 * after the hooks ran, so the stamp must know it from here: a draft gets no revision.
 */
const RESTORING_AS_DRAFT = 'restoringChapterVersionAsDraft'

/**
 * Server-side callers that load already published text (the seed) pass its real publication
 * time in the request context; it cannot be set over REST or GraphQL.
 */
export const IMPORTED_PUBLISHED_AT = 'importedPublishedAt'

const publishedAtFrom = (imported: unknown): string =>
  typeof imported === 'string' && !Number.isNaN(Date.parse(imported)) ? new Date(imported).toISOString() : new Date().toISOString()

/** Remembers that this write restores an old version as a published revision. */
export const noteRestore: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'restoreVersion') return args
  if ((args as { draft?: boolean }).draft) req.context[RESTORING_AS_DRAFT] = true
  else req.context[RESTORING] = true
  return args
}

type Req = Parameters<CollectionBeforeChangeHook>[0]['req']

/** The newest published version of a chapter, in full, read from its version history. */
const latestPublishedVersion = async (req: Req, chapterId: number | string): Promise<Record<string, unknown> | null> => {
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
const asPreviousRevision = (version: Record<string, unknown> | null): PreviousRevision | null =>
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

/**
 * Publishing stamps the revision: its number, update type, change note, "Siste faglige
 * endring" and time, by the rules in revisionRules. Draft saves carry no revision stamp, and
 * a change note inherited from the published revision is cleared so that the next
 * revision gets its own.
 *
 * A publish that sends only `_status` (a scheduled publish, run by the jobs queue) publishes
 * the newest draft: its update type, change note and date are read from that draft. A
 * withdrawal publishes the withdrawn revision's content again, whatever the draft holds (the
 * draft stays in the version history).
 */
export const stampRevision: CollectionBeforeChangeHook = async ({ data, originalDoc, req, operation }) => {
  if (data._status !== 'published' || req.context[RESTORING_AS_DRAFT]) {
    const inheritedNote =
      originalDoc?._status === 'published' && data.changeNote && data.changeNote === originalDoc.changeNote
    return {
      ...data,
      revision: null,
      publishedAt: null,
      ...(inheritedNote ? { changeNote: null } : {}),
    }
  }

  const latest = operation === 'update' && originalDoc?.id ? await latestPublishedVersion(req, originalDoc.id) : null
  // A restored draft version (it has no revision number) is published as its own form says.
  const restoringRevision = req.context[RESTORING] && typeof data.revision === 'number' ? data.revision : null
  const request = restoringRevision ? ((req.context[RESTORE_REQUEST] as PublishRequest | undefined) ?? {}) : {
    updateType: 'updateType' in data ? data.updateType : originalDoc?.updateType,
    changeNote: 'changeNote' in data ? data.changeNote : originalDoc?.changeNote,
    lastProfessionalChange: 'lastProfessionalChange' in data ? data.lastProfessionalChange : originalDoc?.lastProfessionalChange,
  }
  try {
    const stamp = decideRevision({
      request,
      previous: asPreviousRevision(latest),
      today: todayInOslo(),
      restoringRevision,
    })
    return {
      ...data,
      ...(stamp.updateType === 'withdrawal' && latest ? keptByWithdrawal(latest) : {}),
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
