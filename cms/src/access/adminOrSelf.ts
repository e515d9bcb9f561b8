import type { Access } from 'payload'

import { isAdminUser, roleOf } from './roles'

/** Admins reach every user; others only their own account. */
export const adminOrSelf: Access = ({ req }) => {
  if (isAdminUser(req.user)) return true
  if (!roleOf(req.user) || !req.user) return false
  return { id: { equals: req.user.id } }
}
