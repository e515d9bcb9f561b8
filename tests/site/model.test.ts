import { describe, expect, it } from 'vitest'

import { norwegianDate } from '../../site/src/lib/dates'
import { compareChapterNumbers } from '../../site/src/lib/chapterNumbers'
import { addHeadingAnchors, chapterView, editionToc, measureLabel, measureView, type SiteData } from '../../site/src/lib/model'
import { readSnapshot } from '../../site/src/lib/snapshot/read'

const shipped: SiteData = readSnapshot()

describe('route data', () => {
  it.each([
    [['1.10', '1.2', '2', '1', null], [null, '1', '1.2', '1.10', '2']],
    [['10.1', '9.9', '9.10'], ['9.9', '9.10', '10.1']],
  ])('orders chapter numbers as readers count: %j', (input, expected) => {
    expect([...input].sort(compareChapterNumbers)).toEqual(expected)
  })

  it.each([
    [{ number: 7, title: '' }, 'Tiltak 7'],
    [{ number: 11, title: 'Innføre introduksjonsavtaler' }, 'Tiltak 11: Innføre introduksjonsavtaler'],
  ])('labels measure %j as "%s", never inventing a title', (measure, label) => {
    expect(measureLabel(measure)).toBe(label)
  })

  it.each([
    ['2022-05-19', '19. mai 2022'],
    ['2024-05-31T12:00:00.000Z', '31. mai 2024'],
    ['2023-12-31T23:30:00.000Z', '1. januar 2024'],
  ])('writes %s as "%s"', (value, text) => {
    expect(norwegianDate(value)).toBe(text)
  })

  it("lays out an edition's contents: the part, its introduction first, then chapters in order", () => {
    expect(editionToc(shipped, 'arsrapport-2021')).toEqual([
      {
        part: { number: 1, title: 'Tiltak, status og effekter' },
        entries: [
          { label: 'Del 1', title: 'Del 1 – Tiltak, status og effekter', url: '/arsrapport-2021/del-1-tiltak-status-og-effekter/', lastProfessionalChange: '2022-05-19', kind: 'partIntro' },
          { label: 'Kapittel 2.1', title: 'Beskrivelse av målområde 2', url: '/arsrapport-2021/beskrivelse-av-malomrade-2/', lastProfessionalChange: '2022-05-19', kind: 'chapter' },
          { label: 'Kapittel 3.1', title: 'Beskrivelse av målområde 3', url: '/arsrapport-2021/beskrivelse-av-malomrade-3/', lastProfessionalChange: '2022-05-19', kind: 'chapter' },
        ],
      },
    ])
  })

  it('gives a chapter its goal area in the wording of its own edition, its measures and dates', () => {
    const chapter = shipped.chapters.find((c) => c.slug === 'beskrivelse-av-malomrade-2')!
    const v = chapterView(shipped, chapter)
    expect([v.label, v.goalArea, v.measures.map((m) => m.label), v.isCurrentEdition, v.currentEdition?.slug, v.firstPublishedAt]).toEqual([
      'Kapittel 2.1',
      { number: 2, title: 'God kvalitet til alle', url: '/malomrader/2/' },
      ['Tiltak 10: Bedre kvaliteten på legetjenester til brukere med omfattende behov', 'Tiltak 11: Innføre introduksjonsavtaler', 'Tiltak 12: Bedre kvaliteten på allmennlegetjenesten og det systematiske arbeidet med kvalitet'],
      false,
      'arsrapport-2023',
      '2022-05-19T12:00:00.000Z',
    ])
  })

  it('shows a contents list only for chapters with three sections or more', () => {
    const long = shipped.chapters.find((c) => c.slug === 'malbildet-for-arbeidet')!
    const short = shipped.chapters.find((c) => c.slug === 'beskrivelse-av-malomrade-3')!
    expect([chapterView(shipped, long).showContents, chapterView(shipped, short).showContents]).toEqual([true, false])
  })

  it('lists the chapters that name a measure', () => {
    const m = shipped.snapshot.measures.find((x) => x.number === 14)!
    expect(measureView(shipped, m).chapters.map((c) => c.url)).toEqual(['/arsrapport-2021/beskrivelse-av-malomrade-3/'])
    const unnamed = shipped.snapshot.measures.find((x) => x.number === 7)!
    expect([measureView(shipped, unnamed).label, measureView(shipped, unnamed).chapters]).toEqual(['Tiltak 7', []])
  })

  it('adds a plain link to each section heading', () => {
    expect(addHeadingAnchors('<h2 id="mal">Mål <em>nå</em></h2><p>x</p>')).toBe(
      '<h2 id="mal">Mål <em>nå</em> <a class="anchor" href="#mal" aria-label="Lenke til denne delen: Mål nå">#</a></h2><p>x</p>',
    )
  })
})
