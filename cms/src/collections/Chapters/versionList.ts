import { osloDayOrNull } from '../../lib/dates'
import { actorLabel, PUBLISHING_ACTIONS, type AuditAction } from '../../audit/actions'
import { UPDATE_TYPE_LABELS, type UpdateType } from './revisionRules'

/** A stored version of a chapter, as findVersions gives it (depth 0). */
export type StoredVersion = {
  id: number | string
  updatedAt: string
  createdAt?: string
  autosave?: boolean | null
  latest?: boolean | null
  version: {
    _status?: string | null
    revision?: number | null
    publishedAt?: string | null
    updateType?: string | null
    changeNote?: string | null
    lastProfessionalChange?: string | null
    title?: string | null
  }
}

/** The version fields a version list reads (a `select` for findVersions). */
export const VERSION_LIST_FIELDS = {
  _status: true,
  revision: true,
  publishedAt: true,
  updateType: true,
  changeNote: true,
  lastProfessionalChange: true,
  title: true,
} as const

/** An audit event of the chapter, as far as the version list needs it. */
export type VersionEvent = {
  action: AuditAction | string
  version?: number | null
  userEmail?: string | null
  userName?: string | null
}

/** One published version, as the admin's version list shows it. */
export type PublishedRow = {
  versionId: number | string
  revision: number
  publishedAt: string | null
  /** «Siste faglige endring» of that version, a calendar day. */
  lastProfessionalChange: string | null
  updateType: UpdateType
  updateTypeLabel: string
  changeNote: string | null
  publishedBy: string | null
  title: string
  current: boolean
}

/** One saved draft. */
export type DraftRow = {
  versionId: number | string
  savedAt: string
  title: string
  autosave: boolean
  pending: boolean
}

/**
 * The chapter's version history as readers know it: the published versions by their version
 * number (newest first), each with its own dates, update type, change note and who published
 * it (from the audit trail); and, apart, the drafts saved since, newest first, the one
 * waiting to be published marked.
 */
export const versionRows = (
  versions: StoredVersion[],
  events: VersionEvent[],
): { published: PublishedRow[]; drafts: DraftRow[] } => {
  const publishers = new Map<number, string>()
  for (const event of events) {
    if (typeof event.version === 'number' && PUBLISHING_ACTIONS.includes(event.action as AuditAction)) {
      publishers.set(
        event.version,
        actorLabel({ userEmail: event.userEmail ?? null, userName: event.userName ?? null }),
      )
    }
  }
  const published = versions
    .filter((v) => v.version._status === 'published' && typeof v.version.revision === 'number')
    .map((v) => {
      const updateType = (v.version.updateType ?? 'major') as UpdateType
      const revision = v.version.revision as number
      return {
        versionId: v.id,
        revision,
        publishedAt: v.version.publishedAt ?? null,
        lastProfessionalChange: osloDayOrNull(v.version.lastProfessionalChange ?? null),
        updateType,
        updateTypeLabel: UPDATE_TYPE_LABELS[updateType] ?? updateType,
        changeNote: v.version.changeNote ?? null,
        publishedBy: publishers.get(revision) ?? null,
        title: v.version.title ?? '',
        current: false,
      }
    })
    .sort((a, b) => b.revision - a.revision)
  if (published[0]) published[0].current = true
  const newestPublished = published[0] ? (versions.find((v) => v.id === published[0].versionId)?.updatedAt ?? '') : ''
  const drafts = versions
    .filter((v) => v.version._status !== 'published')
    .map((v) => ({
      versionId: v.id,
      savedAt: v.updatedAt,
      title: v.version.title ?? '',
      autosave: Boolean(v.autosave),
      pending: false,
    }))
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt))
  if (drafts[0] && drafts[0].savedAt > newestPublished) drafts[0].pending = true
  return { published, drafts }
}
