import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Edition } from '../../cms/src/payload-types'
import type { BuildRecord, SiteBuildControl, SiteBuildsStatus } from '../../cms/src/publishing/builderRegistry'
import { setSiteBuilder } from '../../cms/src/publishing/builderRegistry'
import { describePublication, publicationState } from '../../cms/src/publishing/publicationState'
import { PASSWORD, publishedEdition, startTestPayload, type TestPayload } from '../support/payload'

/**
 * What the admin tells editors around a publish: the revision rules as warnings on a draft
 * (POST /api/chapters/revision-check) and as Norwegian refusals on the field at publish, the
 * live version, whether a publish is on the site yet (GET /api/chapters/:id/site-status), and
 * the documents the site builds were for (GET /api/site-builds).
 */

let t: TestPayload
let edition: Edition
const tokens: Record<string, string> = {}
let status: SiteBuildsStatus

const build = (over: Partial<BuildRecord>): BuildRecord => ({
  id: 'b',
  kind: 'build',
  reasons: [],
  startedAt: '',
  finishedAt: null,
  durationMs: null,
  result: 'succeeded',
  error: null,
  ...over,
})
const emptyStatus = (): SiteBuildsStatus => ({
  liveBuild: null,
  building: false,
  queued: [],
  builds: [],
  rollbackTargets: [],
  retry: null,
  degraded: null,
})

beforeAll(async () => {
  t = await startTestPayload()
  edition = await publishedEdition(t.payload, 'arsrapport-2023', 2023)
  for (const role of ['editor', 'publisher'] as const) {
    tokens[role] = (
      await t.payload.login({ collection: 'users', data: { email: `${role}@example.no`, password: PASSWORD } })
    ).token!
  }
  status = emptyStatus()
  const fake: SiteBuildControl = {
    request: () => undefined,
    retryNow: () => false,
    status: () => status,
    rollback: () => ({ ok: false, reason: 'unknown', message: '' }),
  }
  setSiteBuilder(fake)
})
afterAll(async () => {
  setSiteBuilder(undefined)
  await t?.destroy()
})

const rest = async (method: string, route: string, body?: unknown, token = tokens.publisher, language = 'nb') => {
  const response = await handleEndpoints({
    config: t.config,
    request: new Request(`http://localhost/api${route}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'accept-language': language,
        ...(token ? { authorization: `JWT ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  })
  return { status: response.status, json: (await response.json()) as any }
}

const publishedChapter = async (number: string) =>
  (await t.payload.create({
    collection: 'chapters',
    data: {
      edition: edition.id,
      number,
      title: `Kapittel ${number}`,
      lastProfessionalChange: '2022-05-19',
      changeNote: 'Lansert.',
      _status: 'published',
    } as never,
  })) as { id: number | string; publishedAt: string }

/** Publishes a major update of chapter `id` over REST, dated 1 March 2021: before its previous revision's date. */
const publishBackdated = (id: number | string, changeNote: string) =>
  rest('PATCH', `/chapters/${id}`, {
    _status: 'published',
    updateType: 'major',
    changeNote,
    lastProfessionalChange: '2021-03-01',
  })

describe('a publish that breaks a revision rule', () => {
  it('is refused with the rule in Norwegian on the field, and a Norwegian summary naming the field by its label', async () => {
    const chapter = await publishedChapter('3.1')
    const refused = await publishBackdated(chapter.id, 'Nye tall.')
    expect(refused.status).toBe(400)
    expect(refused.json.errors[0].message).toBe('Følgende felt er ugyldig: Siste faglige endring')
    expect(refused.json.errors[0].data.errors).toEqual([
      {
        path: 'lastProfessionalChange',
        label: 'Siste faglige endring',
        message:
          'Datoen kan ikke være før forrige versjons siste faglige endring, 19. mai 2022. Du har valgt 1. mars 2021.',
      },
    ])
  })

  it('names every field that stops it at once', async () => {
    const chapter = await publishedChapter('3.2')
    const refused = await publishBackdated(chapter.id, '')
    expect(refused.json.errors[0].message).toBe('Følgende felter er ugyldige: Endringsmerknad, Siste faglige endring')
    expect(refused.json.errors[0].data.errors.map((e: { path: string }) => e.path)).toEqual([
      'changeNote',
      'lastProfessionalChange',
    ])
  })
})

describe('POST /api/chapters/revision-check', () => {
  it('warns about what would stop the publish of a draft the editor saved', async () => {
    const chapter = await publishedChapter('3.3')
    const draft = { updateType: 'major', changeNote: 'Nye tall for 2024.', lastProfessionalChange: '2021-03-01' }
    const saved = await rest('PATCH', `/chapters/${chapter.id}?draft=true`, draft, tokens.editor)
    expect(saved.status).toBe(200)
    const { status: code, json } = await rest(
      'POST',
      '/chapters/revision-check',
      { id: chapter.id, data: draft },
      tokens.editor,
    )
    expect(code).toBe(200)
    expect(json.next).toBeNull()
    expect(json.problems).toEqual([
      {
        field: 'lastProfessionalChange',
        label: 'Siste faglige endring',
        message:
          'Datoen kan ikke være før forrige versjons siste faglige endring, 19. mai 2022. Du har valgt 1. mars 2021.',
      },
    ])
    expect(json.current).toMatchObject({
      revision: 1,
      updateType: 'major',
      updateTypeLabel: 'Faglig endring',
      changeNote: 'Lansert.',
      lastProfessionalChange: '2022-05-19',
    })
  })

  it('says which version a publish would make when no rule stops it', async () => {
    const chapter = await publishedChapter('3.4')
    const { json } = await rest(
      'POST',
      '/chapters/revision-check',
      { id: chapter.id, data: { updateType: 'minor', changeNote: null, lastProfessionalChange: null } },
      tokens.editor,
    )
    expect(json.problems).toEqual([])
    expect(json.next).toMatchObject({
      revision: 2,
      updateType: 'minor',
      updateTypeLabel: 'Redaksjonell endring',
      lastProfessionalChange: '2022-05-19',
    })
  })

  it('treats a chapter never published as a first publish, and answers no one who is not logged in', async () => {
    const { json } = await rest('POST', '/chapters/revision-check', { id: null, data: {} }, tokens.editor)
    expect([json.current, json.next?.revision, json.next?.changeNote, json.problems]).toEqual([
      null,
      1,
      'Først publisert.',
      [],
    ])
    expect((await rest('POST', '/chapters/revision-check', { id: null, data: {} }, '')).status).toBe(403)
  })
})

describe('GET /api/chapters/:id/site-status', () => {
  it('follows a publish from waiting to live, with the live page’s address', async () => {
    const chapter = await publishedChapter('3.5')
    const reason = `chapters:${chapter.id}`
    const at = (ms: number) => new Date(Date.parse(chapter.publishedAt) + ms).toISOString()
    const get = async () => (await rest('GET', `/chapters/${chapter.id}/site-status`, undefined, tokens.editor)).json
    status = {
      ...emptyStatus(),
      liveBuild: 'old',
      queued: [reason],
      builds: [build({ id: 'old', startedAt: at(-60_000), reasons: ['start'] })],
    }
    expect(await get()).toMatchObject({
      state: 'waiting',
      url: '/arsrapport-2023/kapittel-3-5/',
      publishedAt: chapter.publishedAt,
    })
    status = {
      ...status,
      building: true,
      queued: [],
      builds: [build({ id: 'new', startedAt: at(200), reasons: [reason], result: 'running' }), ...status.builds],
    }
    expect((await get()).state).toBe('building')
    status = {
      ...status,
      building: false,
      liveBuild: 'new',
      builds: [
        build({ id: 'new', startedAt: at(200), finishedAt: at(3000), reasons: [reason] }),
        ...status.builds.slice(1),
      ],
    }
    expect(await get()).toMatchObject({ state: 'live', liveAt: at(3000), url: '/arsrapport-2023/kapittel-3-5/' })
  })
})

describe('publicationState and describePublication', () => {
  const since = '2026-11-29T13:00:00.000Z'
  const reason = 'chapters:7'
  const now = new Date('2026-11-29T14:00:00.000Z')
  it.each([
    [
      'a build that started before the publish does not count',
      { liveBuild: 'a', builds: [build({ id: 'a', startedAt: '2026-11-29T12:59:59.000Z', reasons: [reason] })] },
      { state: 'waiting' },
      'Publiseres på nettstedet…',
    ],
    [
      'a build of another request does not count',
      {
        builds: [build({ id: 'a', startedAt: '2026-11-29T13:00:01.000Z', reasons: ['chapters:8'], result: 'running' })],
      },
      { state: 'waiting' },
      'Publiseres på nettstedet…',
    ],
    [
      'a succeeded build of the request makes it live, at the end of the first one, in Oslo time',
      {
        liveBuild: 'c',
        builds: [
          build({ id: 'c', startedAt: '2026-11-29T13:05:00.000Z', reasons: ['chapters:8'] }),
          build({
            id: 'b',
            startedAt: '2026-11-29T13:00:01.000Z',
            finishedAt: '2026-11-29T13:02:30.000Z',
            reasons: [reason, 'news:1'],
          }),
        ],
      },
      { state: 'live', liveAt: '2026-11-29T13:02:30.000Z' },
      'Publisert på nettstedet kl. 14:02',
    ],
    [
      'a start build after the publish builds it too',
      {
        liveBuild: 's',
        builds: [
          build({
            id: 's',
            startedAt: '2026-11-29T13:30:00.000Z',
            finishedAt: '2026-11-29T13:31:00.000Z',
            reasons: ['start'],
          }),
        ],
      },
      { state: 'live', liveAt: '2026-11-29T13:31:00.000Z' },
      'Publisert på nettstedet kl. 14:31',
    ],
    [
      'a failed build says why, and when it is tried again',
      {
        queued: [reason],
        retry: { failures: 1, limit: 5, at: '2026-11-29T13:01:05.000Z' },
        builds: [
          build({
            id: 'f',
            startedAt: '2026-11-29T13:00:01.000Z',
            reasons: [reason],
            result: 'failed',
            error: 'EACCES: permission denied, mkdir …',
            summary: 'Nettstedet kunne ikke skrives til datamappen: ingen skrivetilgang.',
          }),
        ],
      },
      {
        state: 'failed',
        summary: 'Nettstedet kunne ikke skrives til datamappen: ingen skrivetilgang.',
        retryAt: '2026-11-29T13:01:05.000Z',
        gaveUp: false,
      },
      'Publiseringen er ikke på nettstedet: byggingen av nettstedet feilet.',
    ],
    [
      'a rollback to a build from before the publish takes it off the site',
      {
        liveBuild: 'old',
        builds: [
          build({ id: 'r', kind: 'rollback', startedAt: '2026-11-29T13:10:00.000Z', target: 'old' }),
          build({ id: 'new', startedAt: '2026-11-29T13:00:01.000Z', reasons: [reason] }),
          build({ id: 'old', startedAt: '2026-11-29T12:00:00.000Z', reasons: ['start'] }),
        ],
      },
      { state: 'rolledBack' },
      'Ikke på nettstedet nå: nettstedet er rullet tilbake til et bygg fra før denne publiseringen.',
    ],
  ])('%s', (_name, over, expected, text) => {
    const state = publicationState({ ...emptyStatus(), ...over } as SiteBuildsStatus, reason, since)
    expect(state).toMatchObject(expected)
    expect(describePublication(state, now).text).toBe(text)
  })

  it('names the day as well when the publish went live another day', () => {
    expect(describePublication({ state: 'live', liveAt: '2026-11-27T07:05:00.000Z' }, now).text).toBe(
      'Publisert på nettstedet 27. november 2026 kl. 08:05',
    )
    expect(
      describePublication(
        { state: 'failed', summary: 'Feil.', error: null, retryAt: '2026-11-29T13:01:05.000Z', gaveUp: false },
        now,
      ).details,
    ).toEqual(['Feil.', 'Prøves igjen automatisk kl. 14:01.'])
  })
})

describe('GET /api/site-builds', () => {
  it('names the chapters the builds were for by number, title and edition', async () => {
    const chapter = await publishedChapter('3.6')
    const intro = await t.payload.create({
      collection: 'chapters',
      data: { edition: edition.id, kind: 'partIntro', part: 2, title: 'Om del 2', _status: 'published' } as never,
    })
    status = {
      ...emptyStatus(),
      builds: [
        build({
          id: 'x',
          startedAt: '2026-11-29T13:00:00.000Z',
          reasons: [`chapters:${chapter.id}`, `chapters:${intro.id}`, 'chapters:999999', 'start'],
        }),
      ],
    }
    const { json } = await rest('GET', '/site-builds', undefined, tokens.editor)
    expect(json.reasonLabels).toEqual({
      [`chapters:${chapter.id}`]: 'Kapittel 3.6 Kapittel 3.6 (årsrapport 2023)',
      [`chapters:${intro.id}`]: 'Innledning til del 2: Om del 2 (årsrapport 2023)',
    })
  })
})
