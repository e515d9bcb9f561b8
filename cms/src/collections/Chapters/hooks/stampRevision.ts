import { ValidationError, type CollectionBeforeChangeHook, type CollectionBeforeOperationHook } from 'payload'

import { storedDay, todayInOslo } from '../../../lib/dates'
import { COLLECTIONS } from '../../../lib/slugs'
import { decideRevision, keptByWithdrawal, RevisionRuleError } from '../revisionRules'
import { asPreviousRevision, latestPublishedVersion } from '../latestPublished'
import { describeForNote } from '../publishCheckState'

export { latestPublishedRevision } from '../latestPublished'

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

  const latest = operation === 'update' && originalDoc?.id ? await latestPublishedVersion(req, originalDoc.id) : null
  const request = {
    updateType: 'updateType' in data ? data.updateType : originalDoc?.updateType,
    changeNote: 'changeNote' in data ? data.changeNote : originalDoc?.changeNote,
    lastProfessionalChange: 'lastProfessionalChange' in data ? data.lastProfessionalChange : originalDoc?.lastProfessionalChange,
  }
  try {
    const stamp = decideRevision({
      request,
      previous: asPreviousRevision(latest),
      today: todayInOslo(),
      restoringRevision: req.context[RESTORING] ? (data.revision ?? null) : null,
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
      // A faglig endring refused for its note is told what the pre-publish check finds it changes.
      const changes =
        error.field === 'changeNote' && request.updateType === 'major'
          ? await describeForNote(req, latest ? (originalDoc?.id ?? null) : null, { ...originalDoc, ...data })
          : ''
      throw new ValidationError({
        collection: COLLECTIONS.chapters,
        errors: [{ message: `${error.message}${changes}`, path: error.field }],
        req,
      })
    }
    throw error
  }
}
