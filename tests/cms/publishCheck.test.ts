/**
 * The pre-publish check as plain functions: what a publish changes against the live version,
 * compared as the site's redline compares, and the update type it suggests.
 */
import { describe, expect, it } from 'vitest'

import {
  comparePublish,
  describePublishCheck,
  isEditorialEdit,
  isSpellingFix,
  type ChapterState,
} from '../../cms/src/collections/Chapters/publishCheck'
import { FORMAT, paragraph, richText, text } from '../support/lexical'
import { paragraphs } from '../support/payload'
import { FEM_TO_SEKS_IN_FIRST_PARAGRAPH } from '../support/cmsPublishCheck'

const live: ChapterState = {
  title: 'Rekruttering av fastleger',
  number: '2.1',
  lastProfessionalChange: '2024-05-31T12:00:00.000Z',
  body: paragraphs(
    'Kommunene har fått fem nye stillinger.',
    'Ordningen evalueres i 2025.',
    'Mer om dette i kapittel 3.',
  ),
  footnotes: [{ number: 1, text: 'Tall fra KS.' }],
  measures: [{ number: 3, title: 'ALIS' }],
}

const withBody = (...texts: string[]): ChapterState => ({ ...live, body: paragraphs(...texts) })
const [P1, P2, P3] = [
  'Kommunene har fått fem nye stillinger.',
  'Ordningen evalueres i 2025.',
  'Mer om dette i kapittel 3.',
]

describe('a spelling-sized edit', () => {
  it.each([
    ['a letter left out of a long word is a spelling fix', 'allmennlegetjenesten', 'allmenlegetjenesten', true],
    ['two letters swapped in a long word are a spelling fix', 'stillinger', 'stilinlger', true],
    ['one letter in a short word is a spelling fix', 'sin', 'sine', true],
    ['two letters in a short word are another word', 'fem', 'fire', false],
    ['a different word is not a spelling fix', 'fem', 'seks', false],
    ['a changed number is never a spelling fix', '2025', '2026', false],
    ['a digit in a word is never a spelling fix', 'covid19', 'covid-19x', false],
  ])('%s', (_name, before, after, expected) => {
    expect(isSpellingFix(before, after)).toBe(expected)
  })

  it.each([
    ['punctuation only is editorial', 'fem nye stillinger', 'fem nye stillinger,', true],
    ['spacing only is editorial', 'fem  nye', 'fem nye', true],
    ['a capital letter only is editorial', 'kommunene', 'Kommunene', true],
    ['each word spelled nearly alike is editorial', 'allmenlegetjenesten sin', 'allmennlegetjenesten sine', true],
    ['a word added is substance', 'skal', 'skal ikke', false],
    ['a word removed is substance', 'ikke skal', 'skal', false],
    ['a word replaced by another is substance', 'fem', 'seks', false],
  ])('%s', (_name, removed, added, expected) => {
    expect(isEditorialEdit(removed, added)).toBe(expected)
  })
})

describe('comparing the draft with the live version', () => {
  it('finds nothing changed when the draft is the live version', () => {
    const check = comparePublish(live, live)
    expect(check).toMatchObject({
      unchanged: true,
      paragraphs: [],
      footnotes: [],
      title: null,
      number: null,
      lastProfessionalChange: null,
    })
    expect(check.suggestion.updateType).toBe('minor')
    expect(describePublishCheck(check)).toEqual(['Ingenting leserne ser, er endret.'])
  })

  it('marks the changed words of a changed paragraph, at its place in the text', () => {
    const check = comparePublish(live, withBody('Kommunene har fått seks nye stillinger.', P2, P3))
    expect(check.paragraphs).toEqual([FEM_TO_SEKS_IN_FIRST_PARAGRAPH])
  })

  it('lists a paragraph added and one removed with their text and place (one replaced by another, as the redline pairs them, is changed)', () => {
    const check = comparePublish(live, withBody(P2, P3, 'Et nytt avsnitt om legevakt.'))
    expect(check.paragraphs.map(({ type, position }) => [type, position])).toEqual([
      ['removed', 1],
      ['added', 3],
    ])
    expect(
      comparePublish(live, withBody(P1, 'Et nytt avsnitt om legevakt.', P3)).paragraphs.map((c) => c.type),
    ).toEqual(['changed'])
    expect(check.paragraphs.find((c) => c.type === 'added')).toMatchObject({ text: 'Et nytt avsnitt om legevakt.' })
  })

  it('lists measures added and removed by their numbers', () => {
    const check = comparePublish(live, {
      ...live,
      measures: [
        { number: 5, title: 'Legevakt' },
        { number: 1, title: null },
      ],
    })
    expect(check.measures).toEqual({
      added: [
        { number: 1, title: null },
        { number: 5, title: 'Legevakt' },
      ],
      removed: [{ number: 3, title: 'ALIS' }],
    })
    expect(describePublishCheck(check)).toEqual(['Tiltak 1, tiltak 5 lagt til', 'Tiltak 3 fjernet'])
  })

  it('shows the title, number and «Siste faglige endring» before and after', () => {
    const check = comparePublish(live, {
      ...live,
      title: 'Rekruttering av leger',
      number: '2.2',
      lastProfessionalChange: '2026-01-05',
    })
    expect([check.title, check.number, check.lastProfessionalChange]).toEqual([
      { before: 'Rekruttering av fastleger', after: 'Rekruttering av leger', editorial: false },
      { before: '2.1', after: '2.2' },
      { before: '2024-05-31', after: '2026-01-05' },
    ])
  })

  it('compares footnotes apart from the paragraphs', () => {
    const check = comparePublish(live, {
      ...live,
      footnotes: [
        { number: 1, text: 'Tall fra SSB.' },
        { number: 2, text: 'Ny kilde.' },
      ],
    })
    expect(check.paragraphs).toEqual([])
    expect(check.footnotes.map((c) => [c.type, c.kind])).toEqual([
      ['changed', 'note'],
      ['added', 'note'],
    ])
  })

  it('sees a change of formatting only when the words are the same', () => {
    const bold: ChapterState = {
      ...live,
      body: richText(
        paragraph(text('Kommunene har fått '), text('fem', FORMAT.bold), text(' nye stillinger.')),
        paragraph(text(P2)),
        paragraph(text(P3)),
      ) as ChapterState['body'],
    }
    const check = comparePublish(live, bold)
    expect([check.paragraphs, check.formattingChanged, check.unchanged]).toEqual([[], true, false])
    expect(check.suggestion.updateType).toBe('minor')
  })

  it('treats a first publish as all new: every paragraph, footnote and measure added', () => {
    const check = comparePublish(null, live)
    expect(check.firstPublish).toBe(true)
    expect(check.paragraphs.map((c) => c.type)).toEqual(['added', 'added', 'added'])
    expect(check.footnotes.map((c) => c.type)).toEqual(['added'])
    expect(check.measures.added.map((m) => m.number)).toEqual([3])
    expect(check.suggestion).toMatchObject({ updateType: 'major', reasons: ['Kapitlet publiseres for første gang.'] })
  })
})

describe('the suggested update type', () => {
  it.each<[string, ChapterState, 'major' | 'minor', string]>([
    [
      'a misspelled word corrected suggests redaksjonell',
      withBody('Kommunene har fått fem nye stilinger.', P2, P3),
      'minor',
      'Bare skrivemåte',
    ],
    [
      'punctuation and spacing suggest redaksjonell',
      withBody('Kommunene har  fått fem nye stillinger!', P2, P3),
      'minor',
      'Bare skrivemåte',
    ],
    [
      'a capital letter suggests redaksjonell',
      withBody(P1, 'ordningen evalueres i 2025.', P3),
      'minor',
      'Bare skrivemåte',
    ],
    [
      'a title spelled better suggests redaksjonell',
      { ...live, title: 'Rekrutering av fastleger' },
      'minor',
      'Bare skrivemåte',
    ],
    [
      'a footnote spelled better suggests redaksjonell',
      { ...live, footnotes: [{ number: 1, text: 'Tal fra KS.' }] },
      'minor',
      'Bare skrivemåte',
    ],
    [
      'another number suggests faglig',
      withBody(P1, 'Ordningen evalueres i 2026.', P3),
      'major',
      'Avsnitt 2 har endret innhold',
    ],
    [
      'another word suggests faglig',
      withBody('Kommunene har fått seks nye stillinger.', P2, P3),
      'major',
      'Avsnitt 1 har endret innhold',
    ],
    [
      'a word added suggests faglig',
      withBody(P1, 'Ordningen evalueres ikke i 2025.', P3),
      'major',
      'Avsnitt 2 har endret innhold',
    ],
    ['a paragraph added suggests faglig', withBody(P1, P2, P3, 'Nytt avsnitt.'), 'major', 'Avsnitt 4 er lagt til.'],
    ['a paragraph removed suggests faglig', withBody(P1, P3), 'major', 'Avsnitt 2 er fjernet.'],
    [
      'a measure added suggests faglig',
      { ...live, measures: [{ number: 3 }, { number: 7 }] },
      'major',
      'Tiltak 7 er lagt til.',
    ],
    ['a measure removed suggests faglig', { ...live, measures: [] }, 'major', 'Tiltak 3 er fjernet.'],
    ['a new chapter number suggests faglig', { ...live, number: '2.3' }, 'major', 'Kapittelnummeret er endret.'],
    ['a new title suggests faglig', { ...live, title: 'Legevakt' }, 'major', 'Tittelen har endret innhold.'],
    [
      'a footnote added suggests faglig',
      { ...live, footnotes: [...live.footnotes!, { number: 2, text: 'Ny.' }] },
      'major',
      'Fotnote 2 er lagt til.',
    ],
    [
      'a footnote with another source suggests faglig',
      { ...live, footnotes: [{ number: 1, text: 'Tall fra SSB.' }] },
      'major',
      'Fotnote 1 har endret innhold',
    ],
    [
      'a spelling fix beside a new word suggests faglig',
      withBody('Kommunene har fått fem nye stilinger i år.', P2, P3),
      'major',
      'Avsnitt 1 har endret innhold',
    ],
  ])('%s', (_name, draft, updateType, reason) => {
    const { suggestion } = comparePublish(live, draft)
    expect(suggestion.updateType).toBe(updateType)
    expect(suggestion.reasons.join(' ')).toContain(reason)
  })
})
