/**
 * A request the server cannot carry out is answered with the right status and a Norwegian
 * message, and no answer names a path on the server, a query or a stack: ids that cannot be
 * ids are not found (404) over REST, the preview and GraphQL alike; an unknown chapter's
 * preview is 404, not 500; GraphQL's document permissions answer the public without error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { APIError } from 'payload'

import { safeErrorAnswers } from '../../cms/src/hooks/safeErrorAnswers'
import { SERVER_ERROR_MESSAGE } from '../../cms/src/lib/errors'
import { isWellFormedId, type IdKind } from '../../cms/src/lib/ids'
import { ROOT, apiRequest, startServerProcess, type ServerProcess } from '../support/server'
import { registerFirstAdmin } from '../support/cmsFirstAdmin'

const PASSWORD = 'korrekt-hest-batteri-stift'
const LONG_ID = '9'.repeat(5000)
const malformed = (id: string) =>
  `Fant ikke dokumentet: «${id.length > 40 ? `${id.slice(0, 39)}…` : id}» er ikke en gyldig id.`

let server: ServerProcess
let token: string
let chapterId: number

/** Nothing a server keeps to itself: its folders, its code's places, a stack, a query, an English catch-all. */
const leaks = (body: string) =>
  [
    server.dataDir,
    ROOT,
    '/tmp/',
    'node_modules',
    '    at ',
    'stack',
    'Failed query',
    'select ',
    'ENAMETOOLONG',
    'mkdtemp',
    'An unknown error',
    'Something went wrong',
  ].filter((s) => body.includes(s))

beforeAll(async () => {
  server = await startServerProcess()
  token = await registerFirstAdmin(server.url, PASSWORD)
  chapterId = (await apiRequest(server.url, 'GET', '/chapters?limit=1')).json.docs[0].id
})
afterAll(async () => server?.stop())

describe('which values can be ids', () => {
  it.each<[string, unknown, IdKind, boolean]>([
    ['a whole number from 1 on SQLite', '12', 'integer', true],
    ['a number on SQLite', 12, 'integer', true],
    ['letters on SQLite', 'abc', 'integer', false],
    ['digits followed by letters on SQLite', '12abc', 'integer', false],
    ['zero on SQLite', '0', 'integer', false],
    ['a negative number on SQLite', '-1', 'integer', false],
    ['a fraction on SQLite', '1.5', 'integer', false],
    ['an exponent on SQLite', '1e3', 'integer', false],
    ['5,000 digits on SQLite', LONG_ID, 'integer', false],
    ['a parsed NaN on SQLite', Number.NaN, 'integer', false],
    ['an ObjectId on MongoDB', '65f0c0ffee0000000000aa02', 'objectId', true],
    ['12 on MongoDB', '12', 'objectId', false],
    ['an ObjectId and more on MongoDB', '65f0c0ffee0000000000aa02x', 'objectId', false],
  ])('%s: %s', (_what, value, kind, expected) => {
    expect(isWellFormedId(value, kind)).toBe(expected)
  })
})

describe('what a failed request is answered (the afterError hook)', () => {
  const req = (routeParams: Record<string, string> = {}) =>
    ({
      routeParams,
      payload: { collections: { chapters: {} }, db: { defaultIDType: 'number', name: 'sqlite' } },
    }) as never
  const chapters = { slug: 'chapters' } as never
  /** A GraphQL error Payload reports with `status`, its answer still saying `message`. */
  const graphqlFailure = (message: string, status: number) =>
    ({
      error: Object.assign(new Error(message), { originalError: { status } }),
      req: req(),
      graphqlResult: { message },
    }) as never
  const leaky = Object.assign(
    new Error(`Failed query: select * from "chapters" where id = ? (${ROOT}/data/payload.db)`),
    { stack: 'Error: …\n    at find (/app/node_modules/x.js:1:1)' },
  )
  it.each<[string, Parameters<typeof safeErrorAnswers>[0], unknown]>([
    [
      'a database failure over REST: one Norwegian sentence, 500',
      {
        error: leaky,
        req: req(),
        collection: chapters,
        result: { errors: [{ message: 'Something went wrong.' }] },
      } as never,
      { response: { errors: [{ message: SERVER_ERROR_MESSAGE }] }, status: 500 },
    ],
    [
      'a refusal written for the client (400): left as it is',
      {
        error: new APIError('Ugyldig.', 400, null, true),
        req: req(),
        result: { errors: [{ message: 'Ugyldig.' }] },
      } as never,
      undefined,
    ],
    [
      'a malformed id in the address, whatever failed: 404',
      {
        error: new APIError('Missing ID of version.', 400, null, true),
        req: req({ collection: 'chapters', id: 'abc' }),
        collection: chapters,
        result: {},
      } as never,
      { response: { errors: [{ message: 'Fant ikke dokumentet: «abc» er ikke en gyldig id.' }] }, status: 404 },
    ],
    [
      'a GraphQL field that failed: one Norwegian sentence',
      {
        error: leaky,
        req: req(),
        graphqlResult: { message: 'Something went wrong.', extensions: { statusCode: 500, stack: 'x' }, path: ['a'] },
      } as never,
      { graphqlResult: { message: SERVER_ERROR_MESSAGE, extensions: { statusCode: 500 }, path: ['a'] } },
    ],
    [
      'a GraphQL answer of a busy database (503): left as it is',
      graphqlFailure('Databasen er opptatt', 503),
      undefined,
    ],
    ['a GraphQL not found: left as it is', graphqlFailure('Ikke funnet', 404), undefined],
  ])('%s', async (_what, args, expected) => {
    expect(await safeErrorAnswers(args)).toEqual(expected)
  })
})

describe('REST: a document named by a value that cannot be an id', () => {
  it.each([
    ['GET', '/chapters/abc', false],
    ['GET', '/chapters/abc', true],
    ['GET', '/chapters/12abc', false],
    ['GET', '/chapters/1.5', false],
    ['GET', `/chapters/${LONG_ID}`, false],
    ['PATCH', '/chapters/abc', true],
    ['DELETE', '/chapters/abc', true],
    ['GET', '/chapters/versions/abc', true],
    ['POST', '/chapters/versions/abc', true],
    ['POST', '/chapters/abc/duplicate', true],
    ['GET', '/users/abc', true],
    ['GET', '/news/abc', false],
  ])('%s %s (logged in: %s) is not found, in Norwegian', async (method, route, loggedIn) => {
    const { status, json } = await apiRequest(
      server.url,
      method,
      route,
      method === 'GET' || method === 'DELETE' ? undefined : {},
      loggedIn ? token : undefined,
    )
    const id = route.split('/').find((part) => /abc|\.|^9{40}/.test(part))!
    expect([status, json]).toEqual([404, { errors: [{ message: malformed(id) }] }])
  })

  it('an unknown id that can be one is not found either, as before', async () => {
    expect(await apiRequest(server.url, 'GET', '/chapters/999999')).toEqual({
      status: 404,
      json: { errors: [{ message: 'Ikke funnet' }] },
    })
  })

  it('a failure of the server answers in Norwegian and names nothing of it', async () => {
    // Before ids in queries were checked, a relation compared with letters failed in the database.
    const response = await fetch(`${server.url}/api/chapters?where[edition][equals]=abc`, {
      headers: { authorization: `JWT ${token}` },
    })
    const body = await response.text()
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(leaks(body)).toEqual([])
    if (response.status === 500) expect(JSON.parse(body)).toEqual({ errors: [{ message: SERVER_ERROR_MESSAGE }] })
  })
})

describe('REST: a query comparing ids with a value that cannot be one', () => {
  it.each([
    ['a relation compared with letters', 'where[edition][equals]=abc', 'abc'],
    ['a relation in a list with letters', 'where[edition][in]=1,abc', 'abc'],
    ['the id compared with 5,000 digits', `where[id][equals]=${LONG_ID}`, LONG_ID],
    ['a relation’s id compared with a fraction', 'where[edition.id][not_equals]=1.5', '1.5'],
    ['a condition within or', 'where[or][0][goalArea][equals]=x', 'x'],
  ])('is refused (400) in Norwegian: %s', async (_what, query, value) => {
    const response = await fetch(`${server.url}/api/chapters?${query}`, { headers: { authorization: `JWT ${token}` } })
    const shown = value.length > 40 ? `${value.slice(0, 39)}…` : value
    expect([response.status, await response.json()]).toEqual([
      400,
      { errors: [{ message: `Spørringen kan ikke utføres: «${shown}» er ikke en gyldig id.` }] },
    ])
  })

  it('a query with ids that can be ids is answered as before', async () => {
    const response = await fetch(
      `${server.url}/api/chapters?where[id][in]=${chapterId},999999&where[edition][exists]=true`,
    )
    expect([
      response.status,
      ((await response.json()) as { docs: Array<{ id: number }> }).docs.map((d) => d.id),
    ]).toEqual([200, [chapterId]])
  })
})

describe('the preview of a chapter', () => {
  const preview = async (id: string) => {
    const response = await fetch(`${server.url}/forhandsvisning/kapittel/${id}/`, {
      headers: { authorization: `JWT ${token}` },
    })
    return { status: response.status, body: await response.text() }
  }

  it.each([
    ['an unknown id', '999999'],
    ['letters', 'abc'],
    ['5,000 digits', LONG_ID],
    ['a path', '..%2F..%2Fetc'],
  ])('of %s is not found, naming nothing of the server', async (_what, id) => {
    const { status, body } = await preview(id)
    expect([status, body, leaks(body)]).toEqual([404, 'Fant ikke kapitlet.', []])
  })

  it('of a chapter that exists is still shown', async () => {
    const { status, body } = await preview(String(chapterId))
    expect(status).toBe(200)
    expect(body).toContain('Forhåndsvisning av utkast – ikke publisert.')
  })
})

describe('GraphQL', () => {
  const graphql = async (query: string, auth?: string) => {
    const response = await fetch(`${server.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `JWT ${auth}` } : {}) },
      body: JSON.stringify({ query }),
    })
    const body = await response.text()
    return {
      status: response.status,
      body,
      json: JSON.parse(body) as { data?: any; errors?: Array<{ message: string }> },
    }
  }
  const docAccess = (id: number) =>
    `{ docAccessChapter(id: ${id}) { create { permission } read { permission } update { permission } delete { permission } fields { title { read { permission } update { permission } } body { read { permission } } } } }`

  it('answers the public which of a chapter it may read and change, without an error', async () => {
    const { status, json, body } = await graphql(docAccess(chapterId))
    expect([status, json.errors, leaks(body)]).toEqual([200, undefined, []])
    expect(json.data.docAccessChapter).toEqual({
      create: { permission: false },
      read: { permission: true },
      update: { permission: false },
      delete: { permission: false },
      fields: {
        title: { read: { permission: true }, update: { permission: false } },
        body: { read: { permission: true } },
      },
    })
  })

  it('answers the public what it may do in every collection, without an error', async () => {
    const { status, json } = await graphql(
      '{ Access { canAccessAdmin chapters { read { permission } update { permission } fields { title { read { permission } update { permission } } } } users { create { permission } } } }',
    )
    expect([status, json.errors]).toEqual([200, undefined])
    expect(json.data.Access).toEqual({
      canAccessAdmin: false,
      chapters: {
        read: { permission: true },
        update: { permission: false },
        fields: { title: { read: { permission: true }, update: { permission: false } } },
      },
      users: { create: { permission: false } },
    })
  })

  it('answers an administrator that everything is allowed', async () => {
    const { json } = await graphql(docAccess(chapterId), token)
    expect(json.errors).toBeUndefined()
    expect(json.data.docAccessChapter).toMatchObject({
      update: { permission: true },
      fields: { title: { update: { permission: true } } },
    })
  })

  it('answers an unknown chapter as not found, and names nothing of the server', async () => {
    const { json, body } = await graphql(docAccess(999999))
    expect([json.errors?.map((e) => e.message), leaks(body)]).toEqual([['Ikke funnet'], []])
  })
})
