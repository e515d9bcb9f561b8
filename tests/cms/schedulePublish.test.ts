/**
 * Scheduled publishing over the Local API: the admin's schedule server function queues a job,
 * and the jobs queue (polling every second here, as the server does every JOBS_POLL_SECONDS)
 * publishes the newest draft at that time, with no one logged in.
 */
import { createLocalReq, getPayload, type PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CANNOT_SCHEDULE, schedulePublish } from '../../cms/src/jobs/schedulePublish'
import { todayInOslo } from '../../cms/src/lib/dates'
import { setSiteBuilder } from '../../cms/src/publishing/builderRegistry'
import { paragraphs, publishedEdition, startTestPayload, type TestPayload, type TestUser } from '../support/payload'
import { queuePublishNow } from '../support/cmsChapters'

let t: TestPayload
let editionId: number
const buildRequests: string[] = []

beforeAll(async () => {
  process.env.JOBS_POLL_SECONDS = '1'
  t = await startTestPayload()
  // As the server does: the same Payload, now with its jobs queue polling.
  await getPayload({ config: t.config, cron: true })
  // Only requests matter here; the status and rollback of a real builder are not used.
  setSiteBuilder({
    request: (reason) => void buildRequests.push(reason),
    status: () => {
      throw new Error('not used in this test')
    },
    rollback: () => {
      throw new Error('not used in this test')
    },
    retryNow: () => {
      throw new Error('not used in this test')
    },
  })
  editionId = (await publishedEdition(t.payload)).id
})
afterAll(async () => {
  setSiteBuilder(undefined)
  delete process.env.JOBS_POLL_SECONDS
  await t?.destroy()
})

type ChapterDoc = {
  id: number
  title: string
  revision: number | null
  updateType: string | null
  changeNote: string | null
  publishedAt: string | null
  lastProfessionalChange: string | null
  _status: string
}

let nextNumber = 1
/** A chapter published as revision 1, with a draft on top of it when `draft` is given. */
const chapterWithDraft = async (draft?: Record<string, unknown>) => {
  const chapter = (await t.payload.create({
    collection: 'chapters',
    data: {
      edition: editionId,
      number: `4.${nextNumber++}`,
      title: 'Før planen',
      kind: 'chapter',
      body: paragraphs('Første tekst.'),
      _status: 'published',
    },
  })) as unknown as ChapterDoc
  if (draft)
    await t.payload.update({
      collection: 'chapters',
      id: chapter.id,
      draft: true,
      data: draft,
      user: t.users.editor,
      overrideAccess: false,
    })
  return chapter
}

const reqAs = async (user: TestUser) => createLocalReq({ user }, t.payload) as Promise<PayloadRequest>
const published = async (id: number) =>
  (await t.payload.findByID({ collection: 'chapters', id, depth: 0 })) as unknown as ChapterDoc
/** The chapter's jobs, whether its id was queued as text (as the admin's drawer sends it) or as the number the generated types give. */
const jobsFor = async (id: number) =>
  (
    (await t.payload.find({ collection: 'payload-jobs', pagination: false, overrideAccess: true, depth: 0 }))
      .docs as Array<Record<string, any>>
  ).filter((job) => String(job.input?.doc?.value) === String(id))
const waitFor = async (check: () => Promise<boolean>, ms: number) => {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return true
    await new Promise((r) => setTimeout(r, 200))
  }
  return false
}

/** What the admin's schedule drawer calls: a publish of chapter `id` at `date`, asked for by `user`. */
const scheduleAs = async (user: TestUser, id: number | string, date: Date) =>
  schedulePublish({
    req: await reqAs(user),
    type: 'publish',
    date,
    doc: { relationTo: 'chapters', value: String(id) },
  } as never)

describe('scheduling a publish', () => {
  it('publishes the draft at the scheduled time as the next revision, stamped like a manual publish, and asks for a site build', async () => {
    const chapter = await chapterWithDraft({
      title: 'Etter planen',
      updateType: 'major',
      changeNote: 'Ny tittel etter planen.',
    })
    const at = new Date(Date.now() + 1500)
    const result = await scheduleAs(t.users.publisher, chapter.id, at)
    expect(result).toEqual({ message: expect.any(String) })
    expect(
      (await jobsFor(chapter.id)).map((j) => [j.taskSlug, j.input.type, new Date(j.waitUntil).toISOString()]),
    ).toEqual([['schedulePublish', 'publish', at.toISOString()]])
    // Nothing is published before its time.
    expect([(await published(chapter.id)).title, (await published(chapter.id)).revision]).toEqual(['Før planen', 1])

    expect(await waitFor(async () => (await published(chapter.id)).revision === 2, 15_000)).toBe(true)
    const after = await published(chapter.id)
    expect([
      after.title,
      after._status,
      after.updateType,
      after.changeNote,
      after.lastProfessionalChange?.slice(0, 10),
    ]).toEqual(['Etter planen', 'published', 'major', 'Ny tittel etter planen.', todayInOslo()])
    const publishedAt = Date.parse(after.publishedAt!)
    expect(publishedAt).toBeGreaterThanOrEqual(at.getTime())
    expect(publishedAt).toBeLessThanOrEqual(Date.now())
    // The revision is in the history like any other, and the live site is asked to rebuild.
    const { docs } = await t.payload.findVersions({
      collection: 'chapters',
      where: { and: [{ parent: { equals: chapter.id } }, { 'version._status': { equals: 'published' } }] },
      sort: 'version.revision',
      depth: 0,
    })
    expect(docs.map((d) => [d.version.revision, d.version.title])).toEqual([
      [1, 'Før planen'],
      [2, 'Etter planen'],
    ])
    expect(buildRequests).toContain(`chapters:${chapter.id}`)
  })

  it('refuses a chapter whose draft would break the revision rules on that day, naming the problem', async () => {
    const chapter = await chapterWithDraft({ title: 'Uten merknad', updateType: 'major', changeNote: '' })
    const result = await scheduleAs(t.users.admin, chapter.id, new Date(Date.now() + 60_000))
    expect(result).toEqual({
      error:
        'Publiseringen kan ikke planlegges: En faglig endring må ha en endringsmerknad som forteller leserne hva som er endret.',
    })
    expect(await jobsFor(chapter.id)).toEqual([])
  })
})

describe('editors cannot schedule', () => {
  it('the admin’s schedule function refuses an editor in Norwegian and queues nothing', async () => {
    const chapter = await chapterWithDraft({ title: 'Redaktørens utkast', updateType: 'minor' })
    const result = await scheduleAs(t.users.editor, chapter.id, new Date(Date.now() + 1000))
    expect(result).toEqual({ error: CANNOT_SCHEDULE })
    expect(await jobsFor(chapter.id)).toEqual([])
  })

  it('the jobs queue refuses an editor who queues without the admin', async () => {
    const chapter = await chapterWithDraft()
    await expect(
      t.payload.jobs.queue({
        task: 'schedulePublish',
        input: { type: 'publish', doc: { relationTo: 'chapters', value: chapter.id } },
        waitUntil: new Date(Date.now() + 1000),
        overrideAccess: false,
        req: await reqAs(t.users.editor),
      }),
    ).rejects.toMatchObject({ status: 403 })
    expect(await jobsFor(chapter.id)).toEqual([])
  })

  it('a job queued in an editor’s name fails when it runs, and nothing is published', async () => {
    const chapter = await chapterWithDraft({ title: 'Skal ikke ut', updateType: 'minor' })
    const job = await queuePublishNow(t.payload, t.users.editor, chapter.id)
    expect(
      await waitFor(async () => {
        const [row] = (
          await t.payload.find({
            collection: 'payload-jobs',
            where: { id: { equals: job.id } },
            overrideAccess: true,
            depth: 0,
          })
        ).docs as Array<Record<string, any>>
        return Boolean(row?.hasError || row?.totalTried > 0)
      }, 15_000),
    ).toBe(true)
    expect([(await published(chapter.id)).title, (await published(chapter.id)).revision]).toEqual(['Før planen', 1])
  })
})
