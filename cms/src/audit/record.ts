import type { PayloadRequest } from 'payload'

import { afterCommit } from '../lib/afterCommit'
import { COLLECTIONS } from '../lib/slugs'
import { actorOf, type AuditAction } from './actions'

/** One event of the audit trail, as the hooks and endpoints describe it. */
export type AuditEntry = {
  action: AuditAction
  docCollection?: string | null
  docId?: string | null
  chapterNumber?: string | null
  title?: string | null
  version?: number | null
  updateType?: string | null
  summary?: string | null
}

/**
 * Records who did what and when: an event in the audit trail, made in the request's own
 * transaction (a change that is rolled back leaves no event), and one line in the server log
 * once it is committed. `user` is the one who did it: the request's user unless given (a
 * scheduled publish runs as the one who scheduled it).
 */
export const recordAuditEvent = async (
  req: PayloadRequest,
  entry: AuditEntry,
  user: unknown = req.user,
): Promise<void> => {
  const data = { ...entry, ...actorOf(user), at: new Date().toISOString() }
  await req.payload.create({
    collection: COLLECTIONS.auditEvents,
    data: data as never,
    overrideAccess: true,
    depth: 0,
    req,
  })
  afterCommit(req, () => req.payload.logger.info({ msg: 'audit event', audit: data }))
}
