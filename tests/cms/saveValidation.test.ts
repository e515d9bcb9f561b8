import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SLUG_PATTERN, slugFromTitle, slugify, truncateSlug } from '../../cms/src/lib/slugs'
import { editionSchema } from '@rapport/contracts/snapshot'
import { paragraphs, PASSWORD, startTestPayload, type TestPayload } from '../support/payload'
import { saveChapterAs } from '../support/cmsChapters'

/**
 * Everything the export needs is checked when a document is saved, drafts included: a
 * document the export could not take never gets into the CMS. Each rule answers in Norwegian
 * on its own field, naming the rule and its limit.
 */

type Collection = 'editions' | 'chapters' | 'goal-areas' | 'measures' | 'news'
type Data = Record<string, unknown>
type FieldError = [path: string, message: string]

let t: TestPayload
let edition: number
let otherEdition: number | string
const docs = {} as Record<Collection, number | string>
let publisherToken: string

const SLUG_FORMAT =
  'Adressen (slug) kan bare ha små bokstaver a–z, tall og bindestrek, for eksempel «del-1». Bindestreken står mellom ord, ikke først, sist eller to på rad.'
const URL_FORMAT =
  'Kildeadressen må være en nettadresse som begynner med https:// eller http://, for eksempel https://www.helsedirektoratet.no.'
/** The exact part slug from the report of the failed builds. */
const PART_SLUG_PROBE = '../../x" onclick=…'

/** A text of `length` characters made of Norwegian words, so that it has word boundaries. */
const WORDS = 'Tilrettelegge for bedre samhandling med spesialisthelsetjenesten og kommunene '
const words = (length: number) =>
  WORDS.repeat(Math.ceil(length / WORDS.length))
    .slice(0, length)
    .replace(/ $/, 'e')
const chars = (length: number, ch = 'a') => ch.repeat(length)

const CHAPTER_SLUG = 'kapittel-om-samhandling'
const NEWS_SLUG = 'allmennlegetjenesten-styrkes'
const EDITION_SLUG = 'arsrapport-2023'

beforeAll(async () => {
  t = await startTestPayload()
  const { payload } = t
  const made = async (collection: Collection, data: Data) =>
    (await payload.create({ collection, data: { ...data, _status: 'published' } as never, overrideAccess: true })).id
  edition = await made('editions', {
    title: 'Årsrapport 2023',
    slug: EDITION_SLUG,
    year: 2023,
    status: 'current',
    parts: [{ number: 1, title: 'Tiltak, status og effekter', slug: 'del-1' }],
  })
  otherEdition = await made('editions', {
    title: 'Årsrapport 2021',
    slug: 'arsrapport-2021',
    year: 2021,
    status: 'superseded',
  })
  docs.editions = edition
  docs.chapters = await made('chapters', {
    edition,
    number: '1.1',
    title: 'Kapittel om samhandling',
    slug: CHAPTER_SLUG,
    body: paragraphs('Tekst.'),
    footnotes: [{ number: 1, text: 'En kilde.' }],
  })
  docs['goal-areas'] = await made('goal-areas', {
    number: 1,
    editions: [{ edition, title: 'En trygg karrierevei', effectGoals: [{ text: 'Økt rekruttering' }] }],
  })
  docs.measures = await made('measures', {
    number: 1,
    title: 'Styrke basisfinansieringen',
    statuses: [{ edition, status: 'inProgress' }],
  })
  docs.news = await made('news', {
    title: 'Allmennlegetjenesten styrkes',
    slug: NEWS_SLUG,
    importantMeasures: [{ text: 'Avlaste fastlegene' }],
  })
  await made('news', { title: 'En annen sak', slug: 'en-annen-sak' })
  publisherToken = (
    await payload.login({ collection: 'users', data: { email: 'publisher@example.no', password: PASSWORD } })
  ).token!
})
afterAll(async () => t?.destroy())

/** The field errors of a refused write, as [path, message], or [] when it was accepted. */
const fieldErrorsOf = async (attempt: Promise<unknown>): Promise<FieldError[]> => {
  try {
    await attempt
  } catch (error) {
    const e = error as { message: string; data?: { errors?: Array<{ message: string; path: string }> } }
    if (!e.data?.errors) throw error
    return e.data.errors.map((x): FieldError => [x.path, x.message]).sort()
  }
  return []
}

/** An editor saves a draft of the document. */
const saveDraft = (collection: Collection, data: Data) =>
  t.payload.update({
    collection,
    id: docs[collection],
    data: data as never,
    draft: true,
    user: t.users.editor,
    overrideAccess: false,
  })

/** A publisher publishes the document (a chapter as an editorial change). */
const publish = (collection: Collection, data: Data) =>
  t.payload.update({
    collection,
    id: docs[collection],
    data: { ...(collection === 'chapters' ? { updateType: 'minor' } : {}), ...data, _status: 'published' } as never,
    user: t.users.publisher,
    overrideAccess: false,
  })

/** `publishErrors`: when a publish of the bad value is refused by an earlier rule (the revision rules). */
type Case = {
  rule: string
  collection: Collection
  bad: () => Data
  errors: FieldError[]
  publishErrors?: FieldError[]
  good: () => Data
}

const sourceCases = (collection: Collection): Case[] => [
  {
    rule: 'a source address that is not an http(s) address is refused',
    collection,
    bad: () => ({ source: { url: 'javascript:alert(1)' } }),
    errors: [['source.url', URL_FORMAT]],
    good: () => ({ source: { url: 'https://www.helsedirektoratet.no/rapporter/allmennlegetjenesten' } }),
  },
  {
    rule: 'a source address longer than 500 characters is refused',
    collection,
    bad: () => ({ source: { url: `https://www.helsedirektoratet.no/${chars(468)}` } }),
    errors: [['source.url', 'Kildeadressen kan ha høyst 500 tegn (har 501).']],
    good: () => ({ source: { url: `https://www.helsedirektoratet.no/${chars(467)}` } }),
  },
  {
    rule: 'a source publisher longer than 200 characters is refused',
    collection,
    bad: () => ({ source: { publisher: chars(201) } }),
    errors: [['source.publisher', 'Utgiveren kan ha høyst 200 tegn (har 201).']],
    good: () => ({ source: { publisher: 'Helsedirektoratet' } }),
  },
  {
    rule: 'a licence longer than 100 characters is refused',
    collection,
    bad: () => ({ source: { licence: chars(101) } }),
    errors: [['source.licence', 'Lisensen kan ha høyst 100 tegn (har 101).']],
    good: () => ({ source: { licence: 'NLOD 2.0' } }),
  },
]

/** Two items of a numbered list (`bad`) share a number: refused on both, with `message`; `good` is accepted. */
const sameNumberTwice = (
  rule: string,
  collection: Collection,
  list: string,
  message: string,
  bad: [Data, Data],
  good: [Data, Data],
): Case => ({
  rule,
  collection,
  bad: () => ({ [list]: structuredClone(bad) }),
  errors: [
    [`${list}.0.number`, message],
    [`${list}.1.number`, message],
  ],
  good: () => ({ [list]: structuredClone(good) }),
})

const titleCases = (collection: Collection, slug?: string): Case[] => [
  {
    rule: 'a title longer than 200 characters is refused',
    collection,
    bad: () => ({ title: words(201), ...(slug ? { slug } : {}) }),
    errors: [['title', 'Tittelen kan ha høyst 200 tegn (har 201).']],
    good: () => ({ title: words(200), ...(slug ? { slug } : {}) }),
  },
  {
    rule: 'a title of only spaces is refused',
    collection,
    bad: () => ({ title: '   ', ...(slug ? { slug } : {}) }),
    errors: [['title', 'Tittelen må fylles ut.']],
    good: () => ({ title: 'En tittel', ...(slug ? { slug } : {}) }),
  },
]

const slugCases = (collection: Collection, slug: string, takenSlug?: string): Case[] => [
  ...(takenSlug
    ? [
        {
          rule: 'a slug another document has is refused',
          collection,
          bad: () => ({ slug: takenSlug }),
          errors: [
            ['slug', `Adressen (slug) «${takenSlug}» er allerede i bruk. Hver adresse kan bare brukes én gang.`],
          ] as FieldError[],
          good: () => ({ slug }),
        },
      ]
    : []),
  {
    rule: 'a typed slug longer than 80 characters is refused, not shortened',
    collection,
    bad: () => ({ slug: chars(81) }),
    errors: [['slug', 'Adressen (slug) kan ha høyst 80 tegn (har 81).']],
    good: () => ({ slug }),
  },
  {
    rule: 'a slug is refused when neither what was typed nor the title has a letter or digit',
    collection,
    bad: () => ({ title: '???', slug: '!!!' }),
    errors: [
      [
        'slug',
        'Adressen (slug) må fylles ut. Skriv den selv, eller gi en tittel med bokstaver eller tall, så lages den fra tittelen.',
      ],
    ],
    good: () => ({ title: 'En tittel', slug }),
  },
]

const CASES: Case[] = [
  // Editions
  ...titleCases('editions', EDITION_SLUG),
  ...slugCases('editions', EDITION_SLUG, 'arsrapport-2021'),
  {
    rule: 'a report year outside 2000–2100 is refused',
    collection: 'editions',
    bad: () => ({ year: 1999 }),
    errors: [['year', 'Rapportåret må være et heltall fra 2000 til 2100.']],
    good: () => ({ year: 2023 }),
  },
  {
    rule: 'an unknown edition status is refused',
    collection: 'editions',
    bad: () => ({ status: 'archived' }),
    errors: [['status', 'Statusen må være «Gjeldende utgave» eller «Erstattet (historisk arkiv)».']],
    good: () => ({ status: 'current' }),
  },
  {
    rule: 'the part slug from the failed builds is refused',
    collection: 'editions',
    bad: () => ({ parts: [{ number: 1, title: 'Del 1', slug: PART_SLUG_PROBE }] }),
    errors: [['parts.0.slug', SLUG_FORMAT]],
    good: () => ({ parts: [{ number: 1, title: 'Del 1', slug: 'del-1' }] }),
  },
  {
    rule: 'a part slug longer than 80 characters is refused',
    collection: 'editions',
    bad: () => ({ parts: [{ number: 1, title: 'Del 1', slug: `del-1-${chars(75)}` }] }),
    errors: [['parts.0.slug', 'Adressen (slug) kan ha høyst 80 tegn (har 81).']],
    good: () => ({ parts: [{ number: 1, title: 'Del 1', slug: `del-1-${chars(74)}` }] }),
  },
  {
    rule: 'a part number outside 1–99 is refused',
    collection: 'editions',
    bad: () => ({ parts: [{ number: 0, title: 'Del 0' }] }),
    errors: [['parts.0.number', 'Delnummeret må være et heltall fra 1 til 99.']],
    good: () => ({ parts: [{ number: 99, title: 'Del 99' }] }),
  },
  sameNumberTwice(
    'two parts with the same number are refused, on both',
    'editions',
    'parts',
    'Del 2 står mer enn én gang i utgaven. Hver del må ha sitt eget nummer.',
    [
      { number: 2, title: 'Del 2' },
      { number: 2, title: 'Også del 2' },
    ],
    [
      { number: 1, title: 'Del 1' },
      { number: 2, title: 'Del 2' },
    ],
  ),
  {
    rule: 'a part title longer than 200 characters is refused',
    collection: 'editions',
    bad: () => ({ parts: [{ number: 1, title: words(201) }] }),
    errors: [['parts.0.title', 'Tittelen kan ha høyst 200 tegn (har 201).']],
    good: () => ({ parts: [{ number: 1, title: words(200) }] }),
  },
  ...sourceCases('editions'),

  // Chapters
  ...titleCases('chapters', CHAPTER_SLUG),
  ...slugCases('chapters', CHAPTER_SLUG),
  {
    rule: 'a chapter without an edition is refused',
    collection: 'chapters',
    bad: () => ({ edition: null }),
    errors: [['edition', 'Velg hvilken utgave kapitlet hører til.']],
    good: () => ({ edition }),
  },
  {
    rule: 'an unknown chapter type is refused',
    collection: 'chapters',
    bad: () => ({ kind: 'appendix' }),
    errors: [['kind', 'Typen må være «Kapittel» eller «Innledning til en del».']],
    good: () => ({ kind: 'chapter' }),
  },
  {
    rule: 'a chapter part outside 1–99 is refused',
    collection: 'chapters',
    bad: () => ({ part: 100 }),
    errors: [['part', 'Delnummeret må være et heltall fra 1 til 99.']],
    good: () => ({ part: 1 }),
  },
  {
    rule: 'a footnote number outside 1–999 is refused',
    collection: 'chapters',
    bad: () => ({ footnotes: [{ number: 0, text: 'En kilde.' }] }),
    errors: [['footnotes.0.number', 'Fotnotenummeret må være et heltall fra 1 til 999.']],
    good: () => ({ footnotes: [{ number: 999, text: 'En kilde.' }] }),
  },
  sameNumberTwice(
    'two footnotes with the same number are refused, on both',
    'chapters',
    'footnotes',
    'Fotnote 3 står mer enn én gang i kapitlet. Hver fotnote må ha sitt eget nummer.',
    [
      { number: 3, text: 'En kilde.' },
      { number: 3, text: 'En annen kilde.' },
    ],
    [
      { number: 3, text: 'En kilde.' },
      { number: 4, text: 'En annen kilde.' },
    ],
  ),
  {
    rule: 'an empty footnote is refused',
    collection: 'chapters',
    bad: () => ({ footnotes: [{ number: 1, text: ' ' }] }),
    errors: [['footnotes.0.text', 'Fotnoteteksten må fylles ut.']],
    good: () => ({ footnotes: [{ number: 1, text: 'En kilde.' }] }),
  },
  {
    rule: 'a footnote longer than 2000 characters is refused',
    collection: 'chapters',
    bad: () => ({ footnotes: [{ number: 1, text: words(2001) }] }),
    errors: [['footnotes.0.text', 'Fotnoteteksten kan ha høyst 2000 tegn (har 2001).']],
    good: () => ({ footnotes: [{ number: 1, text: words(2000) }] }),
  },
  {
    rule: 'a change note longer than 1000 characters is refused',
    collection: 'chapters',
    bad: () => ({ changeNote: words(1001) }),
    errors: [['changeNote', 'Endringsmerknaden kan ha høyst 1000 tegn (har 1001).']],
    good: () => ({ changeNote: words(1000) }),
  },
  {
    rule: 'an unknown update type is refused',
    collection: 'chapters',
    bad: () => ({ updateType: 'rewrite' }),
    errors: [['updateType', 'Typen endring må være «Faglig endring», «Redaksjonell endring» eller «Tilbaketrekking».']],
    publishErrors: [['updateType', 'Velg type endring før du publiserer: faglig endring eller redaksjonell endring.']],
    good: () => ({ updateType: 'minor' }),
  },
  ...sourceCases('chapters'),

  // Goal areas
  {
    rule: 'a goal area title longer than 200 characters is refused',
    collection: 'goal-areas',
    bad: () => ({ editions: [{ edition, title: words(201), effectGoals: [] }] }),
    errors: [['editions.0.title', 'Tittelen kan ha høyst 200 tegn (har 201).']],
    good: () => ({ editions: [{ edition, title: words(200), effectGoals: [] }] }),
  },
  {
    rule: 'an empty effect goal is refused',
    collection: 'goal-areas',
    bad: () => ({ editions: [{ edition, title: 'En trygg karrierevei', effectGoals: [{ text: '  ' }] }] }),
    errors: [['editions.0.effectGoals.0.text', 'Effektmålet må fylles ut.']],
    good: () => ({
      editions: [{ edition, title: 'En trygg karrierevei', effectGoals: [{ text: 'Økt rekruttering' }] }],
    }),
  },
  {
    rule: 'an effect goal longer than 500 characters is refused',
    collection: 'goal-areas',
    bad: () => ({ editions: [{ edition, title: 'En trygg karrierevei', effectGoals: [{ text: words(501) }] }] }),
    errors: [['editions.0.effectGoals.0.text', 'Effektmålet kan ha høyst 500 tegn (har 501).']],
    good: () => ({ editions: [{ edition, title: 'En trygg karrierevei', effectGoals: [{ text: words(500) }] }] }),
  },
  {
    rule: 'a goal area with two rows for one edition is refused, on both',
    collection: 'goal-areas',
    bad: () => ({
      editions: [
        { edition, title: 'A', effectGoals: [] },
        { edition, title: 'B', effectGoals: [] },
      ],
    }),
    errors: [
      ['editions.0.edition', 'Utgaven står i mer enn én rad. Hver utgave kan bare ha én rad per målområde.'],
      ['editions.1.edition', 'Utgaven står i mer enn én rad. Hver utgave kan bare ha én rad per målområde.'],
    ],
    good: () => ({
      editions: [
        { edition, title: 'A', effectGoals: [] },
        { edition: otherEdition, title: 'B', effectGoals: [] },
      ],
    }),
  },
  {
    rule: 'a goal area row without an edition is refused',
    collection: 'goal-areas',
    bad: () => ({ editions: [{ edition: null, title: 'A', effectGoals: [] }] }),
    errors: [['editions.0.edition', 'Velg hvilken utgave raden gjelder.']],
    good: () => ({ editions: [{ edition, title: 'A', effectGoals: [] }] }),
  },

  // Measures
  {
    rule: 'a measure title longer than 200 characters is refused',
    collection: 'measures',
    bad: () => ({ title: words(201) }),
    errors: [['title', 'Tittelen kan ha høyst 200 tegn (har 201).']],
    good: () => ({ title: words(200) }),
  },
  {
    rule: 'a measure description longer than 5000 characters is refused',
    collection: 'measures',
    bad: () => ({ description: words(5001) }),
    errors: [['description', 'Beskrivelsen kan ha høyst 5000 tegn (har 5001).']],
    good: () => ({ description: words(5000) }),
  },
  {
    rule: 'an unknown measure status is refused',
    collection: 'measures',
    bad: () => ({ statuses: [{ edition, status: 'done' }] }),
    errors: [['statuses.0.status', 'Statusen må være «Ikke startet», «Pågår» eller «Gjennomført».']],
    good: () => ({ statuses: [{ edition, status: 'completed' }] }),
  },
  {
    rule: 'two statuses of a measure for one edition are refused, on both',
    collection: 'measures',
    bad: () => ({
      statuses: [
        { edition, status: 'inProgress' },
        { edition, status: 'completed' },
      ],
    }),
    errors: [
      ['statuses.0.edition', 'Utgaven står i mer enn én rad. Et tiltak kan bare ha én status per utgave.'],
      ['statuses.1.edition', 'Utgaven står i mer enn én rad. Et tiltak kan bare ha én status per utgave.'],
    ],
    good: () => ({
      statuses: [
        { edition: otherEdition, status: 'inProgress' },
        { edition, status: 'completed' },
      ],
    }),
  },
  {
    rule: 'a measure status without an edition is refused',
    collection: 'measures',
    bad: () => ({ statuses: [{ edition: null, status: 'inProgress' }] }),
    errors: [['statuses.0.edition', 'Velg hvilken utgave statusen gjelder.']],
    good: () => ({ statuses: [{ edition, status: 'inProgress' }] }),
  },
  ...sourceCases('measures'),

  // News
  ...titleCases('news', NEWS_SLUG),
  ...slugCases('news', NEWS_SLUG, 'en-annen-sak'),
  {
    rule: 'a kicker longer than 200 characters is refused',
    collection: 'news',
    bad: () => ({ kicker: words(201) }),
    errors: [['kicker', 'Overtittelen kan ha høyst 200 tegn (har 201).']],
    good: () => ({ kicker: words(200) }),
  },
  {
    rule: 'a "published under" longer than 200 characters is refused',
    collection: 'news',
    bad: () => ({ publishedUnder: words(201) }),
    errors: [['publishedUnder', 'Feltet «Publisert under» kan ha høyst 200 tegn (har 201).']],
    good: () => ({ publishedUnder: 'Regjeringen Solberg' }),
  },
  {
    rule: 'a news publisher longer than 200 characters is refused',
    collection: 'news',
    bad: () => ({ publisher: words(201) }),
    errors: [['publisher', 'Utgiveren kan ha høyst 200 tegn (har 201).']],
    good: () => ({ publisher: 'Helse- og omsorgsdepartementet' }),
  },
  {
    rule: 'an empty important measure is refused',
    collection: 'news',
    bad: () => ({ importantMeasures: [{ text: '' }] }),
    errors: [['importantMeasures.0.text', 'Tiltaket må fylles ut.']],
    good: () => ({ importantMeasures: [{ text: 'Avlaste fastlegene' }] }),
  },
  {
    rule: 'an important measure longer than 500 characters is refused',
    collection: 'news',
    bad: () => ({ importantMeasures: [{ text: words(501) }] }),
    errors: [['importantMeasures.0.text', 'Tiltaket kan ha høyst 500 tegn (har 501).']],
    good: () => ({ importantMeasures: [{ text: words(500) }] }),
  },
  ...sourceCases('news'),
]

describe('every rule the export needs, at save', () => {
  for (const { rule, collection, bad, errors, publishErrors, good } of CASES) {
    it(`${collection}: ${rule}, as a draft and as a publish, with its Norwegian message on the field; the good value is published`, async () => {
      expect(await fieldErrorsOf(saveDraft(collection, bad()))).toEqual(errors)
      expect(await fieldErrorsOf(publish(collection, bad()))).toEqual(publishErrors ?? errors)
      expect(await fieldErrorsOf(publish(collection, good()))).toEqual([])
    })
  }

  it.each([
    PART_SLUG_PROBE,
    '../../x" onclick="alert(1)"',
    'Del-1',
    'del 1',
    'del_1',
    '-del-1',
    'del-1-',
    'del--1',
    ' ',
    'del-1/..',
    'del-å',
  ])('refuses the part slug %j with the slug rule', async (slug) => {
    expect(await fieldErrorsOf(saveDraft('editions', { parts: [{ number: 1, title: 'Del 1', slug }] }))).toEqual([
      ['parts.0.slug', SLUG_FORMAT],
    ])
  })
})

describe('the documents that stopped every build', () => {
  it('a new chapter with a 260-character title is refused, as a draft and as a publish', async () => {
    const data = { edition, number: '9.1', title: words(260), body: paragraphs('Tekst.') }
    const expected: FieldError[] = [['title', 'Tittelen kan ha høyst 200 tegn (har 260).']]
    expect(
      await fieldErrorsOf(
        t.payload.create({
          collection: 'chapters',
          data: data as never,
          draft: true,
          user: t.users.editor,
          overrideAccess: false,
        }),
      ),
    ).toEqual(expected)
    expect(
      await fieldErrorsOf(
        t.payload.create({
          collection: 'chapters',
          data: { ...data, _status: 'published' } as never,
          user: t.users.publisher,
          overrideAccess: false,
        }),
      ),
    ).toEqual(expected)
  })

  it(`a new edition with the part slug ${PART_SLUG_PROBE} is refused`, async () => {
    const data = {
      title: 'Årsrapport 2024',
      slug: 'arsrapport-2024',
      year: 2024,
      status: 'current',
      parts: [{ number: 1, title: 'Del 1', slug: PART_SLUG_PROBE }],
    }
    expect(
      await fieldErrorsOf(
        t.payload.create({
          collection: 'editions',
          data: data as never,
          draft: true,
          user: t.users.editor,
          overrideAccess: false,
        }),
      ),
    ).toEqual([['parts.0.slug', SLUG_FORMAT]])
  })
})

describe('slugs made from titles', () => {
  it('a chapter titled with 200 characters gets a slug cut after a whole word, at most 80 characters', async () => {
    const title = words(200)
    const chapter = await t.payload.create({
      collection: 'chapters',
      data: { edition, kind: 'chapter', number: '9.2', title, body: paragraphs('Tekst.'), _status: 'published' },
      user: t.users.publisher,
      overrideAccess: false,
    })
    expect(chapter.slug?.length).toBeLessThanOrEqual(80)
    expect(chapter.slug).toMatch(SLUG_PATTERN)
    expect(slugify(title).startsWith(`${chapter.slug}-`)).toBe(true)
  })

  it('a typed slug is tidied, and one without a letter or digit is made from the title', async () => {
    const made = async (title: string, slug: string) =>
      (
        await t.payload.create({
          collection: 'news',
          data: { title, slug, _status: 'published' } as never,
          user: t.users.publisher,
          overrideAccess: false,
        })
      ).slug
    expect([await made('Første sak', 'Sak om Fastleger'), await made('Andre sak om fastleger', '!!!')]).toEqual([
      'sak-om-fastleger',
      'andre-sak-om-fastleger',
    ])
  })

  it('a news item titled with one 120-letter word gets the first 80 letters as its slug', async () => {
    const news = await t.payload.create({
      collection: 'news',
      data: { title: chars(120, 'b'), _status: 'published' } as never,
      user: t.users.publisher,
      overrideAccess: false,
    })
    expect(news.slug).toBe(chars(80, 'b'))
  })

  it.each([
    ['kort-tittel', 80, 'kort-tittel'],
    ['tiltak-for-bedre-samhandling', 20, 'tiltak-for-bedre'],
    ['tiltak-for-bedre-samhandling', 16, 'tiltak-for-bedre'],
    ['tiltak-for-bedre-samhandling', 17, 'tiltak-for-bedre'],
    ['a-bcdefghijklmnopqrstuvwxyz', 10, 'a-bcdefghi'],
    [chars(100), 80, chars(80)],
  ])('cuts %j to at most %i characters as %j', (slug, max, expected) => {
    expect(truncateSlug(slug, max)).toBe(expected)
  })

  it('never gives an invalid slug, whatever the title', () => {
    for (const title of [
      words(200),
      `${chars(79)} ${chars(10)}`,
      `Del 1 – ${'Ø'.repeat(150)}`,
      'Kapittel 2.1: Hva nå?',
    ]) {
      const slug = slugFromTitle(title)
      expect(slug, title).toMatch(SLUG_PATTERN)
      expect(slug.length, title).toBeLessThanOrEqual(80)
    }
  })

  it('the save rule and the snapshot schema agree on what a slug is', () => {
    const slugs = [
      'del-1',
      'arsrapport-2023',
      'a',
      '2',
      'Del-1',
      'del--1',
      '-del',
      'del-',
      'del_1',
      'del 1',
      '',
      '../x',
      'del-å',
      PART_SLUG_PROBE,
    ]
    expect(slugs.map((slug) => [slug, SLUG_PATTERN.test(slug)])).toEqual(
      slugs.map((slug) => [slug, editionSchema.shape.slug.safeParse(slug).success]),
    )
  })
})

describe('chapter addresses within an edition', () => {
  const chapter = (data: Data) =>
    t.payload.create({
      collection: 'chapters',
      data: { body: paragraphs('Tekst.'), ...data } as never,
      user: t.users.editor,
      overrideAccess: false,
      draft: true,
    })

  it('a chapter whose title another chapter of the edition has gets the first free number in its slug', async () => {
    const first = await chapter({ edition, number: '8.1', title: 'Et kapittel med samme tittel' })
    const second = await chapter({ edition, number: '8.2', title: 'Et kapittel med samme tittel' })
    const third = await chapter({ edition, number: '8.3', title: 'Et kapittel med samme tittel' })
    expect([first.slug, second.slug, third.slug]).toEqual([
      'et-kapittel-med-samme-tittel',
      'et-kapittel-med-samme-tittel-2',
      'et-kapittel-med-samme-tittel-3',
    ])
  })

  it('the same title in another edition gives the same slug', async () => {
    expect((await chapter({ edition: otherEdition, number: '8.1', title: 'Et kapittel med samme tittel' })).slug).toBe(
      'et-kapittel-med-samme-tittel',
    )
  })

  it('a typed slug another chapter of the edition has is refused on the field, in Norwegian', async () => {
    await expect(chapter({ edition, number: '8.4', title: 'Noe annet', slug: CHAPTER_SLUG })).rejects.toMatchObject({
      data: {
        errors: [
          {
            path: 'slug',
            message: `Adressen (slug) «${CHAPTER_SLUG}» brukes allerede av et annet kapittel i denne utgaven. Gi kapitlet en annen adresse.`,
          },
        ],
      },
    })
  })

  it('a chapter keeps its own slug when it is saved again', async () => {
    const saved = await saveChapterAs(
      t.payload,
      t.users.editor,
      docs.chapters,
      { title: 'Kapittel om samhandling, rettet' },
      true,
    )
    expect(saved.slug).toBe(CHAPTER_SLUG)
  })
})

describe('over REST', () => {
  const rest = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await handleEndpoints({
      config: t.config,
      request: new Request(`http://localhost/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `JWT ${publisherToken}`, ...headers },
        body: JSON.stringify(body),
      }),
    })
    const json = (await response.json()) as {
      errors?: Array<{ message: string; data?: { errors?: Array<{ message: string; path: string }> } }>
    }
    return {
      status: response.status,
      message: json.errors?.[0]?.message,
      fieldErrors: json.errors?.[0]?.data?.errors?.map((e) => [e.path, e.message]),
    }
  }

  it(`a client that names no language gets the part slug ${PART_SLUG_PROBE} refused in Norwegian`, async () => {
    const answer = await rest('POST', '/editions', {
      title: 'Årsrapport 2025',
      slug: 'arsrapport-2025',
      year: 2025,
      status: 'current',
      parts: [{ number: 1, title: 'Del 1', slug: PART_SLUG_PROBE }],
      _status: 'published',
    })
    expect(answer).toEqual({
      status: 400,
      message: expect.stringMatching(/^Følgende felt er ugyldig/),
      fieldErrors: [['parts.0.slug', SLUG_FORMAT]],
    })
  })

  it('a client that asks for English still gets the rule in Norwegian on the field', async () => {
    const answer = await rest(
      'PATCH',
      `/chapters/${docs.chapters}`,
      { title: words(260), _status: 'published', updateType: 'minor' },
      { 'accept-language': 'en-US,en;q=0.9' },
    )
    expect([answer.status, answer.fieldErrors]).toEqual([400, [['title', 'Tittelen kan ha høyst 200 tegn (har 260).']]])
  })
})
