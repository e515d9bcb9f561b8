import type { Access } from 'payload'

import { isAdminUser } from './roles'

/** The audit trail is read by administrators only, in the admin and over the API. */
export const readAuditTrail: Access = ({ req }) => isAdminUser(req.user)

/**
 * Nobody writes the audit trail over an API, administrators included: its events are made by
 * the server's own hooks (with `overrideAccess`), and never changed or removed.
 */
export const nobody: Access = () => false
