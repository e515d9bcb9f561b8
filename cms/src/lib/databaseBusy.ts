/**
 * Waiting for a database that another process has locked, without stopping this one.
 *
 * SQLite's own busy timeout waits inside the driver, and the embedded driver is synchronous:
 * while a script holds a write lock, the whole server would stand still, reader pages
 * included. So the connection has no busy timeout (the driver's default) and a statement that
 * finds the database locked is tried again here, after short asynchronous waits, until a time
 * limit; then the write fails with a DatabaseBusyError, which the API answers with 503 and
 * Retry-After. Reads are never locked out in WAL mode.
 *
 * A connection on which a statement failed that way is never used again. SQLite leaves such a
 * statement in progress, so that its caller can step it again, and libsql does not reset it
 * (tursodatabase/libsql-client-ts#352): until the garbage collector finalizes it, every later
 * write on that connection goes into a transaction that is never committed. The server would
 * read its own writes back and answer 200 while no other process saw them, a kill would lose
 * them, and the finalization rolls them all back.
 */
import type { AfterErrorHook } from 'payload'

/** What an editor reads when a write could not get the database in time. */
export const DATABASE_BUSY_MESSAGE =
  'Databasen er opptatt akkurat nå, så endringen ble ikke lagret. Prøv igjen om noen sekunder.'

/** Seconds a client is asked to wait before trying again (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 5

/**
 * How long a statement waits for a locked database (DATABASE_BUSY_TIMEOUT_MS, default 5 s).
 * @example busyTimeoutMs('2000') // 2000
 */
export const busyTimeoutMs = (value: string | undefined = process.env.DATABASE_BUSY_TIMEOUT_MS): number => {
  const ms = Number(value)
  return value && Number.isFinite(ms) && ms >= 0 ? ms : 5_000
}

export class DatabaseBusyError extends Error {
  readonly code = 'SQLITE_BUSY'
  readonly status = 503
  constructor(waitedMs: number, options?: ErrorOptions) {
    super(`${DATABASE_BUSY_MESSAGE} (SQLITE_BUSY: låst i ${waitedMs} ms)`, options)
    this.name = 'DatabaseBusyError'
  }
}

/** Whether an error, or one it wraps, says the database was locked by someone else. */
export const isDatabaseBusy = (error: unknown): boolean => {
  for (let e = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown }
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true
    if (typeof message === 'string' && /SQLITE_BUSY|database is locked/.test(message)) return true
  }
  return false
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `work`, and again after short waits (5 ms, doubling up to 100 ms) while the database is
 * locked, until `timeoutMs` have passed; then rejects with DatabaseBusyError. `afterBusy` runs
 * after each try that found the database locked, before anything else.
 */
export const retryWhileBusy = async <T>(
  work: () => Promise<T>,
  timeoutMs: number,
  afterBusy?: () => Promise<void>,
): Promise<T> => {
  const started = Date.now()
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      return await work()
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error
      await afterBusy?.()
      const waited = Date.now() - started
      if (waited >= timeoutMs) throw new DatabaseBusyError(waited, { cause: error })
      await sleep(Math.min(wait, timeoutMs - waited))
    }
  }
}

/**
 * The client methods that may meet a lock, each of which fails as a whole when it does (a
 * single statement, a batch or migration in its own transaction, the BEGIN of a transaction),
 * so trying again is safe.
 */
const RETRIED = ['execute', 'batch', 'migrate', 'transaction'] as const

type Client = Record<(typeof RETRIED)[number], (...args: never[]) => Promise<unknown>>

const WRAPPED = Symbol.for('rapport.retryWhileBusy')

/**
 * Gives up the client's connection for a new one. A libsql client's `transaction()` begins on
 * its connection, hands that connection to the transaction and opens a new one for all that
 * follows; closing the transaction rolls it back (nothing was written on it since the failed
 * statement) and leaves the old connection to the garbage collector, failed statement and all
 * (one per try that found the database locked, as the client leaves one per transaction).
 */
const replaceConnection = async (transaction: (mode: 'deferred') => Promise<unknown>) => {
  const tx = (await transaction('deferred')) as { close: () => void }
  tx.close()
}

/**
 * Makes a libsql client try again while the database is locked, in place (the ORM keeps its
 * reference), each time on a new connection (see above); once per client.
 */
export const retryClientWhileBusy = <C extends object>(client: C, timeoutMs = busyTimeoutMs()): C => {
  const target = client as unknown as Client & { [WRAPPED]?: true }
  if (target[WRAPPED]) return client
  if (typeof target.transaction !== 'function')
    throw new Error('retryClientWhileBusy: the client has no transaction() to replace a connection with')
  target[WRAPPED] = true
  const transaction = target.transaction.bind(client) as (mode: 'deferred') => Promise<unknown>
  const afterBusy = () => replaceConnection(transaction)
  for (const name of RETRIED) {
    const original = target[name]
    if (typeof original !== 'function') continue
    const bound = original.bind(client) as (...args: unknown[]) => Promise<unknown>
    ;(target as Record<string, unknown>)[name] = (...args: unknown[]) =>
      retryWhileBusy(() => bound(...args), timeoutMs, afterBusy)
  }
  return client
}

/**
 * Answers a request whose write found the database locked with 503, Retry-After and a message
 * in Norwegian, instead of 500 «An unknown error occurred».
 */
export const answerDatabaseBusy: AfterErrorHook = ({ error, req }) => {
  if (!isDatabaseBusy(error)) return
  const headers = req.responseHeaders ?? new Headers()
  headers.set('Retry-After', String(RETRY_AFTER_SECONDS))
  req.responseHeaders = headers
  return { response: { errors: [{ message: DATABASE_BUSY_MESSAGE }] }, status: 503 }
}
