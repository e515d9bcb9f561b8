import type { PayloadRequest } from 'payload'

import { canPublish, isAdminUser, roleOf } from './roles'

/** Every signed-in role sees the site builds: editors follow their changes to the live site. */
export const canSeeSiteBuilds = (req: Pick<PayloadRequest, 'user'>): boolean => roleOf(req.user) !== null

/** Only admins switch the live site back to an earlier build. */
export const canRollBackSite = (req: Pick<PayloadRequest, 'user'>): boolean => isAdminUser(req.user)

/** Publishers and admins, who publish, may have a failed build tried again at once. */
export const canRetrySiteBuild = (req: Pick<PayloadRequest, 'user'>): boolean => canPublish(req.user)
