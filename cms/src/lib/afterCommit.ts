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
 *
 * A transaction's id is a string or a number. Without a transaction the request holds the
 * adapter's answer to "begin", a thenable that resolves to null, or, once Payload's relationship
 * loader has copied it through JSON, an empty object: neither names a transaction.
 */
export const afterCommit = (req: PayloadRequest, callback: () => void) => {
  const pending = (req.payload.db as Adapter)[INSTALLED]
  const register = (id: unknown) => {
    if (pending && (typeof id === 'string' || typeof id === 'number'))
      pending.set(id, [...(pending.get(id) ?? []), callback])
    else run(req.payload, [callback])
  }
  const id: unknown = req.transactionID
  if (isThenable(id)) void Promise.resolve(id).then(register, () => run(req.payload, [callback]))
  else register(id)
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
