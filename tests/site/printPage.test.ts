/**
 * /<edition>/utskrift/ as built, read and printed: the fixture's 2021 edition with footnote 1 in
 * two chapters, sub-headings, links between chapters and a withdrawn chapter 3.2.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { HtmlValidate } from 'html-validate'
import { parseDocument } from 'htmlparser2'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { beforeAll, describe, expect, it } from 'vitest'

import { buildSite } from '@rapport/site/builder/build'
import { printDate } from '@rapport/site/lib/printDate'
import type { Chapter } from '@rapport/contracts/snapshot'
import { axeViolationsAtWidths } from '../support/siteAxe'
import { servedInChromium } from '../support/siteInChromium'
import { chapterFile, copyFixture, editChapter, revision, ROOT } from './fixture'

const PRINT = '/arsrapport-2021/utskrift/'
const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots')
/** The chapters of the 2021 edition in reading order: their anchors and headings. */
const CHAPTERS = [
  ['kap-del-1-tiltak-status-og-effekter', 'h2', 'Del 1 – Tiltak, status og effekter'],
  ['kap-beskrivelse-av-malomrade-2', 'h3', 'Kapittel 2.1 Beskrivelse av målområde 2'],
  ['kap-beskrivelse-av-malomrade-3', 'h3', 'Kapittel 3.1 Beskrivelse av målområde 3'],
  ['kap-kapittel-3-2', 'h3', 'Kapittel 3.2 Et kapittel som ble trukket'],
]

let dist: string
let html: string
type Node = { type?: string; name?: string; attribs?: Record<string, string>; children?: Node[]; data?: string }
const all = (node: Node, test: (n: Node) => boolean): Node[] =>
  (node.children ?? []).flatMap((c) => [...(test(c) ? [c] : []), ...all(c, test)])
/** Block elements: their text stands apart from the text around them. */
const BLOCK = /^(h[1-6]|p|div|section|nav|dl|dt|dd|ol|ul|li|table|caption|thead|tbody|tr|th|td)$/
const rawText = (node: Node): string => {
  if (node.type === 'text') return node.data ?? ''
  const inner = (node.children ?? []).map(rawText).join('')
  return BLOCK.test(node.name ?? '') ? ` ${inner} ` : inner
}
const textOf = (node: Node) => rawText(node).replace(/\s+/g, ' ').trim()

beforeAll(async () => {
  const snapshot = copyFixture()
  const change = (slug: string, body: string, note: string) =>
    editChapter(snapshot, 'arsrapport-2021', slug, (c: Chapter) => {
      const r = c.revisions.at(-1)!
      c.revisions[c.revisions.length - 1] = revision({
        ...r,
        html: `${body}${r.html}`,
        footnotes: [{ number: 1, html: note }],
      })
    })
  change(
    'beskrivelse-av-malomrade-2',
    '<p>Innledning<sup class="fn-ref" id="fnref-1"><a href="#fn-1">1</a></sup>.</p><h2 id="status">Status</h2><h3 id="detaljer">Detaljer</h3><p>Se <a href="/arsrapport-2021/beskrivelse-av-malomrade-3/#status">status i 3.1</a> og <a href="https://www.helsedirektoratet.no/rapporter">rapportene</a>.</p>',
    'Første kilde i 2.1',
  )
  change(
    'beskrivelse-av-malomrade-3',
    '<p>Tekst<sup class="fn-ref" id="fnref-1"><a href="#fn-1">1</a></sup>.</p><h2 id="status">Status</h2>',
    'Første kilde i 3.1',
  )
  const c31 = JSON.parse(
    fs.readFileSync(chapterFile(snapshot, 'arsrapport-2021', 'beskrivelse-av-malomrade-3'), 'utf8'),
  ) as Chapter
  const base = {
    ...c31.revisions[0],
    number: '3.2',
    title: 'Et kapittel som ble trukket',
    html: '<p>Gammel tekst som ikke skal skrives ut.</p>',
    footnotes: [],
  }
  const withdrawn: Chapter = {
    ...c31,
    slug: 'kapittel-3-2',
    revisions: [
      revision(base),
      revision({
        ...base,
        revision: 2,
        updateType: 'withdrawal',
        changeNote: 'Erstattet av kapittel 3.1.',
        publishedAt: '2023-01-10T09:00:00.000Z',
      }),
    ],
  }
  fs.writeFileSync(chapterFile(snapshot, 'arsrapport-2021', 'kapittel-3-2'), `${JSON.stringify(withdrawn, null, 2)}\n`)
  dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'print-site-')), 'dist')
  await buildSite({ snapshot, out: dist, quiet: true })
  html = fs.readFileSync(path.join(dist, PRINT, 'index.html'), 'utf8')
}, 180_000)

describe('the print document as built', () => {
  const doc = () => parseDocument(html) as Node
  const headings = () => all(doc(), (n) => /^h[1-6]$/.test(n.name ?? ''))

  it('is linked from the edition’s contents page', () => {
    expect(fs.readFileSync(path.join(dist, 'arsrapport-2021/index.html'), 'utf8')).toContain(
      `<a href="${PRINT}">Hele utgaven som ett dokument, for utskrift</a>`,
    )
    expect(fs.readFileSync(path.join(dist, 'arsrapport-2023/index.html'), 'utf8')).toContain(
      '<a href="/arsrapport-2023/utskrift/">',
    )
  })

  it('has one h1, the title page’s, and headings that never skip a level', () => {
    const levels = headings().map((h) => Number(h.name!.slice(1)))
    expect(levels.filter((l) => l === 1)).toHaveLength(1)
    expect(textOf(headings()[0])).toBe(
      'Oppfølging av handlingsplan for allmennlegetjenesten Handlingsplan for allmennlegetjenesten – årsrapport 2021',
    )
    const skips = levels.flatMap((l, i) =>
      i > 0 && l > levels[i - 1] + 1
        ? [`${headings()[i - 1].name} → ${headings()[i].name} «${textOf(headings()[i])}»`]
        : [],
    )
    expect(skips).toEqual([])
  })

  it('holds every chapter of the edition in order, at its level, the chapters’ own sections below them', () => {
    const chapters = headings().filter((h) => h.attribs?.id?.startsWith('kap-') && !h.attribs.id.includes('--'))
    expect(chapters.map((h) => [h.attribs!.id, h.name, textOf(h)])).toEqual(CHAPTERS)
    expect(html).toContain(
      '<h4 id="kap-beskrivelse-av-malomrade-2--status">Status</h4><h5 id="kap-beskrivelse-av-malomrade-2--detaljer">Detaljer</h5>',
    )
    const toc = all(doc(), (n) => n.name === 'nav' && n.attribs?.class === 'print-toc')[0]
    expect(all(toc, (n) => n.name === 'a').map((a) => a.attribs!.href)).toEqual(CHAPTERS.map(([id]) => `#${id}`))
  })

  it('gives each chapter its «Siste faglige endring» and its version with its publish date', () => {
    const summaries = all(doc(), (n) => n.name === 'section' && n.attribs?.class === 'print-chapter').map((s) =>
      textOf(all(s, (n) => n.name === 'dl')[0]),
    )
    expect(summaries).toEqual([
      'Siste faglige endring 19. mai 2022 Versjon 1, publisert 19. mai 2022',
      'Siste faglige endring 19. mai 2022 Versjon 1, publisert 19. mai 2022',
      'Siste faglige endring 19. mai 2022 Versjon 1, publisert 19. mai 2022',
      'Siste faglige endring 19. mai 2022 Versjon 2, publisert 10. januar 2023',
    ])
  })

  it('has every id once, and every in-page link and footnote resolves in the page', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
    const unresolved = [...html.matchAll(/href="#([^"]*)"/g)].map((m) => m[1]).filter((id) => !ids.includes(id))
    expect(unresolved).toEqual([])
    // Footnote 1 of 2.1 and of 3.1: each marker to its own note, each note back to its marker.
    for (const [slug, note] of [
      ['beskrivelse-av-malomrade-2', 'Første kilde i 2.1'],
      ['beskrivelse-av-malomrade-3', 'Første kilde i 3.1'],
    ]) {
      expect(html).toContain(`<sup class="fn-ref" id="kap-${slug}--fnref-1"><a href="#kap-${slug}--fn-1">1</a></sup>`)
      expect(html).toContain(
        `<li id="kap-${slug}--fn-1" value="1">${note} <a class="backref" href="#kap-${slug}--fnref-1"`,
      )
    }
    // A link to a section of another chapter goes to that section in the document.
    expect(html).toContain('<a href="#kap-beskrivelse-av-malomrade-3--status">status i 3.1</a>')
  })

  it('marks the withdrawn chapter in its place and leaves its text out', () => {
    expect(html).not.toContain('Gammel tekst som ikke skal skrives ut.')
    const section = all(doc(), (n) => n.name === 'section' && n.attribs?.['aria-labelledby'] === 'kap-kapittel-3-2')[0]
    expect(textOf(section)).toContain(
      'Trukket tilbake 10. januar 2023 Erstattet av kapittel 3.1. Teksten er derfor ikke med i dokumentet',
    )
  })

  it('ends with the provenance: publisher, licence, its own and each chapter’s permanent address, when it was generated', () => {
    const provenance = textOf(all(doc(), (n) => n.name === 'section' && n.attribs?.class === 'print-provenance')[0])
    for (const expected of [
      'Utgiver Helsedirektoratet',
      'Lisens Norsk lisens for offentlige data (NLOD) 2.0',
      'Adresse http://localhost:3000/arsrapport-2021/utskrift/',
      'Generert 10. januar 2023',
      'Utskriftsdato 10. januar 2023 (datoen dokumentet ble generert)',
      'Kapittel 2.1 Beskrivelse av målområde 2 1 http://localhost:3000/arsrapport-2021/beskrivelse-av-malomrade-2/versjoner/1/',
      'Kapittel 3.2 Et kapittel som ble trukket (trukket tilbake) 2 http://localhost:3000/arsrapport-2021/kapittel-3-2/versjoner/2/',
    ]) {
      expect(provenance).toContain(expected)
    }
    expect(html).toContain(
      '<a href="https://data.norge.no/nlod/no/2.0">Norsk lisens for offentlige data (NLOD) 2.0</a>',
    )
  })

  it('is valid HTML', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } })
    const report = await validator.validateString(html, PRINT)
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`))).toEqual([])
  })
})

describe('the print document in Chromium', () => {
  const chromium = servedInChromium(() => dist)

  it('axe finds no WCAG 2.1 AA violation at desktop and phone widths', async () => {
    expect(await axeViolationsAtWidths(chromium.browser, chromium.server.url + PRINT)).toEqual([])
  }, 180_000)

  it('is reached from the edition’s contents page by its link', async () => {
    const p = await chromium.browser.newPage()
    await p.goto(`${chromium.server.url}/arsrapport-2021/`)
    await p.getByRole('link', { name: 'Hele utgaven som ett dokument, for utskrift' }).click()
    await p.waitForURL(`${chromium.server.url}${PRINT}`)
    expect(await p.locator('h1').innerText()).toContain('Handlingsplan for allmennlegetjenesten – årsrapport 2021')
    await p.close()
  }, 120_000)

  it('shows today’s date as «Utskriftsdato» with JavaScript, and the date it was generated without', async () => {
    const dates = async (javaScriptEnabled: boolean) => {
      const context = await chromium.browser.newContext({ javaScriptEnabled })
      const p = await context.newPage()
      await p.goto(chromium.server.url + PRINT)
      const shown = await p.locator('dt:text-is("Utskriftsdato") + dd').allInnerTexts()
      await context.close()
      return shown
    }
    const today = printDate(new Date()).text
    expect(await dates(true)).toEqual([today, today])
    expect(await dates(false)).toEqual([
      '10. januar 2023 (datoen dokumentet ble generert: uten JavaScript kan siden ikke vise dagens dato)',
      '10. januar 2023 (datoen dokumentet ble generert)',
    ])
  }, 120_000)

  it('prints to PDF as the whole edition: a title page, the contents, each chapter from a page of its own, the provenance, numbered pages', async () => {
    const p = await chromium.browser.newPage()
    await p.goto(chromium.server.url + PRINT)
    const pdf = await p.pdf({ preferCSSPageSize: true, printBackground: true })
    await p.close()
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    fs.writeFileSync(path.join(ROOT, 'test-results', 'print-edition.pdf'), pdf)

    const doc = await getDocument({ data: new Uint8Array(pdf) }).promise
    const pages: string[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent()
      // Runs of text as the PDF has them (a ligature such as «ff» is a run of its own), a space at each line's end.
      pages.push(
        content.items
          .map((i) => ('str' in i ? `${i.str}${i.hasEOL ? ' ' : ''}` : ''))
          .join('')
          .replace(/\s+/g, ' ')
          .trim(),
      )
    }
    // Title page, contents, four chapters (each from a new page), provenance: at least 7; the fixture's short chapters take a page or two each.
    console.log(`${PRINT} printed to ${doc.numPages} pages (A4)`)
    expect(doc.numPages).toBeGreaterThanOrEqual(7)
    expect(doc.numPages).toBeLessThanOrEqual(14)
    const text = pages.join('\n')
    expect(text).toContain('Del 1 – Tiltak, status og effekter')
    expect(text).toContain('Et kapittel som ble trukket')
    expect(pages[0]).toContain('Handlingsplan for allmennlegetjenesten – årsrapport 2021')
    expect(pages[1]).toContain('Innhold')
    // Each chapter's heading is the first text of a page of its own (the footer is drawn first).
    const body = (page: string) =>
      page.replace(/^Side \d+ av \d+\s*Helsedirektoratet · Oppfølging av handlingsplan for allmennlegetjenesten\s*/, '')
    for (const [, , heading] of CHAPTERS) expect(pages.filter((page) => body(page).startsWith(heading))).toHaveLength(1)
    expect(pages.filter((page) => body(page).startsWith('Om dokumentet'))).toHaveLength(1)
    expect(pages.map((page, i) => page.includes(`Side ${i + 1} av ${doc.numPages}`))).toEqual(pages.map(() => true))
    // No navigation or site footer on paper; the external link's address printed after it.
    expect(text).not.toContain('Hovedmeny')
    expect(text).not.toContain('Tilgjengelighetserklæring')
    expect(text).toContain('rapportene (https://www.helsedirektoratet.no/rapporter)')

    // Pages 1–3 as images, to look at.
    for (let n = 1; n <= 3; n++) {
      const page = await doc.getPage(n)
      const viewport = page.getViewport({ scale: 1.25 })
      const canvas = (
        doc as unknown as {
          canvasFactory: {
            create: (w: number, h: number) => { canvas: { toBuffer: (type: string) => Buffer }; context: unknown }
          }
        }
      ).canvasFactory.create(viewport.width, viewport.height)
      await page.render({
        canvasContext: canvas.context as CanvasRenderingContext2D,
        canvas: canvas.canvas as unknown as HTMLCanvasElement,
        viewport,
      }).promise
      fs.writeFileSync(path.join(SCREENSHOTS, `print-edition-p${n}.png`), canvas.canvas.toBuffer('image/png'))
    }
    await doc.cleanup()
  }, 120_000)
})
