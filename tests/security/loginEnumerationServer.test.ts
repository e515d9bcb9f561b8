/**
 * The same as loginEnumeration.test.ts, through the real server (`npm start`: express, the
 * built admin app's /api routes), where Payload runs bundled by Next: failed logins for an
 * existing and an unknown e-mail answer alike, as slowly, over REST and GraphQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { FAILED_LOGIN_FLOOR_MS, LOGIN_FAILED_MESSAGE } from '../../cms/src/auth/loginWithoutEnumeration'
import { Users } from '../../cms/src/collections/Users'
import { apiRequest, startServerProcess, type ServerProcess } from '../support/server'
import { registerFirstAdmin } from '../support/cmsFirstAdmin'

const PASSWORD = 'korrekt-hest-batteri-stift'
const { maxLoginAttempts: MAX_LOGIN_ATTEMPTS } = Users.auth as { maxLoginAttempts: number }
/** Attempts per e-mail: those before the lock, the one that locks, and as many after. */
const ATTEMPTS = 2 * MAX_LOGIN_ATTEMPTS
const TOLERANCE_MS = 25
const TOLERANCE_SHARE = 0.2

type Answer = { status: number; body: unknown; ms: number }

let server: ServerProcess

const timed = async (
  send: () => Promise<{ status: number; json: any }>,
  body: (json: any) => unknown,
): Promise<Answer> => {
  const started = performance.now()
  const { status, json } = await send()
  return { status, body: body(json), ms: performance.now() - started }
}

const TRANSPORTS = [
  {
    name: 'REST POST /api/users/login',
    login: (email: string) =>
      timed(
        () => apiRequest(server.url, 'POST', '/users/login', { email, password: 'feil-passord-123' }),
        (json) => json,
      ),
  },
  {
    name: 'GraphQL loginUser',
    login: (email: string) =>
      timed(
        () =>
          apiRequest(server.url, 'POST', '/graphql', {
            query: `mutation { loginUser(email: "${email}", password: "feil-passord-123") { token } }`,
          }),
        (json) => json,
      ),
  },
]

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

beforeAll(async () => {
  server = await startServerProcess()
  const adminToken = await registerFirstAdmin(server.url, PASSWORD)
  for (const tag of ['rest', 'graphql']) {
    const made = await apiRequest(
      server.url,
      'POST',
      '/users',
      { email: `finnes-${tag}@example.no`, password: PASSWORD, role: 'editor' },
      adminToken,
    )
    expect(made.status).toBe(201)
  }
})

afterAll(async () => {
  await server?.stop()
})

describe.each(TRANSPORTS)('through the server, a failed login over $name', (transport) => {
  const tag = transport.name.startsWith('REST') ? 'rest' : 'graphql'
  const answers = { existing: [] as Answer[], unknown: [] as Answer[] }

  beforeAll(async () => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      answers.existing.push(await transport.login(`finnes-${tag}@example.no`))
      answers.unknown.push(await transport.login(`finnes-ikke-${tag}@example.no`))
    }
  }, 120_000)

  it('answers an existing e-mail exactly as an unknown one, before and after the lock, with the one Norwegian message', () => {
    const shape = (a: Answer) => JSON.stringify({ status: a.status, body: a.body })
    expect(new Set([...answers.existing, ...answers.unknown].map(shape)).size).toBe(1)
    expect(JSON.stringify(answers.existing[0].body)).toContain(LOGIN_FAILED_MESSAGE)
  })

  // The fastest answers are compared, as a timing attacker would: load on the machine only adds
  // time, so the fastest of several tries is the nearest to what the server itself spends.
  it(`takes as long for either, no sooner than ${FAILED_LOGIN_FLOOR_MS} ms (fastest within ${TOLERANCE_MS} ms or ${TOLERANCE_SHARE * 100} %)`, () => {
    for (const [phase, from, to] of [
      ['before the lock', 0, MAX_LOGIN_ATTEMPTS - 1],
      ['locked', MAX_LOGIN_ATTEMPTS, ATTEMPTS],
    ] as const) {
      const [a, b] = [answers.existing, answers.unknown].map((list) =>
        Math.min(...list.slice(from, to).map((answer) => answer.ms)),
      )
      const [medianA, medianB] = [answers.existing, answers.unknown].map((list) =>
        median(list.slice(from, to).map((answer) => answer.ms)),
      )
      console.log(
        `${transport.name}, ${phase}: fastest ${a.toFixed(1)} ms for an existing e-mail, ${b.toFixed(1)} ms for an unknown one (medians ${medianA.toFixed(1)} and ${medianB.toFixed(1)} ms)`,
      )
      expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.max(TOLERANCE_MS, TOLERANCE_SHARE * Math.max(a, b)))
    }
    expect(Math.min(...[...answers.existing, ...answers.unknown].map((answer) => answer.ms))).toBeGreaterThanOrEqual(
      FAILED_LOGIN_FLOOR_MS,
    )
  })
})
