import { describe, expect, it } from 'vitest'

import type { Measure, Revision } from '@rapport/contracts/snapshot'
import { referencedMeasures, structuredChanges } from '@rapport/site/lib/versions'
import { revision } from './fixture'

const MEASURES = [
  { number: 3, title: 'Styrke rekrutteringen' },
  { number: 11, title: 'Innføre introduksjonsavtaler' },
  { number: 12, title: 'Bedre kvaliteten' },
] as unknown as Measure[]

const base = revision({
  revision: 1,
  publishedAt: '2024-05-31T10:00:00.000Z',
  updateType: 'major',
  changeNote: 'Først publisert.',
  lastProfessionalChange: '2024-05-31',
  number: '2.1',
  title: 'Beskrivelse av målområde 2',
  goalArea: 2,
  measures: [3],
  html: '<p>Arbeidet følger tiltak 3.<sup class="fn-ref" id="fnref-1"><a href="#fn-1">1</a></sup></p>',
  headings: [],
  footnotes: [{ number: 1, html: 'Meld. St. 9' }],
})
const next = (changes: Partial<Revision>): Revision => revision({ ...base, revision: 2, ...changes })
const rows = (b: Revision) => structuredChanges(MEASURES, base, b).map((c) => [c.label, c.before, c.after])

describe('the measures a revision refers to', () => {
  it.each([
    ['listed', { measures: [3], html: '<p>Ingen nevnt.</p>' }, [3]],
    ['linked in the text', { measures: [], html: '<p>Se <a href="/tiltak/11/">Introduksjonsavtaler</a>.</p>' }, [11]],
    ['named in running text, any case', { measures: [], html: '<p>Tiltak 12 og tiltak 3 følges opp.</p>' }, [3, 12]],
    [
      'each once, in number order',
      { measures: [12], html: '<p><a href="/tiltak/12/">tiltak 12</a>, tiltak 3</p>' },
      [3, 12],
    ],
    ['none outside the plan’s 1–17', { measures: [], html: '<p>Tiltak 18 og <a href="/tiltak/0/">null</a>.</p>' }, []],
    ['not a number that only follows «tiltak» across a tag', { measures: [], html: '<p>tiltak</p><p>4 leger</p>' }, []],
  ])('are those %s', (_how, r, expected) => {
    expect(referencedMeasures(r)).toEqual(expected)
  })
})

describe('what changed besides the text', () => {
  it('always names the title and chapter number, marked «uendret» when they are', () => {
    expect(rows(next({ lastProfessionalChange: '2024-06-12' }))).toEqual([
      ['Tittel', 'Beskrivelse av målområde 2', 'Beskrivelse av målområde 2 (uendret)'],
      ['Kapittelnummer', '2.1', '2.1 (uendret)'],
      ['Siste faglige endring', '31. mai 2024', '12. juni 2024'],
    ])
  })

  it('lists a measure the text now names or links to, and one it no longer names, though the measure list is the same', () => {
    expect(
      rows(
        next({
          html: '<p>Arbeidet følger <a href="/tiltak/11/">introduksjonsavtalene</a>.<sup class="fn-ref" id="fnref-1"><a href="#fn-1">1</a></sup></p>',
          measures: [],
        }),
      ).slice(2),
    ).toEqual([
      ['Tiltak fjernet', 'Tiltak 3: Styrke rekrutteringen', ''],
      ['Tiltak lagt til', '', 'Tiltak 11: Innføre introduksjonsavtaler'],
    ])
  })

  it('lists footnotes added and removed by number', () => {
    const footnotes = [
      { number: 2, html: 'NOU 2023: 4' },
      { number: 3, html: 'Prop. 1 S' },
      { number: 4, html: 'Rundskriv' },
    ]
    expect(rows(next({ footnotes })).slice(2)).toEqual([
      ['Fotnoter fjernet', 'Fotnote 1', ''],
      ['Fotnoter lagt til', '', 'Fotnote 2, 3 og 4'],
    ])
  })

  it('names a changed title and number with their values before and after', () => {
    expect(rows(next({ title: 'Målområde 2', number: '2.2' })).slice(0, 2)).toEqual([
      ['Tittel', 'Beskrivelse av målområde 2', 'Målområde 2'],
      ['Kapittelnummer', '2.1', '2.2'],
    ])
  })
})
