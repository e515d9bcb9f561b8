import type { Payload, PayloadRequest } from 'payload'

/**
 * Work that must see a change only once it is committed. Payload runs a collection's hooks
 * inside the request's transaction and commits after them, so anything started from a hook
 * that reads the database (a site build) could read the content as it was before. Here such
 * work waits for the commit of the request's transaction, and is dropped when it rolls back.
 */

type Callbacks = Map<string | number, Array<() => void>>

const INSTALLED = Symbol.for('rapport.afterCommit')

type Adapter = Payload['db'] & { [INSTALLED]?: Callbacks }

const run = (payload: Payload, callbacks: Array<() => void> | undefined) => {
  for (const callback of callbacks ?? []) {
    try {
      callback()
    } catch (error) {
      payload.logger.error({ err: error, msg: 'work after a commit failed' })
    }
  }
}

/**
 * Makes the database adapter run what `afterCommit` registered once a transaction commits, and
 * forget it when it rolls back. Done once per adapter, when Payload starts.
 */
export const installAfterCommit = (payload: Payload) => {
  const db = payload.db as Adapter
  if (db[INSTALLED]) return
  const pending: Callbacks = new Map()
  db[INSTALLED] = pending
  const commit = db.commitTransaction.bind(db)
  const rollback = db.rollbackTransaction.bind(db)
  db.commitTransaction = async (incoming) => {
    const id = await incoming
    try {
      await commit(id)
    } catch (error) {
      pending.delete(id)
      throw error
    }
    const callbacks = pending.get(id)
    pending.delete(id)
    run(payload, callbacks)
  }
  db.rollbackTransaction = async (incoming) => {
    const id = await incoming
    pending.delete(id)
    return rollback(id)
  }
}

/**
 * Runs `callback` once the request's change is committed: after its transaction commits, or at
 * once when the request has no transaction (then the change is already stored).
 */
export const afterCommit = (req: PayloadRequest, callback: () => void) => {
  const pending = (req.payload.db as Adapter)[INSTALLED]
  const id = req.transactionID
  if (!pending || id === undefined || id === null) {
    run(req.payload, [callback])
    return
  }
  const register = (resolved: string | number | null | undefined) => {
    if (resolved === undefined || resolved === null) run(req.payload, [callback])
    else pending.set(resolved, [...(pending.get(resolved) ?? []), callback])
  }
  // A transaction still beginning (or none: the adapter's beginning resolves to null) is a
  // thenable, not always a Promise of this realm: it is waited for.
  if (isThenable(id)) void Promise.resolve(id).then(register, () => undefined)
  else register(id)
}

const isThenable = (value: unknown): value is PromiseLike<string | number | null> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
