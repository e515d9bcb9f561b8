/**
 * The publishing pipeline under production conditions, through the real server, with its data
 * folder on another file system than the checkout (a tmpfs, as a Docker volume would be):
 * readers on keep-alive connections while chapters are published get every answer whole;
 * pages revalidate and come compressed; a write lock held by another process on the database
 * never holds up a reader and gets the writer a 503; a server killed between a build's two
 * switches, and started again on damaged state files, recovers by itself. (A killed build
 * process and an unwritable build folder are in pipeline.test.ts, which can slow a build down.)
 */
import fs from 'node:fs'
import { request } from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'

import { createClient } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { holdDatabaseLock, startReaders } from '../support/readers'
import { apiRequest, ROOT, startServerProcess, type ServerProcess } from '../support/server'
import { firstAdminToken } from '../support/siteApi'
import { majorRevision, waitForServer } from '../support/siteServerWait'

const PASSWORD = 'korrekt-hest-batteri-stift'
const CHAPTER = '/arsrapport-2023/malbildet-for-arbeidet/'

let server: ServerProcess
let token: string
let chapterId: number
let revision = 1

/** A folder for the data on another file system than the checkout, when the machine has one. */
const otherFileSystem = (): string | null => {
  if (!fs.existsSync('/dev/shm')) return null
  return fs.statSync('/dev/shm').dev !== fs.statSync(ROOT).dev
    ? fs.mkdtempSync(path.join('/dev/shm', 'rapport-data-'))
    : null
}

const api = (method: string, route: string, body?: unknown) => apiRequest(server.url, method, route, body, token)
type Health = {
  status: string
  site: {
    liveBuild: string | null
    lastBuild: { id: string; result: string; finishedAt: string | null } | null
    building: boolean
    queued: number
    retry: { failures: number; at: string | null } | null
    degraded: { since: string; reasons: string[] } | null
  }
}
const health = async () => (await (await fetch(`${server.url}/healthz`)).json()) as Health
type Build = {
  id: string
  result: string
  error: string | null
  summary?: string
  reasons: string[]
  attempt?: number
  finishedAt: string | null
  durationMs: number | null
  startedAt: string
}
const builds = async (): Promise<Build[]> => (await api('GET', '/site-builds')).json.builds

const waitFor = <T>(what: string, check: () => Promise<T | false | null | undefined>, ms = 120_000): Promise<T> =>
  waitForServer(server, what, () => check().catch(() => null), ms)
const whole = () =>
  waitFor(
    'the build to be whole',
    async () => (await health()).site.building === false && (await health()).site.queued === 0,
  )

/** Publishes a new major revision of chapter 1.1 with this title; resolves when the request returns. */
const publish = async (title: string) => {
  const r = await api('PATCH', `/chapters/${chapterId}`, majorRevision(title, ++revision))
  expect(r.status).toBe(200)
}

/** A GET as a browser makes it, with these headers and nothing added (fetch adds Cache-Control to conditional requests). */
const get = (url: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; ms: number }>(
    (resolve, reject) => {
      const started = Date.now()
      request(`${server.url}${url}`, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: Buffer.concat(chunks),
            ms: Date.now() - started,
          }),
        )
      })
        .on('error', reject)
        .end()
    },
  )

const login = async () => {
  token = (await apiRequest(server.url, 'POST', '/users/login', { email: 'admin@example.no', password: PASSWORD })).json
    .token
}

const dataDir = otherFileSystem()

beforeAll(async () => {
  if (!dataDir)
    console.log(
      'Skipped the tmpfs part: /dev/shm is missing or on the same file system as the checkout; the data folder is in the test folder.',
    )
  server = await startServerProcess({ JOBS_POLL_SECONDS: '60' }, dataDir ? { dataDir } : {})
  token = await firstAdminToken(api, PASSWORD)
  chapterId = (await api('GET', '/chapters?where[slug][equals]=malbildet-for-arbeidet')).json.docs[0].id
  await waitFor('the first build', async () => (await health()).site.lastBuild?.result === 'succeeded', 200_000)
}, 240_000)

afterAll(async () => {
  await server?.stop()
})

describe('a data folder on its own file system', () => {
  it.skipIf(!dataDir)(
    'builds and serves the site, and a publish goes live',
    async () => {
      expect(fs.statSync(server.dataDir).dev).not.toBe(fs.statSync(ROOT).dev)
      expect((await health()).site.liveBuild).toBeTruthy()
      await publish('Målbildet på eget filsystem')
      await waitFor('the publish to go live', async () =>
        (await (await fetch(`${server.url}${CHAPTER}`)).text()).includes('Målbildet på eget filsystem'),
      )
      await whole()
      expect((await builds())[0]).toMatchObject({ result: 'succeeded' })
    },
    180_000,
  )
})

describe('readers while chapters are published', () => {
  it('get every answer whole, from one build or the other: pages, the JSON API and the feed', async () => {
    const readers = startReaders(
      server.url,
      ['/', CHAPTER, '/api/revisjoner.json', '/api/utgivelser.json', '/endringer.xml'],
      4,
    )
    const live: number[] = []
    for (let i = 1; i <= 3; i++) {
      const title = `Målbildet, lest under publisering ${i}`
      const sent = Date.now()
      await publish(title)
      await waitFor('the publish to go live', async () =>
        (await (await fetch(`${server.url}${CHAPTER}`)).text()).includes(title),
      )
      live.push(Date.now() - sent)
      await whole()
    }
    const stats = await readers.stop()
    console.log(
      `readers during 3 publishes: ${stats.responses} answers, ${stats.failures.length} failed, slowest ${stats.slowestMs} ms; publish → live ${live.join(', ')} ms`,
    )
    expect(stats.failures).toEqual([])
    expect(stats.responses).toBeGreaterThan(200)
  }, 300_000)
})

describe('pages as browsers cache them', () => {
  it('revalidate: the same page answers 304, a published change answers 200 with the new page', async () => {
    const first = await get(CHAPTER)
    expect(first.headers['cache-control']).toBe('no-cache')
    const etag = first.headers.etag as string
    expect((await get(CHAPTER, { 'if-none-match': etag })).status).toBe(304)
    await publish('Målbildet etter hurtigbufferen')
    await waitFor('the publish to go live', async () =>
      (await get(CHAPTER)).body.toString().includes('Målbildet etter hurtigbufferen'),
    )
    const after = await get(CHAPTER, { 'if-none-match': etag })
    expect(after.status).toBe(200)
    expect(after.body.toString()).toContain('Målbildet etter hurtigbufferen')
    await whole()
  }, 180_000)

  it('keeps fingerprinted assets for a year', async () => {
    const css = (await get(CHAPTER)).body.toString().match(/href="(\/_astro\/[^"]+\.css)"/)?.[1]
    expect(css).toBeTruthy()
    expect((await get(css!)).headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('come brotli- or gzip-compressed as the browser asks, the same page as the plain one', async () => {
    const plain = await get(CHAPTER, { 'accept-encoding': 'identity' })
    const br = await get(CHAPTER, { 'accept-encoding': 'gzip, deflate, br' })
    const gz = await get(CHAPTER, { 'accept-encoding': 'gzip' })
    expect([plain.headers['content-encoding'], br.headers['content-encoding'], gz.headers['content-encoding']]).toEqual(
      [undefined, 'br', 'gzip'],
    )
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true)
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true)
    expect(br.body.length).toBeLessThan(plain.body.length / 2)
    const json = await get('/api/revisjoner.json', { 'accept-encoding': 'br' })
    expect([json.status, json.headers['content-encoding'], json.headers['content-type']]).toEqual([
      200,
      'br',
      'application/json; charset=utf-8',
    ])
  })
})

describe('a write lock another process holds on the database', () => {
  it.skipIf(process.env.DATABASE_URL?.startsWith('mongodb'))(
    'never holds up a reader; a draft save waits a few seconds, then gets 503 with Retry-After and a Norwegian message',
    async () => {
      const lock = await holdDatabaseLock(path.join(server.dataDir, 'payload.db'), 7_000)
      const started = Date.now()
      const save = api('PATCH', `/chapters/${chapterId}?draft=true`, {
        title: 'Et utkast mens databasen er låst',
      }).then((r) => ({ ...r, ms: Date.now() - started }))
      const saveHeaders = fetch(`${server.url}/api/chapters/${chapterId}?draft=true`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
        body: JSON.stringify({ title: 'Et utkast til mens databasen er låst' }),
      })
      const times: number[] = []
      while (Date.now() - started < 5_500) {
        const r = await get(CHAPTER)
        expect(r.status).toBe(200)
        times.push(r.ms)
      }
      const saved = await save
      const headers = (await saveHeaders).headers
      await lock.released
      times.sort((a, b) => a - b)
      console.log(
        `during the lock: ${times.length} page loads, median ${times[times.length >> 1]} ms, slowest ${times.at(-1)} ms; the draft save answered ${saved.status} after ${saved.ms} ms`,
      )
      expect(times.at(-1)).toBeLessThan(500)
      expect(saved.status).toBe(503)
      expect(saved.json.errors[0].message).toBe(
        'Databasen er opptatt akkurat nå, så endringen ble ikke lagret. Prøv igjen om noen sekunder.',
      )
      expect(saved.ms).toBeGreaterThanOrEqual(4_500)
      expect(headers.get('retry-after')).toBe('5')
      // Once the lock is gone, the same save goes through, and is stored for good: another
      // process sees it (a connection left with the failed statement in progress would keep it
      // in a transaction that a kill or the garbage collector throws away).
      expect((await api('PATCH', `/chapters/${chapterId}?draft=true`, { title: 'Et utkast etter låsen' })).status).toBe(
        200,
      )
      const elsewhere = createClient({ url: `file:${path.join(server.dataDir, 'payload.db')}` })
      try {
        const newest = await elsewhere.execute({
          sql: 'SELECT version_title FROM _chapters_v WHERE parent_id = ? ORDER BY id DESC LIMIT 1',
          args: [chapterId],
        })
        expect(newest.rows[0]?.version_title).toBe('Et utkast etter låsen')
      } finally {
        elsewhere.close()
      }
    },
    60_000,
  )
})

describe('a server killed between a build’s two switches', () => {
  it('serves the build before on its next start, marks the build interrupted with when it ended, and builds the publish again', async () => {
    const before = (await health()).site.liveBuild!
    const title = 'Målbildet da serveren ble drept'
    await publish(title)
    // The new pages are live over the build before: the live link names a `.pages` folder.
    await waitFor(
      'the new pages to go live',
      async () => fs.readlinkSync(path.join(server.dataDir, 'site')).endsWith('.pages'),
      60_000,
    )
    await server.kill()
    // The state files are damaged too, as a crash of the disk could leave them.
    fs.writeFileSync(path.join(server.dataDir, 'build-queue.json'), '[{"id": "x", "reason": ')
    server = await startServerProcess({ LOG_LEVEL: 'info' }, { dataDir: server.dataDir })
    await login()
    await waitFor(
      'the start build',
      async () => {
        const h = await health()
        return (
          h.site.lastBuild?.result === 'succeeded' &&
          h.site.liveBuild !== before &&
          h.site.queued === 0 &&
          !h.site.building
        )
      },
      200_000,
    )
    const history = await builds()
    const interrupted = history.find((b) => b.error === 'interrupted')!
    expect(interrupted.finishedAt).toBeTruthy()
    expect(interrupted.durationMs).toBe(Date.parse(interrupted.finishedAt!) - Date.parse(interrupted.startedAt))
    const page = await (await fetch(`${server.url}${CHAPTER}`)).text()
    if (!page.includes(title))
      console.log(
        `The chapter page after the restart lacks the publish; the server said:\n${server.output().slice(-6000)}`,
      )
    expect(page).toContain(title)
    expect(fs.readdirSync(server.dataDir).some((f) => f.startsWith('build-queue.json.damaged-'))).toBe(true)
    expect(server.output()).toMatch(/site build state file damaged/)
    // Only builds the history names are left in the builds folder, once the start build's
    // overlay folder, retired when the build was made whole, is removed (after its last reader).
    const named = new Set(history.filter((b) => b.result === 'succeeded').map((b) => b.id))
    const others = () => fs.readdirSync(path.join(server.dataDir, 'site-builds')).filter((f) => !named.has(f))
    await waitFor('the retired folders to be removed', async () => others().length === 0, 15_000).catch(() => undefined)
    expect(others()).toEqual([])
  }, 300_000)
})
