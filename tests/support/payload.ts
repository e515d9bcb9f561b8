import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { handleEndpoints, type Payload, type PayloadRequest, type SanitizedConfig } from 'payload'

import type { Chapter, Edition } from '../../cms/src/payload-types'

export type TestUser = PayloadRequest['user'] & { id: number | string; email: string; role: string }

export type TestPayload = {
  payload: Payload
  config: SanitizedConfig
  dataDir: string
  users: { admin: TestUser; publisher: TestUser; editor: TestUser }
  passwords: Record<'admin' | 'publisher' | 'editor', string>
  destroy: () => Promise<void>
}

export const PASSWORD = 'korrekt-hest-batteri-stift'

/**
 * A Payload instance on a fresh database: a temporary SQLite file, or a fresh MongoDB
 * database when `mongoUri` is given. Its config is the application's own, imported after the
 * environment names the database, with one user of each role (the admin first: the first
 * account is always an admin).
 */
export const startTestPayload = async (opts: { mongoUri?: string } = {}): Promise<TestPayload> => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-test-'))
  process.env.DATA_DIR = dataDir
  process.env.PAYLOAD_SECRET = 'test-secret-0123456789abcdef0123456789abcdef'
  if (opts.mongoUri) {
    const url = new URL(opts.mongoUri)
    url.pathname = `/rapport_test_${process.pid}_${Date.now()}`
    process.env.DATABASE_URL = url.toString()
  } else {
    process.env.DATABASE_URL = `file:${path.join(dataDir, 'test.db')}`
  }
  const { getPayload } = await import('payload')
  const { default: configPromise } = await import('../../cms/src/payload.config')
  const config = await configPromise
  const payload = await getPayload({ config })

  const make = async (role: 'admin' | 'publisher' | 'editor') =>
    (await payload.create({
      collection: 'users',
      data: { email: `${role}@example.no`, password: PASSWORD, name: role, role },
      overrideAccess: true,
    })) as unknown as TestUser
  const admin = await make('admin')
  const publisher = await make('publisher')
  const editor = await make('editor')
  for (const u of [admin, publisher, editor]) (u as { collection?: string }).collection = 'users'

  return {
    payload,
    config,
    dataDir,
    users: { admin, publisher, editor },
    passwords: { admin: PASSWORD, publisher: PASSWORD, editor: PASSWORD },
    destroy: async () => {
      if (opts.mongoUri) await payload.db.dropDatabase?.({ adapter: payload.db } as never).catch(() => undefined)
      await payload.destroy()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The Lexical JSON of a body made of plain paragraphs. */
export const paragraphs = (...texts: string[]): NonNullable<Chapter['body']> => ({
  root: {
    type: 'root',
    format: '',
    indent: 0,
    version: 1,
    direction: 'ltr',
    children: texts.map((text) => ({
      type: 'paragraph',
      format: '',
      indent: 0,
      version: 1,
      direction: 'ltr',
      textFormat: 0,
      textStyle: '',
      children: [{ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
    })),
  },
})

/** A published edition, made past every rule: «Årsrapport <year>», current, with `more` (its parts, say) on top. */
export const publishedEdition = async (
  payload: Payload,
  slug = 'arsrapport-2023',
  year = 2023,
  more: Partial<Omit<Edition, 'id'>> = {},
) =>
  payload.create({
    collection: 'editions',
    data: { title: `Årsrapport ${year}`, slug, year, status: 'current', _status: 'published', ...more },
  })

/**
 * A JSON request to the REST API, answered as the server's /api routes answer it (Payload's
 * `handleEndpoints`, without a server), logged in when a token is given: the status, and the
 * body parsed, or null.
 */
export const restRequest = async (
  config: SanitizedConfig,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
) => {
  const headers = new Headers({ 'content-type': 'application/json' })
  if (token) headers.set('authorization', `JWT ${token}`)
  const response = await handleEndpoints({
    config,
    request: new Request(`http://localhost/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  })
  return { status: response.status, json: (await response.json().catch(() => null)) as Record<string, any> | null }
}

/** What a GraphQL query answers: its status, data and errors. */
export type GraphqlAnswer = {
  status: number
  data?: Record<string, any> | null
  errors?: Array<{ message: string; extensions?: { statusCode?: number } }>
}

/** A GraphQL query through Payload's own route handler, in-process, as the user of `token` (anonymous without one). */
export const graphqlRequest = async (
  graphqlPost: (request: Request) => Promise<Response>,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<GraphqlAnswer> => {
  const headers = new Headers({ 'content-type': 'application/json' })
  if (token) headers.set('authorization', `JWT ${token}`)
  const response = await graphqlPost(
    new Request('http://localhost/api/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    }),
  )
  return { status: response.status, ...((await response.json()) as Omit<GraphqlAnswer, 'status'>) }
}
