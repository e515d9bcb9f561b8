/**
 * The audit trail over the Local API, REST and GraphQL: every publish, unpublish, withdrawal,
 * restore (through POST /api/chapters/:id/restore, with the update type and note the restorer
 * chose), scheduled publish, site rollback and role change is recorded with who did it and
 * when, and logged; draft saves record nothing. Only administrators read it; nobody creates,
 * changes or deletes an event over any API; the snapshot the reader site is built from never
 * holds any of it.
 */
import { GRAPHQL_POST } from '@payloadcms/next/routes'
import { createLocalReq, type PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSnapshot } from '../../cms/src/export/snapshot'
import { snapshotFiles } from '../../cms/src/export/write'
import { schedulePublish } from '../../cms/src/jobs/schedulePublish'
import { todayInOslo } from '../../cms/src/lib/dates'
import { setSiteBuilder } from '../../cms/src/publishing/builderRegistry'
import { graphqlRequest, PASSWORD, paragraphs, restRequest, type TestPayload, type TestUser } from '../support/payload'
import { startWithStaff, type Role } from '../support/cmsStaff'
import { BUILDS_STATUS, rolledBackTo } from '../support/cmsSiteBuilderStub'
import { revisionSummary, saveChapterAs } from '../support/cmsChapters'

type Event = Record<string, any>

let t: TestPayload
let editionId: number
const tokens: Partial<Record<Role, string>> = {}
let graphqlPost: (request: Request) => Promise<Response>
const logged: Array<Record<string, any>> = []

beforeAll(async () => {
  ;({ t, editionId } = await startWithStaff(tokens))
  graphqlPost = GRAPHQL_POST(Promise.resolve(t.config))
  const info = t.payload.logger.info.bind(t.payload.logger)
  t.payload.logger.info = ((entry: unknown, ...more: unknown[]) => {
    if (entry && typeof entry === 'object' && (entry as { msg?: string }).msg === 'audit event')
      logged.push((entry as { audit: Record<string, any> }).audit)
    return info(entry as never, ...(more as []))
  }) as typeof t.payload.logger.info
  setSiteBuilder({
    request: () => undefined,
    status: () => BUILDS_STATUS,
    retryNow: () => true,
    rollback: rolledBackTo,
  })
})
afterAll(async () => {
  setSiteBuilder(undefined)
  await t?.destroy()
})

const rest = (role: Role, method: string, path: string, body?: unknown) =>
  restRequest(t.config, method, path, body, tokens[role])
const gql = (role: Role, query: string, variables?: Record<string, unknown>) =>
  graphqlRequest(graphqlPost, query, variables, role === 'anonymous' ? undefined : tokens[role])

/** Every event recorded for a document, oldest first, read past access. */
const eventsFor = async (collection: string, id: number | string): Promise<Event[]> =>
  (
    await t.payload.find({
      collection: 'audit-events',
      where: { and: [{ docCollection: { equals: collection } }, { docId: { equals: String(id) } }] },
      sort: 'at',
      limit: 0,
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
  ).docs as Event[]
const allEvents = async () =>
  (
    await t.payload.find({
      collection: 'audit-events',
      limit: 0,
      pagination: false,
      depth: 0,
      sort: 'at',
      overrideAccess: true,
    })
  ).docs as Event[]
const brief = (e: Event) => [e.action, e.version ?? null, e.userEmail ?? null]

let nextNumber = 1
const newChapter = async (as: TestUser, extra: Record<string, unknown> = {}) =>
  (await t.payload.create({
    collection: 'chapters',
    data: {
      edition: editionId,
      number: `7.${nextNumber++}`,
      title: 'Kapittel i loggen',
      kind: 'chapter',
      body: paragraphs('Første tekst.'),
      _status: 'published',
      ...extra,
    },
    user: as,
    overrideAccess: false,
  })) as unknown as { id: number; number: string }
const publishedVersions = async (id: number) =>
  (
    await t.payload.findVersions({
      collection: 'chapters',
      where: { and: [{ parent: { equals: id } }, { 'version._status': { equals: 'published' } }] },
      sort: 'version.revision',
      depth: 0,
      limit: 0,
      pagination: false,
    })
  ).docs as unknown as Array<{ id: number; version: Record<string, any> }>

describe('what the audit trail records', () => {
  it('each publish, withdrawal and unpublish of a chapter, with the document, its version and who did it; draft saves nothing', async () => {
    const chapter = await newChapter(t.users.publisher)
    await saveChapterAs(t.payload, t.users.editor, chapter.id, { title: 'Utkast' }, true)
    await saveChapterAs(t.payload, t.users.admin, chapter.id, {
      title: 'Ny tittel',
      updateType: 'minor',
      _status: 'published',
    })
    await saveChapterAs(t.payload, t.users.publisher, chapter.id, {
      updateType: 'withdrawal',
      changeNote: 'Erstattet av kapittel 8.',
      _status: 'published',
    })
    await saveChapterAs(t.payload, t.users.admin, chapter.id, { _status: 'draft' })
    const events = await eventsFor('chapters', chapter.id)
    expect(events.map(brief)).toEqual([
      ['publish', 1, 'publisher@example.no'],
      ['publish', 2, 'admin@example.no'],
      ['withdrawal', 3, 'publisher@example.no'],
      ['unpublish', null, 'admin@example.no'],
    ])
    expect(events[1]).toMatchObject({
      chapterNumber: chapter.number,
      title: 'Ny tittel',
      updateType: 'minor',
      userName: 'admin',
      userId: String(t.users.admin.id),
    })
    expect(events[2]).toMatchObject({ updateType: 'withdrawal', summary: 'Erstattet av kapittel 8.' })
    for (const e of events) expect(Math.abs(Date.parse(e.at) - Date.now())).toBeLessThan(60_000)
    // Each is in the server log as well, once committed.
    expect(logged.filter((l) => l.docId === String(chapter.id)).map(brief)).toEqual(events.map(brief))
  })

  it('a publish that is refused (or rolled back) leaves no event', async () => {
    const chapter = await newChapter(t.users.publisher)
    await expect(
      t.payload.update({
        collection: 'chapters',
        id: chapter.id,
        data: { updateType: 'major', changeNote: '', _status: 'published' },
        user: t.users.publisher,
        overrideAccess: false,
      }),
    ).rejects.toThrow()
    expect((await eventsFor('chapters', chapter.id)).map(brief)).toEqual([['publish', 1, 'publisher@example.no']])
  })

  it('a publish of other content (an edition) too', async () => {
    const edition = (await t.payload.create({
      collection: 'editions',
      data: { title: 'Årsrapport 2031', slug: 'arsrapport-2031', year: 2031, status: 'current', _status: 'published' },
      user: t.users.admin,
      overrideAccess: false,
    })) as { id: number }
    expect((await eventsFor('editions', edition.id)).map((e) => [e.action, e.title, e.userEmail])).toEqual([
      ['publish', 'Årsrapport 2031', 'admin@example.no'],
    ])
  })

  it('a restore through POST /api/chapters/:id/restore becomes version N+1 with the type and note chosen, by the revision rules', async () => {
    const chapter = await newChapter(t.users.publisher, { lastProfessionalChange: '2025-06-01' })
    await saveChapterAs(t.payload, t.users.publisher, chapter.id, {
      body: paragraphs('Andre tekst.'),
      updateType: 'major',
      changeNote: 'Ny tekst.',
      lastProfessionalChange: '2026-01-15',
      _status: 'published',
    })
    const [first] = await publishedVersions(chapter.id)

    // A faglig endring without a note of its own gets the default one, which says «versjon».
    const major = await rest('publisher', 'POST', `/chapters/${chapter.id}/restore`, {
      version: first.id,
      updateType: 'major',
    })
    expect([major.status, major.json?.doc?.revision]).toEqual([200, 3])
    // A redaksjonell endring keeps «Siste faglige endring» and takes the note written.
    const minor = await rest('admin', 'POST', `/chapters/${chapter.id}/restore`, {
      version: first.id,
      updateType: 'minor',
      changeNote: 'Gjenopprettet innholdet fra versjon 1 igjen.',
    })
    expect([minor.status, minor.json?.doc?.revision]).toEqual([200, 4])

    const versions = await publishedVersions(chapter.id)
    expect(versions.map(revisionSummary)).toEqual([
      [1, 'major', 'Først publisert.', '2025-06-01'],
      [2, 'major', 'Ny tekst.', '2026-01-15'],
      [3, 'major', 'Gjenopprettet innholdet fra versjon 1.', todayInOslo()],
      [4, 'minor', 'Gjenopprettet innholdet fra versjon 1 igjen.', todayInOslo()],
    ])
    expect(JSON.stringify(versions[3].version.body)).toContain('Første tekst.')
    expect((await eventsFor('chapters', chapter.id)).map(brief)).toEqual([
      ['publish', 1, 'publisher@example.no'],
      ['publish', 2, 'publisher@example.no'],
      ['restore', 3, 'publisher@example.no'],
      ['restore', 4, 'admin@example.no'],
    ])
  })

  it('the restore endpoint refuses a withdrawal, an editor publishing, a version of another chapter and anonymous callers, and records nothing', async () => {
    const chapter = await newChapter(t.users.publisher)
    const other = await newChapter(t.users.publisher)
    const [first] = await publishedVersions(chapter.id)
    const [others] = await publishedVersions(other.id)
    const withdrawal = await rest('admin', 'POST', `/chapters/${chapter.id}/restore`, {
      version: first.id,
      updateType: 'withdrawal',
      changeNote: 'Nei.',
    })
    expect([withdrawal.status, withdrawal.json?.errors?.[0]?.message]).toEqual([
      400,
      'En gjenoppretting er en faglig eller en redaksjonell endring: velg en av dem.',
    ])
    expect(
      (await rest('editor', 'POST', `/chapters/${chapter.id}/restore`, { version: first.id, updateType: 'major' }))
        .status,
    ).toBe(403)
    expect((await rest('anonymous', 'POST', `/chapters/${chapter.id}/restore`, { version: first.id })).status).toBe(401)
    expect((await rest('admin', 'POST', `/chapters/${chapter.id}/restore`, { version: others.id })).status).toBe(404)
    // An editor may restore as a draft: nothing is published, nothing recorded.
    const asDraft = await rest('editor', 'POST', `/chapters/${chapter.id}/restore`, { version: first.id, draft: true })
    expect([asDraft.status, asDraft.json]).toMatchObject([200, { doc: { _status: 'draft' } }])
    expect((await publishedVersions(chapter.id)).length).toBe(1)
    expect((await eventsFor('chapters', chapter.id)).map(brief)).toEqual([['publish', 1, 'publisher@example.no']])
  })

  it('a scheduled publish, as the one who scheduled it', async () => {
    const chapter = await newChapter(t.users.publisher)
    await saveChapterAs(t.payload, t.users.editor, chapter.id, { title: 'Planlagt tittel', updateType: 'minor' }, true)
    const req = (await createLocalReq({ user: t.users.publisher }, t.payload)) as PayloadRequest
    const at = new Date(Date.now() + 1000)
    expect(
      await schedulePublish({
        req,
        type: 'publish',
        date: at,
        doc: { relationTo: 'chapters', value: String(chapter.id) },
      } as never),
    ).toEqual({ message: expect.any(String) })
    await new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - Date.now()) + 200))
    await t.payload.jobs.run({ overrideAccess: true })
    const events = await eventsFor('chapters', chapter.id)
    expect(events.map(brief)).toEqual([
      ['publish', 1, 'publisher@example.no'],
      ['scheduledPublish', 2, 'publisher@example.no'],
    ])
    expect(events[1].title).toBe('Planlagt tittel')
  })

  it('a rollback of the site, by the administrator who did it', async () => {
    const before = (await allEvents()).length
    expect((await rest('admin', 'POST', '/site-builds/bygg-1/rollback')).status).toBe(200)
    expect((await rest('publisher', 'POST', '/site-builds/bygg-1/rollback')).status).toBe(403)
    const added = (await allEvents()).slice(before)
    expect(added.map((e) => [e.action, e.summary, e.userEmail])).toEqual([
      ['rollback', 'Nettstedet ble satt tilbake til bygg bygg-1.', 'admin@example.no'],
    ])
    expect(logged.at(-1)).toMatchObject({ action: 'rollback', userEmail: 'admin@example.no' })
  })

  it('a role change and a new account’s role, but not other changes to an account', async () => {
    const made = await rest('admin', 'POST', '/users', {
      email: 'ny-rolle@example.no',
      password: PASSWORD,
      role: 'editor',
      name: 'Ny',
    })
    expect(made.status).toBe(201)
    const id = made.json!.doc.id
    expect((await rest('admin', 'PATCH', `/users/${id}`, { role: 'publisher' })).status).toBe(200)
    expect((await rest('admin', 'PATCH', `/users/${id}`, { name: 'Nytt navn' })).status).toBe(200)
    const events = await eventsFor('users', id)
    expect(events.map((e) => [e.action, e.summary, e.userEmail])).toEqual([
      ['roleChange', 'Ny bruker ny-rolle@example.no med rollen Redaktør.', 'admin@example.no'],
      ['roleChange', 'Rollen til ny-rolle@example.no ble endret fra Redaktør til Publisist.', 'admin@example.no'],
    ])
  })
})

describe('who may do what with the audit trail', () => {
  let eventId: number | string
  beforeAll(async () => {
    eventId = (await allEvents())[0].id
  })
  const still = async () =>
    (await t.payload.findByID({ collection: 'audit-events', id: eventId, overrideAccess: true, depth: 0 })) as Event

  it.each(['anonymous', 'editor', 'publisher', 'admin'] as const)(
    '%s: reads it only as an administrator, over REST, GraphQL and the Local API',
    async (role) => {
      const allowed = role === 'admin'
      const r = await rest(role, 'GET', '/audit-events')
      expect(r.status === 200 && (r.json?.docs?.length ?? 0) > 0).toBe(allowed)
      const g = await gql(role, '{ AuditEvents { docs { id action } } }')
      expect((g.data?.AuditEvents?.docs?.length ?? 0) > 0).toBe(allowed)
      const user = role === 'anonymous' ? undefined : t.users[role]
      const local = await t.payload.find({ collection: 'audit-events', user, overrideAccess: false }).then(
        (f) => f.docs.length > 0,
        () => false,
      )
      expect(local).toBe(allowed)
    },
  )

  it.each(['anonymous', 'editor', 'publisher', 'admin'] as const)(
    '%s: cannot create, change or delete an event over REST, GraphQL or the Local API',
    async (role) => {
      const before = (await allEvents()).length
      const forged = {
        action: 'publish',
        at: new Date().toISOString(),
        title: 'Forfalsket',
        userEmail: 'noen@example.no',
      }
      const user = role === 'anonymous' ? undefined : t.users[role]

      expect((await rest(role, 'POST', '/audit-events', forged)).status).toBeGreaterThanOrEqual(400)
      expect(
        (await rest(role, 'PATCH', `/audit-events/${eventId}`, { title: 'Endret' })).status,
      ).toBeGreaterThanOrEqual(400)
      expect(
        (await rest(role, 'PATCH', `/audit-events?where[id][equals]=${eventId}`, { title: 'Endret' })).json?.docs ?? [],
      ).toEqual([])
      expect((await rest(role, 'DELETE', `/audit-events/${eventId}`)).status).toBeGreaterThanOrEqual(400)
      expect((await rest(role, 'DELETE', `/audit-events?where[id][equals]=${eventId}`)).json?.docs ?? []).toEqual([])

      expect(
        (
          await gql(role, 'mutation($data: mutationAuditEventInput!) { createAuditEvent(data: $data) { id } }', {
            data: forged,
          })
        ).data?.createAuditEvent ?? null,
      ).toBeNull()
      expect(
        (
          await gql(
            role,
            `mutation { updateAuditEvent(id: ${JSON.stringify(eventId)}, data: { title: "Endret" }) { id } }`,
          )
        ).data?.updateAuditEvent ?? null,
      ).toBeNull()
      expect(
        (await gql(role, `mutation { deleteAuditEvent(id: ${JSON.stringify(eventId)}) { id } }`)).data
          ?.deleteAuditEvent ?? null,
      ).toBeNull()

      await expect(
        t.payload.create({ collection: 'audit-events', data: forged as never, user, overrideAccess: false }),
      ).rejects.toMatchObject({ status: 403 })
      await expect(
        t.payload.update({
          collection: 'audit-events',
          id: eventId,
          data: { title: 'Endret' },
          user,
          overrideAccess: false,
        }),
      ).rejects.toMatchObject({ status: 403 })
      await expect(
        t.payload.delete({ collection: 'audit-events', id: eventId, user, overrideAccess: false }),
      ).rejects.toMatchObject({ status: 403 })

      expect((await allEvents()).length).toBe(before)
      expect((await still()).title).not.toBe('Endret')
    },
  )

  it('not even server code with overrideAccess changes or deletes an event', async () => {
    await expect(
      t.payload.update({ collection: 'audit-events', id: eventId, data: { title: 'Endret' }, overrideAccess: true }),
    ).rejects.toThrow('Revisjonsloggen kan ikke endres')
    await expect(t.payload.delete({ collection: 'audit-events', id: eventId, overrideAccess: true })).rejects.toThrow(
      'Revisjonsloggen kan ikke endres',
    )
    await expect(
      t.payload.delete({ collection: 'audit-events', where: { id: { exists: true } }, overrideAccess: true }),
    ).rejects.toThrow('Revisjonsloggen kan ikke endres')
    expect((await still()).id).toBe(eventId)
  })

  it('never reaches the snapshot the reader site is built from', async () => {
    const events = await allEvents()
    expect(events.length).toBeGreaterThan(10)
    const { snapshot, chapters } = await buildSnapshot(t.payload)
    const files = [...snapshotFiles(snapshot, chapters).values()].join('\n')
    expect(files).not.toMatch(/audit|revisjonslogg/i)
    // No event's e-mail, summary or id of the trail appears in anything exported.
    for (const e of events) {
      if (e.userEmail) expect(files).not.toContain(e.userEmail)
      if (e.summary && e.action === 'roleChange') expect(files).not.toContain(e.summary)
    }
  })
})
