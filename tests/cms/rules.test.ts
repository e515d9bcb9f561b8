import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { todayInOslo } from '../../cms/src/lib/dates'
import type { Chapter } from '../../cms/src/payload-types'
import { paragraphs, PASSWORD, startTestPayload, type TestPayload } from '../support/payload'
import { saveChapterAs } from '../support/cmsChapters'

let t: TestPayload
let edition: number
let otherEdition: number | string
let publisherToken: string

beforeAll(async () => {
  t = await startTestPayload()
  const make = (slug: string, year: number) =>
    t.payload.create({
      collection: 'editions',
      data: { title: slug, slug, year, status: 'current', _status: 'published' },
    })
  edition = (await make('arsrapport-2021', 2021)).id
  otherEdition = (await make('arsrapport-2023', 2023)).id
  publisherToken = (
    await t.payload.login({ collection: 'users', data: { email: 'publisher@example.no', password: PASSWORD } })
  ).token!
})
afterAll(async () => t?.destroy())

const asPublisher = { user: () => t.users.publisher, overrideAccess: false as const }

/** The messages of a refused write, as the admin UI and the API report them. */
const messagesOf = async (attempt: Promise<unknown>): Promise<string[]> => {
  try {
    await attempt
  } catch (error) {
    const e = error as { message: string; data?: { errors?: Array<{ message: string }> } }
    return e.data?.errors?.map((x) => x.message) ?? [e.message]
  }
  return []
}

const publishChapter = (data: Record<string, unknown>) =>
  t.payload.create({
    collection: 'chapters',
    data: { edition, title: 'Kapittel', body: paragraphs('Tekst.'), _status: 'published', ...data } as never,
    user: asPublisher.user(),
    overrideAccess: false,
  })

/** A chapter published with `chapterData`, then PATCHed over REST by a publisher: the status and the field errors answered. */
const patchOverRest = async (chapterData: Record<string, unknown>, body: unknown) => {
  const chapter = await publishChapter(chapterData)
  const response = await handleEndpoints({
    config: t.config,
    request: new Request(`http://localhost/api/chapters/${chapter.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `JWT ${publisherToken}` },
      body: JSON.stringify(body),
    }),
  })
  const json = (await response.json()) as {
    errors?: Array<{ message: string; data?: { errors?: Array<{ message: string; path: string }> } }>
  }
  return { status: response.status, fieldErrors: json.errors?.[0]?.data?.errors }
}

describe('chapter numbers', () => {
  it.each(['2.x', '0', '1.2.3', 'Kapittel 2', '2,1', '02'])(
    'refuses the number "%s" and says which form is expected',
    async (number) => {
      expect(await messagesOf(publishChapter({ number }))).toEqual([
        `Kapittelnummeret «${number}» har feil form. Bruk et tall eller to tall med punktum mellom, for eksempel 2 eller 2.1.`,
      ])
    },
  )

  it('refuses a number already used in the same edition, also for drafts', async () => {
    await publishChapter({ number: '4.1' })
    const message =
      'Kapittel 4.1 finnes allerede i denne utgaven. Et kapittelnummer kan bare brukes én gang per utgave.'
    expect(await messagesOf(publishChapter({ number: '4.1' }))).toEqual([message])
    expect(
      await messagesOf(
        t.payload.create({
          collection: 'chapters',
          data: { edition, number: '4.1', title: 'Utkast' },
          draft: true,
          user: t.users.editor,
          overrideAccess: false,
        }),
      ),
    ).toEqual([message])
  })

  it('allows the same number in another edition, and no number for a part introduction', async () => {
    await publishChapter({ number: '5.1' })
    const other = await publishChapter({ number: '5.1', edition: otherEdition })
    const intro = await publishChapter({ kind: 'partIntro', title: 'Del 1 – Tiltak, status og effekter' })
    expect([other.number, intro.number ?? null]).toEqual(['5.1', null])
  })

  it('answers over REST with the message on the field', async () => {
    expect(
      await patchOverRest({ number: '6.1' }, { number: '6.x', _status: 'published', updateType: 'minor' }),
    ).toEqual({
      status: 400,
      fieldErrors: [
        {
          label: 'Kapittelnummer',
          message:
            'Kapittelnummeret «6.x» har feil form. Bruk et tall eller to tall med punktum mellom, for eksempel 2 eller 2.1.',
          path: 'number',
        },
      ],
    })
  })
})

describe('"Siste faglige endring" and update types', () => {
  it('refuses a date in the future', async () => {
    const [message] = await messagesOf(publishChapter({ number: '7.1', lastProfessionalChange: '2999-01-01' }))
    expect(message).toMatch(/^Siste faglige endring kan ikke være frem i tid: 1\. januar 2999 er etter i dag/)
  })

  it('refuses a major update without a change note, and one dated before the previous revision', async () => {
    const chapter = await publishChapter({ number: '7.2', lastProfessionalChange: '2024-05-31' })
    const update = (data: Record<string, unknown>) =>
      saveChapterAs(t.payload, t.users.publisher, chapter.id, { _status: 'published', ...data } as never)
    expect(await messagesOf(update({ updateType: 'major', changeNote: ' ' }))).toEqual([
      'En faglig endring må ha en endringsmerknad som forteller leserne hva som er endret.',
    ])
    expect(await messagesOf(update({ updateType: 'major' }))).toEqual([
      'Endringsmerknaden er den samme som for versjon 1. Beskriv hva som er endret i denne versjonen.',
    ])
    expect(
      await messagesOf(update({ updateType: 'major', changeNote: 'Ny status.', lastProfessionalChange: '2024-05-30' })),
    ).toEqual([
      'Datoen kan ikke være før forrige versjons siste faglige endring, 31. mai 2024. Du har valgt 30. mai 2024.',
    ])
  })

  it.each<[string, { number: string; update: Partial<Chapter> }, [number, string, string]]>([
    [
      'a minor update keeps the previous date even if the form sent another',
      { number: '7.3', update: { updateType: 'minor', lastProfessionalChange: '2024-01-01', title: 'Rettet tittel' } },
      [2, 'minor', '2022-05-19'],
    ],
    [
      'a major update that keeps the old date moves it to today',
      { number: '7.4', update: { updateType: 'major', changeNote: 'Nye tall.' } },
      [2, 'major', todayInOslo()],
    ],
  ])('%s', async (_name, { number, update }, expected) => {
    const chapter = await publishChapter({ number, lastProfessionalChange: '2022-05-19' })
    const updated = await saveChapterAs(t.payload, t.users.publisher, chapter.id, { _status: 'published', ...update })
    expect([updated.revision, updated.updateType, updated.lastProfessionalChange?.slice(0, 10)]).toEqual(expected)
  })

  it('answers over REST with the message on the change note field', async () => {
    const { status, fieldErrors } = await patchOverRest(
      { number: '7.5' },
      { _status: 'published', updateType: 'major', changeNote: '' },
    )
    expect(status).toBe(400)
    expect(fieldErrors?.map((e) => [e.path, e.message])).toEqual([
      ['changeNote', 'En faglig endring må ha en endringsmerknad som forteller leserne hva som er endret.'],
    ])
  })
})

describe('measures', () => {
  it.each([0, 18, -1, 2.5])('refuses measure number %s', async (number) => {
    expect(
      await messagesOf(
        t.payload.create({
          collection: 'measures',
          data: { number },
          draft: true,
          user: t.users.editor,
          overrideAccess: false,
        }),
      ),
    ).toEqual(['Tiltaksnummeret må være et heltall fra 1 til 17.'])
  })

  it('accepts 1 and 17, the latter without a title', async () => {
    const made = await Promise.all(
      [1, 17].map((number) => t.payload.create({ collection: 'measures', data: { number, _status: 'published' } })),
    )
    expect(made.map((m) => m.label)).toEqual(['Tiltak 1', 'Tiltak 17'])
  })
})

describe('history', () => {
  it('keeps every revision; restoring an old one publishes it again as a new revision', async () => {
    const { payload } = t
    const chapter = await publishChapter({
      number: '8.1',
      body: paragraphs('Versjon en.'),
      lastProfessionalChange: '2022-05-19',
    })
    await saveChapterAs(payload, t.users.editor, chapter.id, { body: paragraphs('Et utkast.') }, true)
    await saveChapterAs(payload, t.users.publisher, chapter.id, {
      _status: 'published',
      updateType: 'major',
      changeNote: 'Skrevet om.',
      body: paragraphs('Versjon to.'),
    })
    const versions = async () =>
      (
        await payload.findVersions({
          collection: 'chapters',
          where: { parent: { equals: chapter.id } },
          sort: 'updatedAt',
          limit: 100,
        })
      ).docs
    const first = (await versions()).find((v) => v.version.revision === 1)!

    const restored = await payload.restoreVersion({
      collection: 'chapters',
      id: first.id,
      user: t.users.publisher,
      overrideAccess: false,
    })
    expect([restored.revision, restored.updateType, restored.changeNote]).toEqual([
      3,
      'major',
      'Gjenopprettet innholdet fra versjon 1.',
    ])
    expect(JSON.stringify(restored.body)).toContain('Versjon en.')

    const all = await versions()
    expect(all.map((v) => [v.version._status, v.version.revision ?? null])).toEqual([
      ['published', 1],
      ['draft', null],
      ['published', 2],
      ['published', 3],
    ])
    await expect(
      payload.restoreVersion({ collection: 'chapters', id: first.id, user: t.users.editor, overrideAccess: false }),
    ).rejects.toThrow(/ikke rettigheter til å publisere/)
  })

  it('refuses to delete a chapter that was ever published, even for an admin', async () => {
    const chapter = await publishChapter({ number: '8.2' })
    await saveChapterAs(t.payload, t.users.publisher, chapter.id, { _status: 'draft' })
    expect(
      await messagesOf(
        t.payload.delete({ collection: 'chapters', id: chapter.id, user: t.users.admin, overrideAccess: false }),
      ),
    ).toEqual(['Dokumentet har vært publisert og kan ikke slettes: historikken skal bevares. Avpubliser det i stedet.'])
  })

  it('a change note inherited from the published revision is cleared on the next draft', async () => {
    const chapter = await publishChapter({ number: '8.3', changeNote: 'Først ute.' })
    const draft = await saveChapterAs(
      t.payload,
      t.users.editor,
      chapter.id,
      { changeNote: 'Først ute.', title: 'Ny tittel' },
      true,
    )
    expect(draft.changeNote ?? null).toBeNull()
  })
})
