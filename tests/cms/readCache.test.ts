/**
 * The cache of anonymous REST reads (cms/src/serving/readCache.ts) in front of Payload's own
 * REST handler, as the server puts it in front of the admin app: what it answers from the cache,
 * and that it never answers with what is no longer true, nor with a draft to the public, nor
 * with the public's answer to a logged-in editor.
 */
import type http from 'node:http'

import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bumpReadGeneration, readGeneration } from '../../cms/src/lib/readGeneration'
import { createReadCache, fileStamp, MAX_AGE_MS, readCacheKey, type ReadCache } from '../../cms/src/serving/readCache'
import { makeDoc } from '../support/fixtures'
import { PASSWORD, startTestPayload, type TestPayload } from '../support/payload'
import { listen, type StaticServer } from '../support/staticServer'

let t: TestPayload
let server: StaticServer
let cache: ReadCache
/** How many requests reached Payload (were not answered from the cache). */
let computed = 0
/** Whether the cache also watches the database files (only where a test writes past the hooks, so the others see the hooks alone). */
let watchFiles = false
/** The cache's clock, moved on by the test that lets answers grow old. */
let clock = 0
let editorToken: string
let editionId: number
let chapterId: number

/** Payload's REST handler for a node request, as the admin app's route gives it. */
const payloadRest = async (req: http.IncomingMessage, res: http.ServerResponse) => {
  computed++
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
  const response = await handleEndpoints({
    config: t.config,
    request: new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers }),
  })
  res.statusCode = response.status
  response.headers.forEach((value, name) => res.setHeader(name, value))
  res.end(Buffer.from(await response.arrayBuffer()))
}

type Who = 'public' | 'editor' | 'editor by cookie'

const get = async (path: string, who: Who = 'public') => {
  const headers: Record<string, string> =
    who === 'editor'
      ? { authorization: `JWT ${editorToken}` }
      : who === 'editor by cookie'
        ? { cookie: `payload-token=${editorToken}` }
        : {}
  const before = computed
  const response = await fetch(`${server.url}/api${path}`, { headers })
  return {
    status: response.status,
    json: (await response.json()) as Record<string, any>,
    fromCache: computed === before,
  }
}

beforeAll(async () => {
  t = await startTestPayload()
  const files = fileStamp([`${t.dataDir}/test.db`, `${t.dataDir}/test.db-wal`])
  cache = createReadCache(() => (watchFiles ? files() : ''), { now: () => clock })
  server = await listen((req, res) => void cache.handle(req, res, () => payloadRest(req, res)))
  const edition = await makeDoc(t.payload, 'editions', 'published', 0, { title: 'Utgave før' })
  editionId = edition.id
  chapterId = (await makeDoc(t.payload, 'chapters', 'published', editionId, { title: 'Publisert tittel' })).id
  editorToken = (
    await t.payload.login({ collection: 'users', data: { email: 'editor@example.no', password: PASSWORD } })
  ).token!
}, 120_000)

afterAll(async () => {
  await server?.close()
  await t?.destroy()
})

describe('which requests the cache may answer', () => {
  const base = { method: 'GET', headers: { host: 'localhost' } }
  it.each([
    ['one chapter', { ...base, url: '/api/chapters/4' }, true],
    ['a page of chapters with a query', { ...base, url: '/api/chapters?limit=10&where[slug][equals]=x' }, true],
    ['a measure, a goal area, an edition, news', { ...base, url: '/api/measures/1' }, true],
    [
      'a logged-in user (JWT)',
      { ...base, url: '/api/chapters/4', headers: { host: 'localhost', authorization: 'JWT abc' } },
      false,
    ],
    [
      'an API key',
      { ...base, url: '/api/chapters', headers: { host: 'localhost', authorization: 'users API-Key abc' } },
      false,
    ],
    [
      'any cookie (the login cookie, a language)',
      { ...base, url: '/api/chapters', headers: { host: 'localhost', cookie: 'payload-token=abc' } },
      false,
    ],
    ['a write', { ...base, method: 'PATCH', url: '/api/chapters/4' }, false],
    ['HEAD', { ...base, method: 'HEAD', url: '/api/chapters/4' }, false],
    ['users', { ...base, url: '/api/users' }, false],
    ['the audit trail', { ...base, url: '/api/audit-events' }, false],
    ['a version', { ...base, url: '/api/chapters/versions' }, false],
    ['an endpoint of a chapter', { ...base, url: '/api/chapters/4/revisions' }, false],
    ['the site builds', { ...base, url: '/api/site-builds' }, false],
    ['GraphQL', { ...base, url: '/api/graphql' }, false],
  ])('%s: %s', (_label, req, cacheable) => {
    expect(readCacheKey(req) !== null).toBe(cacheable)
  })

  it('keys on the whole address and on the headers an answer varies by', () => {
    const key = (url: string, headers: Record<string, string> = {}) =>
      readCacheKey({ method: 'GET', url, headers: { host: 'localhost', ...headers } })
    const keys = [
      key('/api/chapters?limit=10'),
      key('/api/chapters?limit=10&draft=true'),
      key('/api/chapters?limit=10', { 'accept-encoding': 'gzip' }),
      key('/api/chapters?limit=10', { 'accept-language': 'en' }),
      key('/api/chapters?limit=10', { origin: 'https://other.example' }),
      key('/api/chapters?limit=10', { host: 'other' }),
    ]
    expect(new Set(keys).size).toBe(keys.length)
  })
})

describe('anonymous reads over REST', () => {
  it('answers a repeated read from the cache, with the same answer', async () => {
    const first = await get(`/chapters/${chapterId}`)
    const second = await get(`/chapters/${chapterId}`)
    expect(first.status).toBe(200)
    expect(first.fromCache).toBe(false)
    expect(second.fromCache).toBe(true)
    expect(second.json).toEqual(first.json)
    expect(second.json.title).toBe('Publisert tittel')
  })

  it('a publish is seen at once, by one document and by the list', async () => {
    await get(`/chapters/${chapterId}`)
    await get('/chapters?limit=10')
    await t.payload.update({
      collection: 'chapters',
      id: chapterId,
      data: { title: 'Ny publisert tittel', _status: 'published', updateType: 'minor' },
      overrideAccess: true,
    })
    const one = await get(`/chapters/${chapterId}`)
    const list = await get('/chapters?limit=10')
    expect(one.json.title).toBe('Ny publisert tittel')
    expect(list.json.docs.map((d: { title: string }) => d.title)).toContain('Ny publisert tittel')
    expect((await get(`/chapters/${chapterId}`)).fromCache).toBe(true)
  })

  it('a change of a related document (the edition a chapter names) is seen in the chapter', async () => {
    expect((await get(`/chapters/${chapterId}`)).json.edition.title).toBe('Utgave før')
    await t.payload.update({
      collection: 'editions',
      id: editionId,
      data: { title: 'Utgave etter', _status: 'published' },
      overrideAccess: true,
    })
    expect((await get(`/chapters/${chapterId}`)).json.edition.title).toBe('Utgave etter')
  })

  it('a deletion moves the content on too (a draft never published, which those who publish may delete)', async () => {
    const doomed = await makeDoc(t.payload, 'news', 'draft', editionId, { title: 'Slettes' })
    const before = readGeneration()
    await t.payload.delete({ collection: 'news', id: doomed.id, overrideAccess: true })
    expect(readGeneration()).toBeGreaterThan(before)
  })

  it('a write that runs no hooks (as another process writing to the database would) is seen too', async () => {
    watchFiles = true
    try {
      await get(`/chapters/${chapterId}`)
      expect((await get(`/chapters/${chapterId}`)).fromCache).toBe(true)
      await t.payload.db.updateOne({
        collection: 'chapters',
        id: chapterId,
        data: { title: 'Skrevet utenom' },
      } as never)
      expect((await get(`/chapters/${chapterId}`)).json.title).toBe('Skrevet utenom')
    } finally {
      watchFiles = false
    }
  })

  it('a write no hook and no file shows (another process writing to MongoDB) is seen once the answer is MAX_AGE_MS old', async () => {
    await get(`/chapters/${chapterId}`)
    await t.payload.db.updateOne({
      collection: 'chapters',
      id: chapterId,
      data: { title: 'Skrevet av en annen prosess' },
    } as never)
    clock += MAX_AGE_MS - 1
    expect((await get(`/chapters/${chapterId}`)).json.title).not.toBe('Skrevet av en annen prosess')
    clock += 1
    const aged = await get(`/chapters/${chapterId}`)
    expect([aged.fromCache, aged.json.title]).toEqual([false, 'Skrevet av en annen prosess'])
  })
})

describe('drafts and logged-in users', () => {
  it('the public never gets a draft, and an editor never gets the public’s answer', async () => {
    const draftOnly = await makeDoc(t.payload, 'chapters', 'draft', editionId, { title: 'Bare utkast' })
    await t.payload.update({
      collection: 'chapters',
      id: chapterId,
      data: { title: 'UTKAST til ny tittel' },
      draft: true,
      overrideAccess: true,
    })

    await get('/chapters?limit=100')
    const publicListAgain = await get('/chapters?limit=100')
    expect(publicListAgain.fromCache).toBe(true)
    const titles = (r: { json: Record<string, any> }) => r.json.docs.map((d: { title: string }) => d.title)
    expect(titles(publicListAgain)).not.toContain('Bare utkast')
    expect(JSON.stringify(publicListAgain.json)).not.toContain('UTKAST')
    expect((await get(`/chapters/${draftOnly.id}`)).status).toBe(404)
    expect((await get(`/chapters/${chapterId}?draft=true`)).json.title).not.toContain('UTKAST')

    // The editor sees the draft-only chapter in the same list, by JWT and by cookie, never from the cache.
    for (const who of ['editor', 'editor by cookie'] as const) {
      const list = await get('/chapters?limit=100', who)
      expect(list.fromCache, who).toBe(false)
      expect(titles(list), who).toContain('Bare utkast')
      const draft = await get(`/chapters/${chapterId}?draft=true`, who)
      expect(draft.fromCache, who).toBe(false)
      expect(draft.json.title, who).toBe('UTKAST til ny tittel')
    }
    // … and leaves nothing behind for the public.
    expect(titles(await get('/chapters?limit=100'))).not.toContain('Bare utkast')
    expect((await get(`/chapters/${chapterId}?draft=true`)).json.title).not.toContain('UTKAST')
  })

  it('publishing the draft shows it to the public at once', async () => {
    expect((await get(`/chapters/${chapterId}`)).json.title).not.toContain('UTKAST')
    await t.payload.update({
      collection: 'chapters',
      id: chapterId,
      data: { _status: 'published', updateType: 'minor' },
      overrideAccess: true,
    })
    expect((await get(`/chapters/${chapterId}`)).json.title).toBe('UTKAST til ny tittel')
  })

  it('a read that was under way while the content changed is not kept for the new content', async () => {
    // Read under one generation, the content moves on before the answer is kept: the next read computes again.
    const path = `/chapters/${chapterId}?depth=1`
    const original = cache.handle
    let moved = false
    cache.handle = (req, res, next) =>
      original(req, res, () => {
        if (!moved) {
          moved = true
          bumpReadGeneration()
        }
        return next()
      })
    try {
      await get(path)
    } finally {
      cache.handle = original
    }
    expect((await get(path)).fromCache).toBe(false)
    expect((await get(path)).fromCache).toBe(true)
  })
})
