/**
 * The whole edition as one document: its page data (site/src/lib/print.ts), the print date, and
 * when the incremental planner renders it again.
 */
import { describe, expect, it } from 'vitest'

import { toSiteData, type SiteData } from '@rapport/site/lib/model'
import { pagePlan, printPage } from '@rapport/site/lib/pages'
import { printChapters, printDocument, printHtml, printText, type PrintDocument } from '@rapport/site/lib/print'
import { printDate, showPrintDate } from '@rapport/site/lib/printDate'
import { readSnapshot } from '@rapport/contracts/readSnapshot'
import type { Chapter } from '@rapport/contracts/snapshot'
import { appendRevision } from '../support/siteRevisions'
import { copyFixture, fixtureData, revision } from './fixture'

const DEL1 = 'del-1-tiltak-status-og-effekter'
const C21 = 'beskrivelse-av-malomrade-2'
const C31 = 'beskrivelse-av-malomrade-3'

/** The fixture with its 2021 chapters changed: footnote 1 in both 2.1 and 3.1, sub-headings, links between them, and a withdrawn 3.2. */
const richData = (): SiteData => {
  const data = fixtureData()
  const change = (slug: string, html: string, footnotes: Chapter['revisions'][number]['footnotes']) => {
    const c = data.chapters.find((x) => x.edition === 'arsrapport-2021' && x.slug === slug)!
    const r = c.revisions.at(-1)!
    c.revisions[c.revisions.length - 1] = revision({ ...r, html, footnotes })
    return c
  }
  change(
    C21,
    '<p>Innledning<sup class="fn-ref" id="fnref-1"><a href="#fn-1">1</a></sup>.</p><h2 id="status">Status</h2><h3 id="detaljer">Detaljer</h3><h4 id="mer">Mer</h4><p>Se <a href="/arsrapport-2021/beskrivelse-av-malomrade-3/#status">status i 3.1</a> og <a href="/tiltak/10/">tiltak 10</a>.</p>',
    [{ number: 1, html: 'Første kilde i 2.1' }],
  )
  change(
    C31,
    '<p>Tekst<sup class="fn-ref" id="fnref-1"><a href="#fn-1">1</a></sup>.</p><h2 id="status">Status</h2><p>Se <a href="/arsrapport-2021/kapittel-3-2/">3.2</a> og <a href="https://www.helsedirektoratet.no">helsedirektoratet.no</a>.</p>',
    [{ number: 1, html: 'Første kilde i 3.1' }],
  )
  const c31 = data.chapters.find((x) => x.slug === C31)!
  const base = c31.revisions[0]
  const withdrawn: Chapter = {
    ...c31,
    slug: 'kapittel-3-2',
    revisions: [
      revision({ ...base, number: '3.2', title: 'Et kapittel som ble trukket', html: '<p>Gammel tekst.</p>' }),
      revision({
        ...base,
        revision: 2,
        number: '3.2',
        title: 'Et kapittel som ble trukket',
        html: '<p>Gammel tekst.</p>',
        updateType: 'withdrawal',
        changeNote: 'Erstattet av kapittel 3.1.',
        publishedAt: '2023-01-10T09:00:00.000Z',
      }),
    ],
  }
  return toSiteData(data.snapshot, [...data.chapters, withdrawn])
}

const ids = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])

describe('a chapter’s text in the print document', () => {
  const inDocument = new Map([['/arsrapport-2021/beskrivelse-av-malomrade-3/', C31]])

  it('moves its headings down below the chapter’s own heading, never past h6', () => {
    const html = printHtml('<h2 id="a">A</h2><h3 id="b">B</h3><h4 id="c">C</h4>', C21, 2, inDocument)
    expect(html).toBe(`<h4 id="kap-${C21}--a">A</h4><h5 id="kap-${C21}--b">B</h5><h6 id="kap-${C21}--c">C</h6>`)
    expect(printHtml('<h4 id="c">C</h4>', C21, 3, inDocument)).toBe(`<h6 id="kap-${C21}--c">C</h6>`)
  })

  it('gives every id the chapter’s prefix and points its in-page links there', () => {
    const html = printHtml(
      '<p>Tekst<sup class="fn-ref" id="fnref-15"><a href="#fn-15">15</a></sup></p><table><tr><th id="h1">A</th><td headers="h1">1</td></tr></table>',
      C21,
      1,
      inDocument,
    )
    expect(html).toContain(`<sup class="fn-ref" id="kap-${C21}--fnref-15"><a href="#kap-${C21}--fn-15">15</a></sup>`)
    expect(html).toContain(`<td headers="kap-${C21}--h1">1</td>`)
  })

  it('turns links to chapters printed in the document into links to their place in it, and leaves other links as they are', () => {
    const html = printHtml(
      '<p><a href="/arsrapport-2021/beskrivelse-av-malomrade-3/">3.1</a> <a href="/arsrapport-2021/beskrivelse-av-malomrade-3/#status">status</a> <a href="/tiltak/10/">t</a> <a href="https://example.org/a?b=1&amp;c=2">e</a> æøå &amp; &lt;</p>',
      C21,
      1,
      inDocument,
    )
    expect(html).toBe(
      `<p><a href="#kap-${C31}">3.1</a> <a href="#kap-${C31}--status">status</a> <a href="/tiltak/10/">t</a> <a href="https://example.org/a?b=1&amp;c=2">e</a> æøå &amp; &lt;</p>`,
    )
  })
})

describe('the print document of an edition', () => {
  it('holds every chapter of the edition in reading order: the part’s introduction as its heading, then its chapters', () => {
    const doc = printDocument(fixtureData(), 'arsrapport-2021')!
    expect(printChapters(doc).map((c) => [c.number ?? c.label, c.level])).toEqual([
      ['Del 1', 2],
      ['2.1', 3],
      ['3.1', 3],
    ])
    expect(doc.groups.map((g) => g.part && [g.part.number, g.part.intro?.title])).toEqual([
      [1, 'Del 1 – Tiltak, status og effekter'],
    ])
  })

  it('puts chapters outside any part at the level below the document’s title', () => {
    const doc = printDocument(fixtureData(), 'arsrapport-2023')!
    expect(doc.groups).toEqual([
      {
        part: null,
        chapters: [
          expect.objectContaining({
            number: '1.1',
            level: 2,
            revision: 2,
            lastProfessionalChange: '2024-05-31',
            publishedAt: '2024-06-12T08:30:00.000Z',
          }),
        ],
      },
    ])
  })

  it('gives each chapter the permanent address of the version printed', () => {
    const doc = printDocument(fixtureData(), 'arsrapport-2023')!
    expect(printChapters(doc).map((c) => [c.url, c.permanentUrl])).toEqual([
      ['/arsrapport-2023/malbildet-for-arbeidet/', '/arsrapport-2023/malbildet-for-arbeidet/versjoner/2/'],
    ])
  })

  it('names the report, its publisher, its licence and, for a superseded edition, the current one', () => {
    const doc = printDocument(fixtureData(), 'arsrapport-2021')!
    expect([doc.url, doc.report, doc.edition.title, doc.currentEdition?.url]).toEqual([
      '/arsrapport-2021/utskrift/',
      {
        title: 'Oppfølging av handlingsplan for allmennlegetjenesten',
        publisher: 'Helsedirektoratet',
        licence: { name: 'Norsk lisens for offentlige data (NLOD) 2.0', url: 'https://data.norge.no/nlod/no/2.0' },
      },
      'Handlingsplan for allmennlegetjenesten – årsrapport 2021',
      '/arsrapport-2023/',
    ])
    expect(printDocument(fixtureData(), 'arsrapport-2023')!.currentEdition).toBeNull()
  })

  it('is generated as of the newest publish in the edition, so that every build of the same content says the same', () => {
    expect(printDocument(fixtureData(), 'arsrapport-2023')!.generatedAt).toBe('2024-06-12T08:30:00.000Z')
    expect(printDocument(fixtureData(), 'arsrapport-2021')!.generatedAt).toBe('2022-05-19T10:00:00.000Z')
    expect(printDocument(richData(), 'arsrapport-2021')!.generatedAt).toBe('2023-01-10T09:00:00.000Z')
  })

  it('lists a withdrawn chapter in its place, marked, without its text', () => {
    const doc = printDocument(richData(), 'arsrapport-2021')!
    const c32 = printChapters(doc).find((c) => c.number === '3.2')!
    expect(printChapters(doc).map((c) => c.number ?? c.label)).toEqual(['Del 1', '2.1', '3.1', '3.2'])
    expect([c32.withdrawal, c32.source, printText(doc, c32)]).toEqual([
      { date: '2023-01-10T09:00:00.000Z', explanation: 'Erstattet av kapittel 3.1.' },
      null,
      { html: '', footnotes: [] },
    ])
    // A link to it from another chapter stays a link to its page, where the withdrawal is explained.
    expect(
      printText(
        doc,
        printChapters(doc).find((c) => c.number === '3.1')!,
      ).html,
    ).toContain('<a href="/arsrapport-2021/kapittel-3-2/">3.2</a>')
  })

  it('keeps every id unique across chapters, footnotes with the same number included, and every in-page link resolving', () => {
    const doc: PrintDocument = printDocument(richData(), 'arsrapport-2021')!
    const texts = printChapters(doc).map((c) => ({ c, ...printText(doc, c) }))
    const all = [
      ...printChapters(doc).flatMap((c) => [c.id, c.footnotesId]),
      ...texts.flatMap((t) => [...ids(t.html), ...t.footnotes.map((f) => f.id)]),
    ]
    expect(all.length).toBe(new Set(all).size)
    expect(texts.flatMap((t) => t.footnotes.map((f) => f.id))).toEqual([`kap-${C21}--fn-1`, `kap-${C31}--fn-1`])
    const targets = texts.flatMap((t) => [...t.html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]))
    // The introduction links to 2.1 and 3.1; 2.1 to its footnote and a section of 3.1; 3.1 to its footnote.
    expect(targets).toEqual([`kap-${C21}`, `kap-${C31}`, `kap-${C21}--fn-1`, `kap-${C31}--status`, `kap-${C31}--fn-1`])
    for (const t of targets) expect(all).toContain(t)
    expect(texts.flatMap((t) => t.footnotes.map((f) => f.backref))).toEqual(
      texts.flatMap((t) => ids(t.html).filter((id) => id.includes('fnref'))),
    )
  })

  it('is not made for an edition one of whose chapters has its address, nor for an unknown edition', () => {
    const data = fixtureData()
    const c = data.chapters.find((x) => x.slug === C21)!
    const taken = toSiteData(data.snapshot, [...data.chapters, { ...c, slug: 'utskrift' }])
    expect(printDocument(taken, 'arsrapport-2021')).toBeNull()
    expect(printDocument(taken, 'arsrapport-2023')).not.toBeNull()
    expect(printDocument(data, 'finnes-ikke')).toBeNull()
    expect(printPage.entries(taken).map((e) => e.params.edition)).toEqual(['arsrapport-2023'])
  })
})

describe('«Utskriftsdato»', () => {
  it('is the reader’s own day, in Norwegian', () => {
    expect(printDate(new Date(2026, 10, 29, 23, 59))).toEqual({ iso: '2026-11-29', text: '29. november 2026' })
    expect(printDate(new Date(2027, 0, 1, 0, 0))).toEqual({ iso: '2027-01-01', text: '1. januar 2027' })
  })

  it('replaces the generated date on the page and drops the note that stands in for it', () => {
    const time = { dateTime: '2024-06-12', textContent: '12. juni 2024' }
    const removed: string[] = []
    const root = {
      querySelectorAll: (selector: string) =>
        selector === 'time[data-print-date]' ? [time] : [{ remove: () => removed.push(selector) }],
    } as unknown as ParentNode
    showPrintDate(root, new Date(2026, 10, 29))
    expect([time, removed]).toEqual([
      { dateTime: '2026-11-29', textContent: '29. november 2026' },
      ['[data-print-date-fallback]'],
    ])
  })
})

describe('when the incremental planner renders the print document again', () => {
  const planOf = (dir: string) => {
    const { snapshot, chapters } = readSnapshot(dir)
    return pagePlan(toSiteData(snapshot, chapters))
  }
  const before = planOf(copyFixture())
  const changed = (edit: (dir: string) => void) => {
    const dir = copyFixture()
    edit(dir)
    const after = planOf(dir)
    return Object.keys(after).filter((f) => f.endsWith('/utskrift/index.html') && after[f] !== before[f])
  }
  const addRevision =
    (edition: string, slug: string, change: Partial<Chapter['revisions'][number]> = {}) =>
    (dir: string) =>
      appendRevision(dir, edition, slug, (last) => ({
        ...change,
        html: change.html ?? last.html.replace('</p>', ' Endret.</p>'),
      }))

  it('has a print document for each edition', () => {
    expect(Object.keys(before).filter((f) => f.endsWith('utskrift/index.html'))).toEqual([
      'arsrapport-2021/utskrift/index.html',
      'arsrapport-2023/utskrift/index.html',
    ])
  })

  it.each([
    [
      'a new revision of the edition’s only chapter',
      addRevision('arsrapport-2023', 'malbildet-for-arbeidet'),
      ['arsrapport-2023/utskrift/index.html'],
    ],
    [
      'a new revision of a chapter in a part',
      addRevision('arsrapport-2021', C31),
      ['arsrapport-2021/utskrift/index.html'],
    ],
    [
      'a new title of a part’s introduction',
      addRevision('arsrapport-2021', DEL1, { title: 'Del 1 – Tiltakene' }),
      ['arsrapport-2021/utskrift/index.html'],
    ],
    [
      'a withdrawal',
      addRevision('arsrapport-2021', C21, { updateType: 'withdrawal', changeNote: 'Trukket.' }),
      ['arsrapport-2021/utskrift/index.html'],
    ],
  ])('renders it for %s, and only that edition’s', (_, edit, expected) => {
    expect(changed(edit)).toEqual(expected)
  })
})
