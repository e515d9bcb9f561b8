import type { Access } from 'payload'

import { canPublish, roleOf } from './roles'

/**
 * Create and update for content: every role may write drafts, only publishers and admins
 * may write a published state. Payload's admin asks this with `_status: 'published'` to
 * decide whether to show the Publish button.
 */
export const editContent: Access = ({ req, data }) => {
  if (!roleOf(req.user)) return false
  if (data?._status === 'published') return canPublish(req.user)
  return true
}
