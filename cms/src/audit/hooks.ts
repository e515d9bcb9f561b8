import type { CollectionAfterChangeHook } from 'payload'

import { ROLE_LABELS, type Role } from '../access/roles'
import { IMPORTED_PUBLISHED_AT, RESTORING } from '../collections/Chapters/hooks/stampRevision'
import { DRAFT_SAVE } from '../hooks/requestSiteBuild'
import { COLLECTIONS } from '../lib/slugs'
import type { User } from '../payload-types'
import { publicationAction, roleChangeSummary } from './actions'
import { recordAuditEvent } from './record'
import { isScheduledRun } from './scheduled'

type ContentDoc = {
  id: number | string
  _status?: string | null
  title?: string | null
  number?: string | number | null
  revision?: number | null
  updateType?: string | null
  changeNote?: string | null
}

const titleOf = (doc: ContentDoc): string | null => {
  if (typeof doc.title === 'string' && doc.title.trim() !== '') return doc.title
  return doc.number !== null && doc.number !== undefined ? `Nr. ${doc.number}` : null
}

/**
 * Records each publish, unpublish, withdrawal, restore and scheduled publish of report
 * content in the audit trail, with the document, its version and who did it. Draft saves and
 * autosaves record nothing. Only records: it renders and writes no files.
 */
export const recordPublication: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  collection,
  operation,
  req,
}) => {
  const current = doc as ContentDoc
  const isChapter = collection.slug === COLLECTIONS.chapters
  const action = publicationAction({
    status: current._status,
    previousStatus: operation === 'create' ? null : (previousDoc as ContentDoc | undefined)?._status,
    draftSave: Boolean(req.context[DRAFT_SAVE]),
    updateType: isChapter ? current.updateType : null,
    restoring: Boolean(req.context[RESTORING]),
    scheduled: isScheduledRun(),
  })
  if (!action) return doc
  const imported = Boolean(req.context[IMPORTED_PUBLISHED_AT])
  await recordAuditEvent(req, {
    action,
    docCollection: collection.slug,
    docId: String(current.id),
    chapterNumber: isChapter && current.number ? String(current.number) : null,
    title: titleOf(current),
    version: isChapter && current._status === 'published' ? (current.revision ?? null) : null,
    updateType: isChapter && current._status === 'published' ? (current.updateType ?? null) : null,
    summary: imported
      ? 'Lest inn fra det publiserte innholdet.'
      : isChapter && current._status === 'published'
        ? (current.changeNote ?? null)
        : null,
  })
  return doc
}

const roleLabel = (role: unknown): string | null =>
  typeof role === 'string' ? (ROLE_LABELS[role as Role] ?? role) : null

/** Records every role given or changed: a new account's role, and each change of one. */
export const recordRoleChange: CollectionAfterChangeHook<User> = async ({ doc, previousDoc, operation, req }) => {
  const before = operation === 'create' ? null : (previousDoc?.role ?? null)
  if (operation !== 'create' && before === doc.role) return doc
  const email = String(doc.email ?? doc.id)
  await recordAuditEvent(req, {
    action: 'roleChange',
    docCollection: COLLECTIONS.users,
    docId: String(doc.id),
    title: email,
    summary: roleChangeSummary(email, roleLabel(before), roleLabel(doc.role) ?? '–'),
  })
  return doc
}
