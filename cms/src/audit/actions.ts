/**
 * What the audit trail records, and how each event reads in Norwegian. Pure functions: the
 * hooks (audit/hooks.ts) decide with them, the admin shows them.
 */

export const AUDIT_ACTIONS = {
  publish: 'Publisering',
  unpublish: 'Avpublisering',
  withdrawal: 'Tilbaketrekking',
  restore: 'Gjenoppretting',
  scheduledPublish: 'Planlagt publisering',
  scheduledUnpublish: 'Planlagt avpublisering',
  rollback: 'Tilbakerulling av nettstedet',
  roleChange: 'Rolleendring',
} as const

export type AuditAction = keyof typeof AUDIT_ACTIONS

/** The actions that publish a revision of a document (the version list's «Publisert av»). */
export const PUBLISHING_ACTIONS: readonly AuditAction[] = ['publish', 'withdrawal', 'restore', 'scheduledPublish']

/** What a write to a content document was, seen from its status before and after. */
export type PublicationChange = {
  status: string | null | undefined
  previousStatus: string | null | undefined
  /** A draft save or autosave: never an event. */
  draftSave: boolean
  updateType?: string | null
  /** Payload's restoreVersion published an old version. */
  restoring: boolean
  /** The jobs queue carried out a scheduled publish or unpublish. */
  scheduled: boolean
}

/**
 * The audit action of a write to a content document, or null when readers see no change of
 * state: a publish (as a restore, a withdrawal, or scheduled), an unpublish, or nothing.
 * @example publicationAction({ status: 'published', previousStatus: 'draft', draftSave: false, restoring: false, scheduled: true }) // 'scheduledPublish'
 */
export const publicationAction = (change: PublicationChange): AuditAction | null => {
  if (change.draftSave) return null
  if (change.status === 'published') {
    if (change.restoring) return 'restore'
    if (change.updateType === 'withdrawal') return 'withdrawal'
    return change.scheduled ? 'scheduledPublish' : 'publish'
  }
  if (change.previousStatus === 'published') return change.scheduled ? 'scheduledUnpublish' : 'unpublish'
  return null
}

/** Who did it, as the trail keeps it: the user's id, e-mail and name at the time. */
export type AuditActor = { userId: string | null; userEmail: string | null; userName: string | null }

/** The actor of a request's user, or nobody (the seed, a script). */
export const actorOf = (user: unknown): AuditActor => {
  const u = user as { id?: unknown; email?: unknown; name?: unknown } | null | undefined
  return {
    userId: u?.id === undefined || u?.id === null ? null : String(u.id),
    userEmail: typeof u?.email === 'string' ? u.email : null,
    userName: typeof u?.name === 'string' && u.name.trim() !== '' ? u.name : null,
  }
}

/** How the trail names who did it: «Navn (e-post)», the e-mail, or «Systemet» when no one was signed in. */
export const actorLabel = (actor: Partial<AuditActor>): string => {
  if (actor.userName && actor.userEmail) return `${actor.userName} (${actor.userEmail})`
  return actor.userEmail ?? actor.userName ?? 'Systemet'
}

/** A role change in words, e.g. «Rollen til kari@example.no ble endret fra Redaktør til Publisist.». */
export const roleChangeSummary = (email: string, from: string | null, to: string): string =>
  from === null ? `Ny bruker ${email} med rollen ${to}.` : `Rollen til ${email} ble endret fra ${from} til ${to}.`

/** A rollback in words. */
export const rollbackSummary = (target: string): string => `Nettstedet ble satt tilbake til bygg ${target}.`
