import { AsyncLocalStorage } from 'node:async_hooks'

import type { Payload } from 'payload'

/**
 * Payload's scheduled publish task publishes with a request of its own, in which nothing says
 * that it is a scheduled one. Its handler is run inside this store, so that the hooks it sets
 * off can tell (see audit/hooks.ts).
 */
const scheduledRun = new AsyncLocalStorage<true>()
const WRAPPED = Symbol.for('rapport.scheduledPublishMarked')

/** Whether the code running now was started by the scheduled publish task. */
export const isScheduledRun = (): boolean => scheduledRun.getStore() === true

/** Wraps the scheduled publish task's handler once, when Payload starts. */
export const markScheduledPublishing = (payload: Payload): void => {
  const task = payload.config.jobs?.tasks?.find((t) => t.slug === 'schedulePublish') as
    { handler: unknown; [WRAPPED]?: true } | undefined
  if (!task || task[WRAPPED] || typeof task.handler !== 'function') return
  const handler = task.handler as (...args: unknown[]) => unknown
  task.handler = (...args: unknown[]) => scheduledRun.run(true, () => handler(...args))
  task[WRAPPED] = true
}
