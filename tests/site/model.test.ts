import { describe, expect, it } from 'vitest'

import { compareChapterNumbers } from '@rapport/site/lib/chapterNumbers'
import { norwegianDay } from '@rapport/site/lib/dates'
import {
  addHeadingAnchors,
  chapterLabel,
  chapterView,
  currentEdition,
  editionToc,
  FOOTNOTES_FOLD_AFTER,
  goalAreaView,
  labelledTitle,
  measureLabel,
  measureView,
  type SiteData,
} from '@rapport/site/lib/model'
import type { Chapter } from '@rapport/contracts/snapshot'
import { fixtureData, revision } from './fixture'

const data = fixtureData()
const chapter = (slug: string) => data.chapters.find((c) => c.slug === slug)!
const measure = (n: number) => data.snapshot.measures.find((m) => m.number === n)!

/** A chapter of the 2023 edition with the given number, for ordering tests. */
const numbered = (number: string, part: number | null = null): Chapter => ({
  edition: 'arsrapport-2023',
  slug: `kapittel-${number.replace('.', '-')}`,
  kind: 'chapter',
  part,
  firstPublishedAt: '2024-05-31T10:00:00.000Z',
  revisions: [
    revision({
      revision: 1,
      publishedAt: '2024-05-31T10:00:00.000Z',
      updateType: 'major',
      changeNote: null,
      lastProfessionalChange: '2024-05-31',
      number,
      title: `Kapittel ${number}`,
      goalArea: null,
      measures: [],
      html: '<p>Tekst.</p>',
      headings: [],
      footnotes: [],
    }),
  ],
})

describe('chapter numbers and dates', () => {
  it.each([
    [
      ['1.10', '1.2', '2', '1', null],
      [null, '1', '1.2', '1.10', '2'],
    ],
    [
      ['10.1', '9.9', '9.10'],
      ['9.9', '9.10', '10.1'],
    ],
    [
      ['3.1', '2.1', '2.10', '2.2'],
      ['2.1', '2.2', '2.10', '3.1'],
    ],
  ])('orders chapter numbers as readers count: %j', (input, expected) => {
    expect([...input].sort(compareChapterNumbers)).toEqual(expected)
  })

  it.each([
    ['2022-05-19', '19. mai 2022'],
    ['2024-05-31', '31. mai 2024'],
    ['2024-05-31T10:00:00.000Z', '31. mai 2024'],
    ['2023-12-31T23:30:00.000Z', '1. januar 2024'],
    ['2023-12-31T22:30:00.000Z', '31. desember 2023'],
    ['2023-12-31T23:30:00.000Z', '1. januar 2024'],
    ['2022-03-01', '1. mars 2022'],
    ['2021-08-09', '9. august 2021'],
  ])('writes %s as "%s" (the Oslo calendar day)', (value, text) => {
    expect(norwegianDay(value)).toBe(text)
  })
})

describe('labels', () => {
  it.each([
    [{ number: 7, title: '' }, 'Tiltak 7'],
    [{ number: 9, title: '' }, 'Tiltak 9'],
    [{ number: 11, title: 'Innføre introduksjonsavtaler' }, 'Tiltak 11: Innføre introduksjonsavtaler'],
  ])('labels measure %j as "%s", never inventing a title', (m, label) => {
    expect(measureLabel(m)).toBe(label)
  })

  it.each([
    ['beskrivelse-av-malomrade-2', 'Kapittel 2.1'],
    ['malbildet-for-arbeidet', 'Kapittel 1.1'],
    ['del-1-tiltak-status-og-effekter', 'Del 1'],
  ])('labels %s as "%s"', (slug, label) => {
    expect(chapterLabel(chapter(slug))).toBe(label)
  })

  it.each([
    ['Kapittel 2.1', 'Beskrivelse av målområde 2', 'Kapittel 2.1 Beskrivelse av målområde 2'],
    ['Del 1', 'Del 1 – Tiltak, status og effekter', 'Del 1 – Tiltak, status og effekter'],
    ['Del 1', 'del 1: Tiltak', 'del 1: Tiltak'],
    ['Del 1', 'Del 1', 'Del 1'],
    ['Del 1', 'Del 10 – Andre tiltak', 'Del 1 Del 10 – Andre tiltak'],
    ['Innledning', 'Innledningen til rapporten', 'Innledning Innledningen til rapporten'],
  ])('names %s «%s» as «%s», the label said once', (label, title, name) => {
    expect(labelledTitle(label, title)).toBe(name)
  })

  it('gives measures 6–9 of the fixture no title, as the sources confirm none', () => {
    expect([6, 7, 8, 9].map((n) => measure(n).title)).toEqual(['', '', '', ''])
  })
})

describe("an edition's table of contents", () => {
  it('lays out the 2021 edition: part 1 with its introduction, then chapters 2.1 and 3.1, each with its last professional change', () => {
    expect(editionToc(data, 'arsrapport-2021')).toEqual([
      {
        part: {
          number: 1,
          title: 'Tiltak, status og effekter',
          intro: {
            number: null,
            title: 'Del 1 – Tiltak, status og effekter',
            url: '/arsrapport-2021/del-1-tiltak-status-og-effekter/',
            lastProfessionalChange: '2022-05-19',
            withdrawn: false,
          },
        },
        entries: [
          {
            number: '2.1',
            title: 'Beskrivelse av målområde 2',
            url: '/arsrapport-2021/beskrivelse-av-malomrade-2/',
            lastProfessionalChange: '2022-05-19',
            withdrawn: false,
          },
          {
            number: '3.1',
            title: 'Beskrivelse av målområde 3',
            url: '/arsrapport-2021/beskrivelse-av-malomrade-3/',
            lastProfessionalChange: '2022-05-19',
            withdrawn: false,
          },
        ],
      },
    ])
  })

  it('keeps the last professional change of 1.1 at 31 May 2024 after a minor revision', () => {
    expect(editionToc(data, 'arsrapport-2023')).toEqual([
      {
        part: null,
        entries: [
          {
            number: '1.1',
            title: 'Målbildet for arbeidet',
            url: '/arsrapport-2023/malbildet-for-arbeidet/',
            lastProfessionalChange: '2024-05-31',
            withdrawn: false,
          },
        ],
      },
    ])
  })

  it.each([
    [
      ['1.10', '1.2', '1.3'],
      ['1.1', '1.2', '1.3', '1.10'],
    ],
    [
      ['2.1', '1.10', '1.9'],
      ['1.1', '1.9', '1.10', '2.1'],
    ],
  ])('puts chapters %j in reading order', (numbers, expected) => {
    const withMore: SiteData = { ...data, chapters: [...data.chapters, ...numbers.map((n) => numbered(n))] }
    const order = editionToc(withMore, 'arsrapport-2023').flatMap((g) => g.entries.map((e) => e.number))
    expect(order).toEqual(expected)
  })
})

describe('what a chapter page shows', () => {
  it.each([
    [
      'beskrivelse-av-malomrade-2',
      {
        label: 'Kapittel 2.1',
        goalArea: 'God kvalitet til alle',
        measures: [10, 11, 12],
        current: false,
        firstPublished: '2022-05-19T10:00:00.000Z',
        lastChange: '2022-05-19',
        contents: false,
      },
    ],
    [
      'beskrivelse-av-malomrade-3',
      {
        label: 'Kapittel 3.1',
        goalArea: 'Fremtiden er teambasert',
        measures: [13, 14, 15, 16, 17],
        current: false,
        firstPublished: '2022-05-19T10:00:00.000Z',
        lastChange: '2022-05-19',
        contents: false,
      },
    ],
    [
      'malbildet-for-arbeidet',
      {
        label: 'Kapittel 1.1',
        goalArea: null,
        measures: [],
        current: true,
        firstPublished: '2024-05-31T10:00:00.000Z',
        lastChange: '2024-05-31',
        contents: true,
      },
    ],
  ])('%s: label, goal area in its own edition’s wording, measures, dates and contents list', (slug, expected) => {
    const v = chapterView(data, chapter(slug))
    expect({
      label: v.label,
      goalArea: v.goalArea?.title ?? null,
      measures: v.measures.map((m) => m.number),
      current: v.isCurrentEdition,
      firstPublished: v.firstPublishedAt,
      lastChange: v.revision.lastProfessionalChange,
      contents: v.showContents,
    }).toEqual(expected)
  })

  it('shows the newest revision, first published with the first', () => {
    const v = chapterView(data, chapter('malbildet-for-arbeidet'))
    expect([v.revision.revision, v.revision.html.includes('lagt fram 1. mars 2024'), v.firstPublishedAt]).toEqual([
      2,
      true,
      '2024-05-31T10:00:00.000Z',
    ])
  })

  it('names the current edition for the banner of a superseded one', () => {
    expect([
      currentEdition(data.snapshot)?.slug,
      chapterView(data, chapter('beskrivelse-av-malomrade-2')).currentEdition?.slug,
    ]).toEqual(['arsrapport-2023', 'arsrapport-2023'])
  })

  it.each([
    [
      'a minor revision only',
      [
        ['major', 'Først publisert.'],
        ['minor', null],
      ],
      null,
    ],
    [
      'a later major revision with a note',
      [
        ['major', 'Først publisert.'],
        ['major', 'Oppdatert omtale av teamarbeid.'],
        ['minor', null],
      ],
      { revision: 2, note: 'Oppdatert omtale av teamarbeid.' },
    ],
    ['a first revision only', [['major', 'Først publisert.']], null],
  ] as const)('with %s, shows the latest change note %j', (_case, kinds, expected) => {
    const base = chapter('beskrivelse-av-malomrade-3')
    const revisions = kinds.map(([updateType, changeNote], i) => ({
      ...base.revisions[0],
      revision: i + 1,
      updateType,
      changeNote,
      lastProfessionalChange: `2023-0${i + 1}-01`,
    }))
    const v = chapterView(data, { ...base, revisions })
    expect(v.latestChange && { revision: v.latestChange.revision, note: v.latestChange.note }).toEqual(expected)
  })

  it.each([
    [1, false],
    [FOOTNOTES_FOLD_AFTER, false],
    [FOOTNOTES_FOLD_AFTER + 1, true],
  ])('with %i footnotes, folds the list: %s', (count, folded) => {
    const base = chapter('malbildet-for-arbeidet')
    const footnotes = Array.from({ length: count }, (_, i) => ({ number: i + 1, html: `Kilde ${i + 1}` }))
    const revisions = [{ ...base.revisions[0], footnotes }]
    expect(chapterView(data, { ...base, revisions }).collapseFootnotes).toBe(folded)
  })
})

describe('measure and goal area pages', () => {
  it('gives a measure its goal area, its status in every edition (oldest first) and the chapters naming it', () => {
    const v = measureView(data, measure(11))
    expect([v.label, v.goalArea, v.statuses.map((s) => [s.edition, s.status]), v.chapters.map((c) => c.url)]).toEqual([
      'Tiltak 11: Innføre introduksjonsavtaler',
      { number: 2, title: 'God kvalitet til alle', url: '/malomrader/2/' },
      [
        ['arsrapport-2021', 'Pågår'],
        ['arsrapport-2023', 'Gjennomført'],
      ],
      ['/arsrapport-2021/beskrivelse-av-malomrade-2/'],
    ])
  })

  it('shows an unconfirmed measure by number only, with no status or chapters made up', () => {
    const v = measureView(data, measure(7))
    expect([v.label, v.statuses.map((s) => s.status), v.chapters]).toEqual(['Tiltak 7', [null, null], []])
  })

  it.each([
    [
      1,
      'En trygg og aktiv karrierevei',
      [
        ['arsrapport-2023', 6],
        ['arsrapport-2021', 0],
      ],
      9,
    ],
    [
      2,
      'God kvalitet til alle',
      [
        ['arsrapport-2023', 5],
        ['arsrapport-2021', 5],
      ],
      3,
    ],
    [
      3,
      'Fremtiden er teambasert',
      [
        ['arsrapport-2023', 4],
        ['arsrapport-2021', 4],
      ],
      5,
    ],
  ])(
    'goal area %i is "%s" now, with effect goals per edition (newest first) and its measures',
    (n, title, goals, measures) => {
      const v = goalAreaView(
        data,
        data.snapshot.goalAreas.find((g) => g.number === n)!,
      )
      expect([v.title, v.editions.map((e) => [e.edition, e.effectGoals.length]), v.measures.length]).toEqual([
        title,
        goals,
        measures,
      ])
    },
  )
})

describe('links to sections', () => {
  it.each([
    [
      'a plain heading',
      '<h2 id="mal">Mål</h2><p>x</p>',
      '<div class="heading"><h2 id="mal">Mål</h2><a class="anchor" href="#mal"><span class="vh">Kopier lenke til denne delen: Mål</span></a></div><p>x</p>',
    ],
    [
      'a heading with markup',
      '<h3 id="na">Mål <em>nå</em></h3>',
      '<div class="heading"><h3 id="na">Mål <em>nå</em></h3><a class="anchor" href="#na"><span class="vh">Kopier lenke til denne delen: Mål nå</span></a></div>',
    ],
    ['a heading without id', '<h2>Uten</h2>', '<h2>Uten</h2>'],
  ])('gives %s a link to itself after it', (_case, html, expected) => {
    expect(addHeadingAnchors(html)).toBe(expected)
  })
})
