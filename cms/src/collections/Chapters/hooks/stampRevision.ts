import { ValidationError, type CollectionBeforeChangeHook, type CollectionBeforeOperationHook } from 'payload'

import { storedDay, todayInOslo } from '../../../lib/dates'
import { COLLECTIONS } from '../../../lib/slugs'
import type { Chapter } from '../../../payload-types'
import { checkRevision, keptByWithdrawal, REVISION_FIELD_LABELS, type PublishRequest } from '../revisionRules'
import { asPreviousRevision, latestPublishedVersion } from '../latestPublished'
import { describeForNote } from '../publishCheckState'

export { latestPublishedRevision, latestPublishedVersion } from '../latestPublished'

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
  typeof imported === 'string' && !Number.isNaN(Date.parse(imported))
    ? new Date(imported).toISOString()
    : new Date().toISOString()

/** Remembers that this write restores an old version as a published revision. */
export const noteRestore: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'restoreVersion') return args
  if ((args as { draft?: boolean }).draft) req.context[RESTORING_AS_DRAFT] = true
  else req.context[RESTORING] = true
  return args
}

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
export const stampRevision: CollectionBeforeChangeHook<Chapter> = async ({ data, originalDoc, req, operation }) => {
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
  const request = restoringRevision
    ? ((req.context[RESTORE_REQUEST] as PublishRequest | undefined) ?? {})
    : {
        updateType: 'updateType' in data ? data.updateType : originalDoc?.updateType,
        changeNote: 'changeNote' in data ? data.changeNote : originalDoc?.changeNote,
        lastProfessionalChange:
          'lastProfessionalChange' in data ? data.lastProfessionalChange : originalDoc?.lastProfessionalChange,
      }
  const { stamp, problems } = checkRevision({
    request,
    previous: asPreviousRevision(latest),
    today: todayInOslo(),
    restoringRevision,
  })
  if (!stamp || problems.length > 0) {
    // A faglig endring refused for its note is told what the pre-publish check finds it changes.
    const changes =
      problems.some((p) => p.field === 'changeNote') && request.updateType === 'major'
        ? await describeForNote(req, latest ? (originalDoc?.id ?? null) : null, { ...originalDoc, ...data })
        : ''
    // Each rule's message on its field, and Payload's summary line in the request's language
    // with the fields' labels, never their internal names.
    throw new ValidationError(
      {
        collection: COLLECTIONS.chapters,
        errors: problems.map((p) => ({
          message: p.field === 'changeNote' ? `${p.message}${changes}` : p.message,
          path: p.field,
          label: REVISION_FIELD_LABELS[p.field],
        })),
        req,
      },
      req.t,
    )
  }
  return {
    ...data,
    ...(stamp.updateType === 'withdrawal' && latest ? keptByWithdrawal(latest) : {}),
    ...stamp,
    lastProfessionalChange: storedDay(stamp.lastProfessionalChange),
    publishedAt: publishedAtFrom(req.context[IMPORTED_PUBLISHED_AT]),
  }
}
