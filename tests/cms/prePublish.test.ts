/**
 * The pre-publish check on the server: the endpoint that shows what a publish changes, and the
 * publish path itself, which refuses a faglig endring without its own note whichever way the
 * publish comes: the Local API, REST, GraphQL or a scheduled publish run by the jobs queue.
 */
import { GRAPHQL_POST } from '@payloadcms/next/routes'
import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { paragraphs, PASSWORD, publishedEdition, startTestPayload, type TestPayload } from '../support/payload'
import { FEM_TO_SEKS_IN_FIRST_PARAGRAPH } from '../support/cmsPublishCheck'
import { queuePublishNow } from '../support/cmsChapters'

let t: TestPayload
let edition: number
const tokens: Record<string, string> = {}
const measureIds: Record<number, number | string> = {}

beforeAll(async () => {
  t = await startTestPayload()
  edition = (await publishedEdition(t.payload)).id
  for (const role of ['publisher', 'editor'] as const)
    tokens[role] = (
      await t.payload.login({ collection: 'users', data: { email: `${role}@example.no`, password: PASSWORD } })
    ).token!
  for (const number of [3, 5])
    measureIds[number] = (
      await t.payload.create({
        collection: 'measures',
        data: { number, title: `Tiltak nummer ${number}`, _status: 'published' } as never,
      })
    ).id
})
afterAll(async () => t?.destroy())

type Chapter = { id: number; revision: number | null; changeNote: string | null; title: string }

let nextNumber = 1
/** A chapter published as revision 1 (note «Først publisert.»), then as revision 2, a faglig endring noted «Nye tall.». */
const publishedTwice = async () => {
  const chapter = (await t.payload.create({
    collection: 'chapters',
    data: {
      edition,
      number: `3.${nextNumber++}`,
      title: 'Fastlegeordningen',
      body: paragraphs('Kommunene har fått fem nye stillinger.', 'Ordningen evalueres i 2025.'),
      measures: [measureIds[3]],
      _status: 'published',
    } as never,
  })) as unknown as Chapter
  await t.payload.update({
    collection: 'chapters',
    id: chapter.id,
    data: {
      _status: 'published',
      updateType: 'major',
      changeNote: 'Nye tall.',
      body: paragraphs('Kommunene har fått fem nye stillinger.', 'Ordningen evalueres i 2025.', 'Tredje avsnitt.'),
    } as never,
  })
  return chapter
}

/** A draft over the live version: paragraph 1 says «seks», not «fem», and tiltak 5 is added. */
const EDITED = {
  body: paragraphs('Kommunene har fått seks nye stillinger.', 'Ordningen evalueres i 2025.', 'Tredje avsnitt.'),
}
const editedDraft = async (id: number, extra: Record<string, unknown> = {}) =>
  t.payload.update({
    collection: 'chapters',
    id,
    draft: true,
    data: { ...EDITED, measures: [measureIds[3], measureIds[5]], ...extra } as never,
    user: t.users.editor,
    overrideAccess: false,
  })

const api = async (method: string, path: string, opts: { token?: string; body?: unknown } = {}) => {
  const response = await handleEndpoints({
    config: t.config,
    request: new Request(`http://localhost/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `JWT ${opts.token}` } : {}) },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    }),
  })
  return { status: response.status, json: (await response.json()) as Record<string, any> }
}

const published = async (id: number) =>
  (await t.payload.findByID({ collection: 'chapters', id, depth: 0 })) as unknown as Chapter

/** The message the publish path gives a faglig endring without a note of its own, for the edited draft. */
const NOTE_MESSAGE = 'En faglig endring må ha en endringsmerknad som forteller leserne hva som er endret.'
const SAME_NOTE_MESSAGE =
  'Endringsmerknaden er den samme som for versjon 2. Beskriv hva som er endret i denne versjonen.'
const CHANGES = ' Denne publiseringen endrer: 1 avsnitt endret; tiltak 5 lagt til.'

describe('GET /api/chapters/:id/publish-check', () => {
  it('shows a publisher the changed words, the measure added and the suggestion, against the live version', async () => {
    const chapter = await publishedTwice()
    await editedDraft(chapter.id, { updateType: 'minor' })
    const { status, json } = await api('GET', `/chapters/${chapter.id}/publish-check`, { token: tokens.publisher })
    expect(status).toBe(200)
    expect(json.check.paragraphs).toEqual([FEM_TO_SEKS_IN_FIRST_PARAGRAPH])
    expect(json.check.measures).toEqual({ added: [{ number: 5, title: 'Tiltak nummer 5' }], removed: [] })
    expect(json.summary).toEqual(['1 avsnitt endret', 'Tiltak 5 lagt til'])
    expect([
      json.updateType,
      json.updateTypeLabel,
      json.check.suggestion.updateType,
      json.check.suggestion.label,
      json.suggestionDiffers,
    ]).toEqual(['minor', 'Redaksjonell endring', 'major', 'Faglig endring', true])
    expect(json.check.suggestion.reasons).toEqual([
      'Avsnitt 1 har endret innhold, ikke bare skrivemåte eller tegnsetting.',
      'Tiltak 5 er lagt til.',
    ])
  })

  it('shows an editor too, and compares the form values a POST sends instead of the saved draft', async () => {
    const chapter = await publishedTwice()
    const { status, json } = await api('POST', `/chapters/${chapter.id}/publish-check`, {
      token: tokens.editor,
      body: {
        data: {
          body: paragraphs('Kommunene har fått fem nye stilinger.', 'Ordningen evalueres i 2025.', 'Tredje avsnitt.'),
          updateType: 'minor',
        },
      },
    })
    expect(status).toBe(200)
    expect([json.check.suggestion.updateType, json.suggestionDiffers, json.refusal]).toEqual(['minor', false, null])
  })

  it('says what the rules would refuse, on which field', async () => {
    const chapter = await publishedTwice()
    const { json } = await api('POST', `/chapters/${chapter.id}/publish-check`, {
      token: tokens.publisher,
      body: { data: { ...EDITED, updateType: 'major', changeNote: '' } },
    })
    expect(json.refusal).toEqual({ field: 'changeNote', message: NOTE_MESSAGE })
  })

  it('says a withdrawal keeps the chapter, with the chosen update type', async () => {
    const chapter = await publishedTwice()
    const { json } = await api('POST', `/chapters/${chapter.id}/publish-check`, {
      token: tokens.publisher,
      body: { data: { updateType: 'withdrawal', changeNote: 'Erstattet.' } },
    })
    expect([json.withdrawal, json.updateTypeLabel, json.changeNote, json.refusal]).toEqual([
      true,
      'Tilbaketrekking',
      'Erstattet.',
      null,
    ])
  })

  it('shows the note and date the revision will be stamped with: a redaksjonell endring drops the note kept from the live revision', async () => {
    const chapter = await publishedTwice()
    const { json } = await api('POST', `/chapters/${chapter.id}/publish-check`, {
      token: tokens.publisher,
      body: { data: { updateType: 'minor', changeNote: 'Nye tall.' } },
    })
    expect([json.changeNote, json.stamp]).toEqual([
      null,
      { changeNote: null, lastProfessionalChange: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ])
  })

  it('treats a chapter never published as all new', async () => {
    const draft = (await t.payload.create({
      collection: 'chapters',
      draft: true,
      data: { edition, number: '9.9', title: 'Nytt', body: paragraphs('Alt er nytt.') } as never,
    })) as unknown as Chapter
    const { json } = await api('GET', `/chapters/${draft.id}/publish-check`, { token: tokens.publisher })
    expect([
      json.check.firstPublish,
      json.check.paragraphs.map((c: { type: string }) => c.type),
      json.updateType,
      json.summary,
    ]).toEqual([true, ['added'], 'major', ['Kapitlet publiseres for første gang: alt innholdet er nytt.']])
  })

  it('answers the public 401 and an unknown chapter 404, in Norwegian', async () => {
    const chapter = await publishedTwice()
    expect(await api('GET', `/chapters/${chapter.id}/publish-check`)).toEqual({
      status: 401,
      json: { errors: [{ message: 'Du må være innlogget for å se hva en publisering endrer.' }] },
    })
    expect(await api('GET', '/chapters/99999/publish-check', { token: tokens.publisher })).toEqual({
      status: 404,
      json: { errors: [{ message: 'Fant ikke kapitlet med id «99999».' }] },
    })
  })
})

describe('the publish path refuses a faglig endring without its own note', () => {
  const messagesOf = async (attempt: Promise<unknown>) => {
    try {
      await attempt
    } catch (error) {
      return ((error as { data?: { errors?: Array<{ message: string; path: string }> } }).data?.errors ?? []).map(
        (e) => [e.path, e.message],
      )
    }
    return []
  }

  it('over the Local API, naming what the publish changes', async () => {
    const chapter = await publishedTwice()
    await editedDraft(chapter.id)
    const publish = (changeNote?: string) =>
      t.payload.update({
        collection: 'chapters',
        id: chapter.id,
        data: {
          _status: 'published',
          updateType: 'major',
          ...(changeNote !== undefined ? { changeNote } : {}),
        } as never,
        user: t.users.publisher,
        overrideAccess: false,
      })
    expect(await messagesOf(publish(''))).toEqual([['changeNote', NOTE_MESSAGE + CHANGES]])
    // The note inherited from revision 2 is not its own.
    expect(await messagesOf(publish('Nye tall.'))).toEqual([['changeNote', SAME_NOTE_MESSAGE + CHANGES]])
    expect((await published(chapter.id)).revision).toBe(2)
  })

  it('when the draft kept the previous revision’s note and the publish sends only its status', async () => {
    const chapter = await publishedTwice()
    await editedDraft(chapter.id, { updateType: 'major' })
    // Saved again as a draft with the note of revision 2 typed in (a draft over a draft keeps it).
    await editedDraft(chapter.id, { updateType: 'major', changeNote: 'Nye tall.' })
    expect(
      await messagesOf(
        t.payload.update({
          collection: 'chapters',
          id: chapter.id,
          data: { _status: 'published' } as never,
          user: t.users.publisher,
          overrideAccess: false,
        }),
      ),
    ).toEqual([['changeNote', SAME_NOTE_MESSAGE + CHANGES]])
  })

  it('over REST, with the message on the field', async () => {
    const chapter = await publishedTwice()
    await editedDraft(chapter.id)
    const { status, json } = await api('PATCH', `/chapters/${chapter.id}`, {
      token: tokens.publisher,
      body: { _status: 'published', updateType: 'major', changeNote: 'Nye tall.' },
    })
    expect(status).toBe(400)
    expect(json.errors[0].data.errors).toEqual([
      { message: SAME_NOTE_MESSAGE + CHANGES, path: 'changeNote', label: 'Endringsmerknad' },
    ])
    expect((await published(chapter.id)).revision).toBe(2)
  })

  it('over GraphQL', async () => {
    const chapter = await publishedTwice()
    await editedDraft(chapter.id)
    const response = await GRAPHQL_POST(Promise.resolve(t.config))(
      new Request('http://localhost/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `JWT ${tokens.publisher}` },
        body: JSON.stringify({
          query: `mutation { updateChapter(id: ${chapter.id}, data: { _status: published, updateType: "major", changeNote: "" }) { id revision } }`,
        }),
      }),
    )
    const json = (await response.json()) as { data?: { updateChapter: unknown }; errors?: unknown[] }
    expect(json.data?.updateChapter ?? null).toBeNull()
    expect(JSON.stringify(json.errors)).toContain(NOTE_MESSAGE + CHANGES)
    expect((await published(chapter.id)).revision).toBe(2)
  })

  it('for a scheduled publish, run by the jobs queue with no one logged in', async () => {
    const chapter = await publishedTwice()
    await editedDraft(chapter.id, { updateType: 'major' })
    await editedDraft(chapter.id, { updateType: 'major', changeNote: 'Nye tall.' })
    const job = await queuePublishNow(t.payload, t.users.publisher, chapter.id)
    await t.payload.jobs.runByID({ id: job.id, silent: true })
    const row = (await t.payload.findByID({
      collection: 'payload-jobs',
      id: job.id,
      depth: 0,
      overrideAccess: true,
    })) as Record<string, any>
    // The job fails on the change note; its log keeps the refusal's summary, in Norwegian, naming the field by its label.
    expect([row.hasError, row.log.at(-1).state, row.log.at(-1).error.message]).toEqual([
      true,
      'failed',
      'Følgende felt er ugyldig: Endringsmerknad',
    ])
    expect((await published(chapter.id)).revision).toBe(2)
  })

  it('publishes once the faglig endring has a note of its own', async () => {
    const chapter = await publishedTwice()
    await editedDraft(chapter.id)
    const done = (await t.payload.update({
      collection: 'chapters',
      id: chapter.id,
      data: { _status: 'published', updateType: 'major', changeNote: 'Seks stillinger, og tiltak 5.' } as never,
      user: t.users.publisher,
      overrideAccess: false,
    })) as unknown as Chapter
    expect([done.revision, done.changeNote]).toEqual([3, 'Seks stillinger, og tiltak 5.'])
  })
})
