/** «Siter denne versjonen»: the citation as text, RIS and BibTeX. */
import { describe, expect, it } from 'vitest'

import {
  bibtexValue,
  citationBibtex,
  citationInput,
  citationOf,
  citationRis,
  citationText,
  type CitationInput,
} from '@rapport/site/lib/citation'
import { fixtureData } from './fixture'

const SITE = 'https://rapport.example.no'
const base: CitationInput = {
  publisher: 'Helsedirektoratet',
  reportTitle: 'Oppfølging av handlingsplan for allmennlegetjenesten',
  editionTitle: 'Allmennlegetjenesten – årsrapport 2023',
  chapterNumber: '1.1',
  title: 'Målbildet for arbeidet',
  revision: 1,
  publishedAt: '2024-05-31T10:00:00.000Z',
  lastProfessionalChange: '2024-05-31',
  path: '/arsrapport-2023/malbildet-for-arbeidet/versjoner/1/',
}
const chapter = { edition: 'arsrapport-2023', slug: 'malbildet-for-arbeidet' }

describe('the citation as text', () => {
  it.each([
    [
      'a first version',
      {},
      'Helsedirektoratet (2024). Målbildet for arbeidet. I: Allmennlegetjenesten – årsrapport 2023, versjon 1, sist faglig endret 31. mai 2024. https://rapport.example.no/arsrapport-2023/malbildet-for-arbeidet/versjoner/1/',
    ],
    [
      'a redaksjonell endring: its own version and publish year, the earlier «sist faglig endret»',
      {
        revision: 2,
        publishedAt: '2025-01-08T09:00:00.000Z',
        path: '/arsrapport-2023/malbildet-for-arbeidet/versjoner/2/',
      },
      'Helsedirektoratet (2025). Målbildet for arbeidet. I: Allmennlegetjenesten – årsrapport 2023, versjon 2, sist faglig endret 31. mai 2024. https://rapport.example.no/arsrapport-2023/malbildet-for-arbeidet/versjoner/2/',
    ],
    [
      'the year in Oslo time: published at 00:30 on New Year’s Day there',
      { publishedAt: '2024-12-31T23:30:00.000Z' },
      'Helsedirektoratet (2025). Målbildet for arbeidet. I: Allmennlegetjenesten – årsrapport 2023, versjon 1, sist faglig endret 31. mai 2024. https://rapport.example.no/arsrapport-2023/malbildet-for-arbeidet/versjoner/1/',
    ],
    [
      'a title ending in a question mark gets no full stop after it',
      { title: 'Hva er målet?' },
      'Helsedirektoratet (2024). Hva er målet? I: Allmennlegetjenesten – årsrapport 2023, versjon 1, sist faglig endret 31. mai 2024. https://rapport.example.no/arsrapport-2023/malbildet-for-arbeidet/versjoner/1/',
    ],
  ] as Array<[string, Partial<CitationInput>, string]>)('%s', (_, change, expected) => {
    expect(citationText(citationOf({ ...base, ...change }, SITE))).toBe(expected)
  })

  it('uses the version’s permanent address on the configured site, as the canonical link does', () => {
    expect(citationOf(base, new URL('https://example.no/rapport/')).url).toBe(
      'https://example.no/arsrapport-2023/malbildet-for-arbeidet/versjoner/1/',
    )
    expect(citationOf(base, undefined).url).toBe(
      'http://localhost:3000/arsrapport-2023/malbildet-for-arbeidet/versjoner/1/',
    )
  })

  it('takes its parts from the snapshot: the current version on the chapter page, the given one on a version page', () => {
    const data = fixtureData()
    const c = data.chapters.find((x) => x.slug === 'malbildet-for-arbeidet')!
    expect(citationInput(data, c)).toEqual({
      publisher: 'Helsedirektoratet',
      reportTitle: 'Oppfølging av handlingsplan for allmennlegetjenesten',
      editionTitle: 'Allmennlegetjenesten – årsrapport 2023 inklusive status per mai 2024',
      chapterNumber: '1.1',
      title: 'Målbildet for arbeidet',
      revision: 2,
      publishedAt: '2024-06-12T08:30:00.000Z',
      lastProfessionalChange: '2024-05-31',
      path: '/arsrapport-2023/malbildet-for-arbeidet/versjoner/2/',
    })
    expect(citationInput(data, c, c.revisions[0])).toMatchObject({
      revision: 1,
      path: '/arsrapport-2023/malbildet-for-arbeidet/versjoner/1/',
    })
    const part = data.chapters.find((x) => x.kind === 'partIntro')!
    expect(citationInput(data, part).chapterNumber).toBeNull()
  })
})

describe('RIS', () => {
  it('is a book chapter in the edition, with its version, dates and address, CRLF line ends', () => {
    expect(citationRis(citationOf(base, SITE))).toBe(
      [
        'TY  - CHAP',
        'AU  - Helsedirektoratet',
        'PY  - 2024',
        'DA  - 2024/05/31',
        'TI  - Målbildet for arbeidet',
        'T2  - Allmennlegetjenesten – årsrapport 2023',
        'T3  - Oppfølging av handlingsplan for allmennlegetjenesten',
        'SE  - Kapittel 1.1',
        'PB  - Helsedirektoratet',
        'ET  - Versjon 1',
        'LA  - nb',
        'UR  - https://rapport.example.no/arsrapport-2023/malbildet-for-arbeidet/versjoner/1/',
        'N1  - Versjon 1, publisert 31. mai 2024, sist faglig endret 31. mai 2024.',
        'ER  - ',
        '',
      ].join('\r\n'),
    )
  })

  it.each([
    [
      'a part introduction has no chapter number',
      { chapterNumber: null },
      (ris: string) => expect(ris).not.toContain('SE  -'),
    ],
    [
      'a line break in a title stays on its line',
      { title: 'To\nlinjer' },
      (ris: string) => expect(ris).toContain('TI  - To linjer\r\n'),
    ],
  ] as Array<[string, Partial<CitationInput>, (ris: string) => void]>)('%s', (_, change, check) => {
    check(citationRis(citationOf({ ...base, ...change }, SITE)))
  })
})

describe('BibTeX', () => {
  it('is an @incollection with the body as author in braces, the title braced, the version and its address', () => {
    expect(citationBibtex(citationOf(base, SITE), chapter))
      .toBe(`@incollection{helsedirektoratet-2024-malbildet-for-arbeidet-v1,
  author = {{Helsedirektoratet}},
  title = {{Målbildet for arbeidet}},
  booktitle = {Allmennlegetjenesten – årsrapport 2023},
  series = {Oppfølging av handlingsplan for allmennlegetjenesten},
  chapter = {1.1},
  publisher = {Helsedirektoratet},
  year = {2024},
  date = {2024-05-31},
  version = {1},
  note = {Versjon 1, sist faglig endret 31. mai 2024},
  url = {https://rapport.example.no/arsrapport-2023/malbildet-for-arbeidet/versjoner/1/},
  langid = {norsk},
}
`)
  })

  it.each([
    ['Fag & forskning', 'Fag \\& forskning'],
    ['100 % sikkert', '100 \\% sikkert'],
    ['{klammer} og $ # _', '\\{klammer\\} og \\$ \\# \\_'],
    ['tilde ~ og ^ og \\', 'tilde \\textasciitilde{} og \\textasciicircum{} og \\textbackslash{}'],
    ['Æøå blir stående', 'Æøå blir stående'],
  ])('escapes «%s» as «%s»', (value, escaped) => {
    expect(bibtexValue(value)).toBe(escaped)
  })

  it('keys a chapter with Norwegian letters in ASCII, and a part introduction without a chapter field', () => {
    const bib = citationBibtex(
      citationOf({ ...base, chapterNumber: null, publisher: 'Direktoratet for e-helse og øvrige' }, SITE),
      { edition: 'x', slug: 'del-1-tiltak' },
    )
    expect(bib.split('\n')[0]).toBe('@incollection{direktoratet-for-e-helse-og-ovrige-2024-del-1-tiltak-v1,')
    expect(bib).not.toContain('chapter =')
  })
})
