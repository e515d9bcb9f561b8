/**
 * A publish asks for a site build once it is committed, never before: the build reads the
 * content itself, so a request made inside the transaction could build the content as it
 * was. The commit is slowed down here, as a loaded database would slow it, and the build
 * must still see the publish.
 *
 * Each change runs in a transaction here, as on MongoDB in production. (The embedded SQLite
 * adapter commits each statement by itself unless told otherwise, so on it there is no later
 * commit to wait for.)
 */
import fs from 'node:fs'
import path from 'node:path'

import { beginTransaction } from '@payloadcms/drizzle'
import { createLocalReq, type Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { buildSnapshot } from '../../cms/src/export/snapshot'
import { afterCommit } from '../../cms/src/lib/afterCommit'
import { setSiteBuilder } from '../../cms/src/publishing/builderRegistry'
import { FolderLeases } from '../../cms/src/publishing/folderLeases'
import { SiteBuilder } from '../../cms/src/publishing/siteBuilder'
import { paragraphs, publishedEdition, startTestPayload, type TestPayload } from '../support/payload'

let t: TestPayload
let editionId: number
let builder: SiteBuilder
/** The title of chapter `chapterId` as each build found it in the published content. */
const built: string[] = []
let chapterId: number | string
let restoreCommit: () => void = () => {}

const chapterTitle = async (payload: Payload) => {
  const { chapters } = await buildSnapshot(payload)
  return chapters.find((c) => c.slug === 'et-kapittel-om-commit')?.revisions.at(-1)?.title ?? '(ikke publisert)'
}

beforeAll(async () => {
  t = await startTestPayload()
  t.payload.db.beginTransaction = beginTransaction as never
  editionId = (await publishedEdition(t.payload)).id
  chapterId = (
    await t.payload.create({
      collection: 'chapters',
      data: {
        edition: editionId,
        number: '7.1',
        title: 'Et kapittel om commit',
        slug: 'et-kapittel-om-commit',
        kind: 'chapter',
        body: paragraphs('Tekst.'),
        lastProfessionalChange: '2024-05-31',
        _status: 'published',
      },
    })
  ).id
  builder = new SiteBuilder(t.payload, path.join(t.dataDir, 'site-data'), {
    debounceMs: 10,
    leases: new FolderLeases(),
    build: async (payload, dir, request) => {
      built.push(await chapterTitle(payload))
      const folder = path.join(dir, 'site-builds', request.id)
      fs.mkdirSync(folder, { recursive: true })
      return { folder, problems: [] }
    },
  })
  setSiteBuilder(builder)
})
afterEach(() => restoreCommit())
afterAll(async () => {
  setSiteBuilder(undefined)
  builder?.stop()
  await t?.destroy()
})

/** Makes every commit wait `ms` before it happens, as a busy database would. */
const slowCommits = (ms: number) => {
  const db = t.payload.db
  const commit = db.commitTransaction
  db.commitTransaction = async (id) => {
    await new Promise((r) => setTimeout(r, ms))
    return commit(id)
  }
  restoreCommit = () => {
    db.commitTransaction = commit
  }
}

describe('a publish whose commit is slow', () => {
  it('is built with the content it published', async () => {
    slowCommits(400)
    built.length = 0
    await t.payload.update({
      collection: 'chapters',
      id: chapterId,
      data: { title: 'Et kapittel om commit, rettet', _status: 'published', updateType: 'minor' },
      user: t.users.publisher,
      overrideAccess: false,
    })
    await builder.idle()
    expect(built).toEqual(['Et kapittel om commit, rettet'])
  })
})

describe('a publish that is rolled back', () => {
  it('asks for no build', async () => {
    built.length = 0
    const req = await createLocalReq({ user: t.users.publisher }, t.payload)
    req.transactionID = (await t.payload.db.beginTransaction()) ?? undefined
    await t.payload.update({
      collection: 'chapters',
      id: chapterId,
      data: { title: 'En tittel som aldri ble lagret', _status: 'published', updateType: 'minor' },
      req,
      overrideAccess: false,
    })
    await t.payload.db.rollbackTransaction(req.transactionID!)
    await new Promise((r) => setTimeout(r, 100))
    await builder.idle()
    expect(built).toEqual([])
    expect(builder.queued()).toEqual([])
  })
})

describe('a change without a transaction', () => {
  it.each([
    ['no transaction id', undefined],
    ['a beginning that resolved to no transaction, as a Promise', Promise.resolve(null)],
    [
      'a beginning that resolved to no transaction, as another thenable',
      { then: (resolve: (v: null) => void) => resolve(null) },
    ],
    ['a beginning copied through JSON by the relationship loader', {}],
  ])('runs the work at once: %s', async (_what, transactionID) => {
    let ran = false
    afterCommit({ payload: t.payload, transactionID } as never, () => (ran = true))
    await new Promise((r) => setTimeout(r, 10))
    expect(ran).toBe(true)
  })
})
