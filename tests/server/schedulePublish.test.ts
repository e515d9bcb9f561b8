/**
 * A scheduled publish through the real server: the server's jobs queue (polling every second
 * with JOBS_POLL_SECONDS=1) publishes a chapter's draft at its time, with no one logged in, and
 * the live site shows it. The job is queued as the admin's schedule drawer queues it, from a
 * second Payload on the server's database (WAL lets both use the file).
 */
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { pollUntil, startServerProcess, type ServerProcess } from '../support/server'
import { apiOf } from '../support/siteApi'

const PASSWORD = 'korrekt-hest-batteri-stift'
const CHAPTER_PAGE = '/arsrapport-2023/malbildet-for-arbeidet/'

let server: ServerProcess
let payload: Payload | undefined

const api = apiOf(() => server)
const waitFor = pollUntil
const chapterPage = async () => (await fetch(`${server.url}${CHAPTER_PAGE}`)).text()

beforeAll(async () => {
  server = await startServerProcess({ JOBS_POLL_SECONDS: '1' })
})
afterAll(async () => {
  await payload?.destroy()
  await server?.stop()
})

describe('a scheduled publish on the running server', () => {
  it('publishes the draft at its time as the next revision and the live site shows it', async () => {
    const first = await api('POST', '/users/first-register', {
      email: 'admin@example.no',
      password: PASSWORD,
      name: 'Admin',
    })
    expect(first.status).toBe(200)
    const made = await api(
      'POST',
      '/users',
      { email: 'publisher@example.no', password: PASSWORD, name: 'Publisist', role: 'publisher' },
      first.json.token,
    )
    expect(made.status).toBe(201)
    const publisher = (await api('POST', '/users/login', { email: 'publisher@example.no', password: PASSWORD })).json
    const health = async () =>
      (await (await fetch(`${server.url}/healthz`)).json()) as { site: { lastBuild: { result: string } | null } }
    expect(await waitFor(async () => (await health()).site.lastBuild?.result === 'succeeded', 170_000)).toBe(true)

    const [chapter] = (await api('GET', '/chapters?where[slug][equals]=malbildet-for-arbeidet')).json.docs
    const draft = await api(
      'PATCH',
      `/chapters/${chapter.id}?draft=true`,
      { title: 'Målbildet for arbeidet, planlagt', updateType: 'major', changeNote: 'Planlagt ny tittel.' },
      publisher.token,
    )
    expect(draft.status).toBe(200)

    // Queue the job as the schedule drawer does: the document, the time and the user who scheduled.
    process.env.DATA_DIR = server.dataDir
    process.env.DATABASE_URL = `file:${path.join(server.dataDir, 'payload.db')}`
    const { getPayload } = await import('payload')
    const { default: config } = await import('../../cms/src/payload.config')
    payload = await getPayload({ config })
    const at = new Date(Date.now() + 2000)
    await payload.jobs.queue({
      task: 'schedulePublish',
      input: {
        type: 'publish',
        doc: { relationTo: 'chapters', value: chapter.id },
        user: { relationTo: 'users', value: publisher.user.id },
      },
      waitUntil: at,
    })
    expect(await chapterPage()).not.toContain('Målbildet for arbeidet, planlagt')

    const started = Date.now()
    expect(await waitFor(async () => (await chapterPage()).includes('Målbildet for arbeidet, planlagt'), 90_000)).toBe(
      true,
    )
    console.log(`scheduled time → live: ${Date.now() - Math.max(started, at.getTime())} ms`)
    const published = (await api('GET', `/chapters/${chapter.id}`)).json
    expect([published.revision, published.updateType, published.changeNote, published._status]).toEqual([
      2,
      'major',
      'Planlagt ny tittel.',
      'published',
    ])
    expect(Date.parse(published.publishedAt)).toBeGreaterThanOrEqual(at.getTime())
    const history = await (await fetch(`${server.url}${CHAPTER_PAGE}versjoner/`)).text()
    expect(history).toContain('<p class="note">Planlagt ny tittel.</p>')
  }, 300_000)
})
