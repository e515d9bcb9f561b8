import { pbkdf2, randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'

import {
  APIError,
  type AfterErrorHook,
  type CollectionBeforeOperationHook,
  type Plugin,
  type PayloadRequest,
} from 'payload'

import { errorStatus } from '../lib/errors'

/**
 * A failed login answers the same whether the e-mail belongs to an account or not, and takes
 * as long: over REST (`POST /api/users/login`) and GraphQL (`loginUser`) alike.
 *
 * Payload on its own tells them apart three ways: an unknown e-mail is refused before the
 * password is hashed (5 ms against ~100 ms), a locked account says so («Denne brukeren er
 * låst…», and `LockedAuth` in GraphQL), and a locked account is refused before hashing too.
 * Here an unknown e-mail and a locked account are refused with a password check as costly as
 * a real one, every failed login gets one Norwegian message and status, and none is answered
 * sooner than {@link FAILED_LOGIN_FLOOR_MS} after it began. The lockout itself is Payload's
 * (`maxLoginAttempts`, `lockTime` on the collection) and still counts the real account's
 * attempts.
 */

/** The one answer to every failed login. */
export const LOGIN_FAILED_MESSAGE =
  'E-postadressen eller passordet er feil, eller kontoen er låst en stund etter for mange mislykkede forsøk.'

/**
 * No failed login is answered sooner than this after it began: longer than the real work of
 * one (a password hash of ~100–200 ms on a busy two-core machine, and a write), so that the
 * small difference left between the two cases is hidden too.
 */
export const FAILED_LOGIN_FLOOR_MS = 500

/** Payload's password hash (its `generatePasswordSaltHash`): PBKDF2-SHA256, 600,000 rounds, 32 bytes. */
export const PASSWORD_HASH = { iterations: 600_000, keyLength: 32, digest: 'sha256' } as const

const STARTED_AT = 'loginStartedAt'
const DECOY_SALT = randomBytes(32).toString('hex')
const pbkdf2Async = promisify(pbkdf2)

/** As costly as checking a password against a stored hash, against none. */
export const checkDecoyPassword = async (password: string): Promise<void> => {
  await pbkdf2Async(password, DECOY_SALT, PASSWORD_HASH.iterations, PASSWORD_HASH.keyLength, PASSWORD_HASH.digest)
}

/** The refusal of an unknown e-mail or a locked account; answered as every failed login is. */
export class LoginFailed extends APIError {
  constructor() {
    super(LOGIN_FAILED_MESSAGE, 401)
    this.name = 'LoginFailed'
  }
}

const isLocked = (lockUntil: unknown) => typeof lockUntil === 'string' && new Date(lockUntil).getTime() > Date.now()

/** The e-mail and password as Payload's login reads them, or null when it will refuse them as invalid input. */
const credentials = (data: unknown): { email: string; password: string } | null => {
  const { email, password } = (data ?? {}) as { email?: unknown; password?: unknown }
  if (typeof email !== 'string' || email.trim() === '') return null
  if (typeof password !== 'string' || password.trim() === '') return null
  return { email: email.toLowerCase().trim(), password }
}

/**
 * Before Payload's login: notes when it began, and refuses an unknown e-mail or a locked
 * account after a decoy password check. An account that can log in is left to Payload, which
 * checks the password and counts a failure towards the lock. Input Payload refuses as invalid
 * (no e-mail, no password) is left to it too: that answer never depends on the account.
 */
export const refuseUnknownOrLocked: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation !== 'login') return args
  req.context[STARTED_AT] = performance.now()
  const given = credentials((args as { data?: unknown }).data)
  if (!given) return args
  const user = await req.payload.db.findOne<{ id: number | string; lockUntil?: unknown }>({
    collection: collection.slug,
    req,
    where: { email: { equals: given.email } },
  })
  if (user && !isLocked(user.lockUntil)) return args
  await checkDecoyPassword(given.password)
  throw new LoginFailed()
}

/** Waits until the floor has passed since the login began. */
const waitForFloor = async (req: PayloadRequest) => {
  const startedAt = req.context[STARTED_AT]
  if (typeof startedAt !== 'number') return
  // Timers count whole milliseconds of the event loop's clock and may fire up to one early.
  const left = startedAt + FAILED_LOGIN_FLOOR_MS - performance.now()
  if (left > 0) await sleep(Math.ceil(left) + 1)
}

/**
 * Every refused login (401: wrong password, unknown e-mail, locked account) gets the same
 * answer, no sooner than the floor: `{ errors: [{ message }] }` with 401 over REST, one error
 * named `AuthenticationError` over GraphQL.
 */
export const answerLoginFailure: AfterErrorHook = async ({ error, graphqlResult, req }) => {
  if (typeof req.context[STARTED_AT] !== 'number' || errorStatus(error) !== 401) return
  await waitForFloor(req)
  if (graphqlResult) {
    return {
      graphqlResult: {
        message: LOGIN_FAILED_MESSAGE,
        locations: graphqlResult.locations,
        path: graphqlResult.path,
        extensions: { name: 'AuthenticationError', statusCode: 401 },
      },
    }
  }
  return { response: { errors: [{ message: LOGIN_FAILED_MESSAGE }] }, status: 401 }
}

/** Installs both on the auth collection `slug`. */
export const loginWithoutEnumeration =
  (slug: string): Plugin =>
  (config) => ({
    ...config,
    collections: (config.collections ?? []).map((collection) =>
      collection.slug === slug
        ? {
            ...collection,
            hooks: {
              ...collection.hooks,
              beforeOperation: [...(collection.hooks?.beforeOperation ?? []), refuseUnknownOrLocked],
            },
          }
        : collection,
    ),
    hooks: { ...config.hooks, afterError: [...(config.hooks?.afterError ?? []), answerLoginFailure] },
  })
