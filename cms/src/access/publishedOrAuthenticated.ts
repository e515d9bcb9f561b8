import type { Access } from 'payload'

import { roleOf } from './roles'

/** Signed-in users read everything; everyone else reads published documents only. */
export const publishedOrAuthenticated: Access = ({ req }) => {
  if (roleOf(req.user)) return true
  return { _status: { equals: 'published' } }
}
