import type { PayloadRequest } from 'payload'

import { canPublish } from './roles'

/**
 * Scheduling a publish or an unpublish (and cancelling one) is publishing ahead of time: for
 * publishers and admins only. The jobs queue's `access.queue` and the admin's schedule
 * server function both ask this.
 */
export const schedulePublishing = ({ req }: { req: PayloadRequest }): boolean => canPublish(req.user)
