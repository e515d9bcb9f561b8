import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'

import { HtmlValidate } from 'html-validate'

import express from 'express'
import { parseDocument } from 'htmlparser2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { FolderLeases } from '../../cms/src/publishing/folderLeases'
import { serveSite } from '../../cms/src/serving/serveSite'

import { buildSite } from '@rapport/site/builder/build'
import { axeViolationsAtWidths } from '../support/siteAxe'
import { servedInChromium } from '../support/siteInChromium'
import { listen } from '../support/staticServer'
import { htmlBlocks } from '@rapport/site/lib/diff'
import { blocksOf, type RevisionTexts } from '@rapport/site/lib/revisionTexts'
import { C11, C21, C31, copyFixture, DEL1, editChapter, FIXTURE, fixtureData, revision, ROOT } from './fixture'

const NEWS = '/nyheter/allmennlegetjenesten-styrkes-med-1-6-milliarder/'

/** Pages that are tools rather than reading: they may load a script (on purpose, only there). The print document's fills in «Utskriftsdato». */
const isTool = (url: string) =>
  url === '/sok/' || url === '/arkiv/' || url.endsWith('/versjoner/') || url.endsWith('/utskrift/')
/** The chapter and version pages' one small script: the citation's copy button and links to removed paragraphs (lib/readingClient.ts). */
const READING_SCRIPT = /^\/_astro\/ChapterArticle\.astro_astro_type_script_index_0_lang\.[\w-]+\.js$/

/**
 * Internal links that may point to pages not built yet. Empty: every page the site links to is
 * built. A page announced before it exists (e.g. "Se alle endringer" before the history pages
 * were built) goes here with the reason, and leaves again when the page is built.
 */
const NOT_BUILT_YET: RegExp[] = []

let dist: string
const file = (root: string, url: string) => path.join(root, url.endsWith('.html') ? url : `${url}index.html`)
const page = (url: string, root = dist) => fs.readFileSync(file(root, url), 'utf8')
const htmlPages = (root = dist): string[] =>
  (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.html') && !f.startsWith('pagefind'))
    .map((f) => `/${f}`.replace(/index\.html$/, ''))
    .sort()
/** The text of the first element matching a tag with an attribute, tags stripped. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
const h1 = (html: string) => text(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '')
const dd = (html: string, dt: string) => text(new RegExp(`<dt>${dt}</dt><dd>([\\s\\S]*?)</dd>`).exec(html)?.[1] ?? '')

beforeAll(async () => {
  dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'site-')), 'dist')
  await buildSite({ snapshot: FIXTURE, out: dist, quiet: true })
}, 180_000)

describe('the site built from the fixture snapshot', () => {
  it('has a page for the front, both editions, every chapter, measure, goal area and news item, and the hand-written pages', () => {
    const pages = htmlPages()
    for (const url of [
      '/',
      '/arsrapport-2021/',
      '/arsrapport-2023/',
      C11,
      C21,
      C31,
      DEL1,
      '/tiltak/',
      '/malomrader/',
      NEWS,
      '/nyheter/',
      '/om/',
      '/lisens/',
      '/tilgjengelighet/',
      '/sok/',
      '/404.html',
    ]) {
      expect(pages, url).toContain(url)
    }
    expect(pages.filter((p) => /^\/tiltak\/\d+\/$/.test(p))).toEqual(
      Array.from({ length: 17 }, (_, i) => `/tiltak/${i + 1}/`).sort(),
    )
    expect(pages.filter((p) => /^\/malomrader\/\d\/$/.test(p))).toEqual([
      '/malomrader/1/',
      '/malomrader/2/',
      '/malomrader/3/',
    ])
  })

  it('is in Norwegian bokmål on every page', () => {
    const without = htmlPages().filter((url) => !page(url).startsWith('<!DOCTYPE html><html lang="nb">'))
    expect(without).toEqual([])
  })

  it('shows the report title, the current edition’s contents and every edition on the front page', () => {
    const html = page('/')
    expect(h1(html)).toBe('Oppfølging av handlingsplan for allmennlegetjenesten')
    expect(html).toMatch(
      new RegExp(
        `<a href="${C11}"><span class="num">1.1</span> <span>Målbildet for arbeidet</span></a>\\s*<span class="meta">Siste faglige endring: 31. mai 2024</span>`,
      ),
    )
    expect(html).toContain(
      '<a href="/arsrapport-2023/">Allmennlegetjenesten – årsrapport 2023 inklusive status per mai 2024</a>',
    )
    expect(html).toContain('<a href="/arsrapport-2021/">Handlingsplan for allmennlegetjenesten – årsrapport 2021</a>')
    expect(html).not.toContain(C21)
  })

  it('lists an edition’s part with its introduction, then its chapters in order, each with its last professional change', () => {
    const html = page('/arsrapport-2021/')
    expect(h1(html)).toBe(
      'Oppfølging av handlingsplan for allmennlegetjenesten Handlingsplan for allmennlegetjenesten – årsrapport 2021',
    )
    expect(html).toMatch(
      new RegExp(
        `<h3><a href="${DEL1}">Del 1 – Tiltak, status og effekter</a></h3>\\s*<p class="meta part-meta">Innledning til del 1 · Siste faglige endring: 19. mai 2022</p>`,
      ),
    )
    const order = [
      ...html.matchAll(
        /<span class="num">([\d.]+)<\/span> <span>[^<]*<\/span><\/a>\s*<span class="meta">Siste faglige endring: ([^<]+)</g,
      ),
    ].map((m) => `${m[1]} ${m[2]}`)
    expect(order).toEqual(['2.1 19. mai 2022', '3.1 19. mai 2022'])
  })

  it.each([
    [C21, 'Kapittel 2.1 Beskrivelse av målområde 2', '19. mai 2022', '19. mai 2022'],
    [C31, 'Kapittel 3.1 Beskrivelse av målområde 3', '19. mai 2022', '19. mai 2022'],
    [DEL1, 'Del 1 – Tiltak, status og effekter', '19. mai 2022', '19. mai 2022'],
    [C11, 'Kapittel 1.1 Målbildet for arbeidet', '31. mai 2024', '31. mai 2024'],
  ])('shows %s as "%s", first published %s, last professionally changed %s', (url, heading, first, last) => {
    const html = page(url)
    expect([h1(html), dd(html, 'Først publisert'), dd(html, 'Siste faglige endring')]).toEqual([
      heading,
      first,
      `${last} – Se alle endringer`,
    ])
    expect(html).toContain(`<a href="${url}versjoner/">Se alle endringer</a>`)
    expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toBe(`${heading} – Allmennlegetjenesten`)
  })

  it('names the part introduction «Del 1» once wherever its label and title stand together', () => {
    const pages = [DEL1, `${DEL1}versjoner/`, `${DEL1}versjoner/1/`, '/endringer/']
    expect(pages.filter((url) => page(url).includes('Del 1 Del 1'))).toEqual([])
    expect(fs.readFileSync(path.join(dist, 'endringer.xml'), 'utf8')).toContain(
      '<title type="text">Del 1 – Tiltak, status og effekter: faglig endring (versjon 1)</title>',
    )
    expect(text(page('/endringer/'))).toContain('Del 1 – Tiltak, status og effekter, versjon 1')
  })

  it('links footnote 15 both ways: the marker to the note, the note back to the marker', () => {
    const html = page(C11)
    expect(html).toContain('<sup class="fn-ref" id="fnref-15"><a href="#fn-15">15</a></sup>')
    expect(html).toMatch(
      /<li id="fn-15" value="15">Nasjonal helse- og samhandlingsplan 2024 – 2027, Meld\. St\. 9 \(2023–2024\) - regjeringen\.no <a class="backref" href="#fnref-15" aria-label="Tilbake til henvisning 15 i teksten">↩<\/a><\/li>/,
    )
  })

  it('gives a long chapter a contents list and every section a stable anchor with a link to copy', () => {
    const html = page(C11)
    const contents = /<nav class="contents"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? ''
    const targets = [...contents.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])
    expect(targets).toEqual([
      'en-trygg-og-aktiv-karrierevei',
      'god-kvalitet-til-alle',
      'fremtiden-er-teambasert',
      'ekspertutvalget-for-gjennomgang-av-allmennlegetjenesten',
    ])
    for (const id of targets) {
      expect(html).toContain(`<h2 id="${id}">`)
      expect(html).toMatch(
        new RegExp(`<a class="anchor" href="#${id}"><span class="vh">Kopier lenke til denne delen: [^<]+</span></a>`),
      )
    }
    expect(page(C21)).not.toContain('class="contents"')
  })

  it('links a chapter to its goal area and measures', () => {
    const html = page(C21)
    expect(html).toContain('<a href="/malomrader/2/">Målområde 2: God kvalitet til alle</a>')
    const measures = [...html.matchAll(/<li><a href="\/tiltak\/(\d+)\/">Tiltak \d+: [^<]+<\/a><\/li>/g)].map((m) =>
      Number(m[1]),
    )
    expect(measures).toEqual([10, 11, 12])
  })

  it('marks every page of the superseded edition with a banner pointing to the current edition, and no page of the current one', () => {
    const banner =
      'Les den gjeldende utgaven: <a href="/arsrapport-2023/">Allmennlegetjenesten – årsrapport 2023 inklusive status per mai 2024</a>.'
    for (const url of ['/arsrapport-2021/', C21, C31, DEL1, `${C21}versjoner/1/`]) {
      expect(page(url), url).toContain('<h2 id="tidligere-utgave">Dette er en tidligere utgave av rapporten</h2>')
      expect(page(url), url).toContain(banner)
    }
    for (const url of ['/', '/arsrapport-2023/', C11]) expect(page(url), url).not.toContain('tidligere-utgave')
  })

  it('shows measure 7 by its number only, never with an invented title', () => {
    const html = page('/tiltak/7/')
    expect([h1(html), /<title>([^<]*)<\/title>/.exec(html)?.[1]]).toEqual([
      'Tiltak 7',
      'Tiltak 7 – Allmennlegetjenesten',
    ])
    expect(html).toContain('Tittelen på dette tiltaket er ikke bekreftet i kildene ennå.')
    expect(html).toContain('<a href="/malomrader/1/">Målområde 1: En trygg og aktiv karrierevei</a>')
    expect(html).toContain('Ingen kapitler knytter seg til tiltaket ennå.')
  })

  it('shows a measure’s title, goal area, status per edition and the chapters naming it', () => {
    const html = page('/tiltak/11/')
    expect(h1(html)).toBe('Tiltak 11 Innføre introduksjonsavtaler')
    const statuses = [
      ...html.matchAll(/<tr><th scope="row"><a href="[^"]+">([^<]+)<\/a><\/th><td>([^<]+)<\/td><\/tr>/g),
    ].map((m) => `${m[1]}: ${m[2]}`)
    expect(statuses).toEqual([
      'Handlingsplan for allmennlegetjenesten – årsrapport 2021: Pågår',
      'Allmennlegetjenesten – årsrapport 2023 inklusive status per mai 2024: Gjennomført',
    ])
    expect(html).toContain(
      `<a href="${C21}"><span class="num">2.1</span> Beskrivelse av målområde 2</a><span class="meta">Handlingsplan for allmennlegetjenesten – årsrapport 2021 (tidligere utgave)</span>`,
    )
  })

  it.each([
    [
      '/malomrader/1/',
      'Målområde 1 En trygg og aktiv karrierevei',
      [
        'Effektmål i Allmennlegetjenesten – årsrapport 2023 inklusive status per mai 2024',
        'Effektmål i Handlingsplan for allmennlegetjenesten – årsrapport 2021',
      ],
      '<li>Redusert arbeidsbelastning for allmennleger</li>',
    ],
    [
      '/malomrader/2/',
      'Målområde 2 God kvalitet til alle',
      [
        'Effektmål i Allmennlegetjenesten – årsrapport 2023 inklusive status per mai 2024',
        'Effektmål i Handlingsplan for allmennlegetjenesten – årsrapport 2021',
      ],
      '<li>En mer tilgjengelig allmennlegetjeneste</li>',
    ],
    [
      '/malomrader/3/',
      'Målområde 3 Fremtiden er teambasert',
      [
        'Effektmål i Allmennlegetjenesten – årsrapport 2023 inklusive status per mai 2024',
        'Effektmål i Handlingsplan for allmennlegetjenesten – årsrapport 2021',
      ],
      '<li>Tilstedeværende og tydelig ledelse av fastlegekontoret</li>',
    ],
  ])('shows goal area %s as "%s" with effect goals per edition', (url, heading, sections, goal) => {
    const html = page(url)
    expect(h1(html)).toBe(heading)
    expect([...html.matchAll(/<h2 id="effektmal-[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1])).toEqual(sections)
    expect(html).toContain(goal)
  })

  it('notes where a goal area was worded differently in an edition', () => {
    expect(page('/malomrader/1/')).toContain(
      '<p>I denne utgaven heter målområdet «En trygg og attraktiv karrierevei».</p>',
    )
  })

  it('shows the press release as a historical archive item with its publisher, government and important measures', () => {
    const html = page(NEWS)
    expect(html).toContain('<h2 id="historisk-arkiv">Historisk arkiv</h2>')
    expect([dd(html, 'Publisert under'), dd(html, 'Utgiver')]).toEqual([
      'Regjeringen Solberg',
      'Helse- og omsorgsdepartementet',
    ])
    expect(h1(html)).toBe(
      'Handlingsplan for allmennlegetjenesten 2020-2024 Allmennlegetjenesten styrkes med 1,6 milliarder',
    )
    expect(html).toContain('<li>Innføre en ordning med introduksjonsavtaler</li>')
  })

  it.each([
    ['/om/', 'Om rapporten'],
    ['/tilgjengelighet/', 'Tilgjengelighetserklæring'],
    ['/lisens/', 'Lisens og kilder'],
    ['/404.html', 'Fant ikke siden'],
  ])('renders %s with the heading "%s"', (url, heading) => {
    expect(h1(page(url))).toBe(heading)
  })

  it('names the licence and the sources on the licence page', () => {
    const html = page('/lisens/')
    expect(html).toContain(
      '<a href="https://data.norge.no/nlod/no/2.0">Norsk lisens for offentlige data (NLOD) 2.0</a>',
    )
    expect(html).toContain('regjeringen.no')
  })

  it('ships no script on reading pages but the chapter pages’ one small script; only the search, archive and history tools have more', () => {
    const scripts = (url: string) =>
      [...page(url).matchAll(/<script\b[^>]*>/g)].map((m) => /\ssrc="([^"]*)"/.exec(m[0])?.[1] ?? 'inline')
    const withScript = htmlPages().filter((url) => scripts(url).length > 0)
    const reading = withScript.filter((url) => !isTool(url))
    expect(reading.filter((url) => scripts(url).some((src) => !READING_SCRIPT.test(src)))).toEqual([])
    expect(reading).toContain(C11)
    const script = scripts(C11)[0]
    expect(zlib.gzipSync(fs.readFileSync(path.join(dist, script))).length).toBeLessThan(1024)
    expect(withScript).toContain('/sok/')
  })

  it('has no inline script, style or event handler on any page, as the Content-Security-Policy requires', () => {
    const inline = htmlPages().flatMap((url) => {
      const html = page(url)
      const found = [
        ...[...html.matchAll(/<script\b(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/g)].map((m) => m[0]),
        ...[...html.matchAll(/<style\b[^>]*>/g)].map((m) => m[0]),
        ...[...html.matchAll(/<[a-z][^>]*\s(style|on[a-z]+)=/g)].map((m) => m[0].slice(0, 60)),
      ]
      return found.map((f) => `${url}: ${f}`)
    })
    expect(inline).toEqual([])
  })

  it('indexes for search every edition’s chapters, and no page carries search markup of its own', () => {
    const entry = JSON.parse(fs.readFileSync(path.join(dist, 'pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>
    }
    expect(entry.languages).toEqual({ nb: expect.objectContaining({ page_count: 4 }) })
    expect(htmlPages().filter((url) => page(url).includes('data-pagefind'))).toEqual([])
    expect(fs.existsSync(path.join(dist, 'pagefind/pagefind.js'))).toBe(true)
    expect(page('/sok/')).toMatch(/<noscript>[\s\S]*Søket trenger JavaScript/)
  })

  it('has a sitemap listing exactly the pages built, 404 aside', () => {
    const sitemap = fs.readFileSync(path.join(dist, 'sitemap.xml'), 'utf8')
    const listed = [...sitemap.matchAll(/<loc>http:\/\/localhost:3000(\/[^<]*)<\/loc>/g)].map((m) => m[1])
    expect(listed).toEqual(
      htmlPages()
        .filter((url) => url !== '/404.html')
        .sort(),
    )
    expect(listed).toEqual(expect.arrayContaining([C11, C21, '/tiltak/7/', '/malomrader/3/', '/om/']))
  })

  it('names its icon on every page, and has it', () => {
    const missing = htmlPages().filter(
      (url) => !page(url).includes('<link rel="icon" href="/favicon.svg" type="image/svg+xml">'),
    )
    expect(missing).toEqual([])
    expect(fs.readFileSync(path.join(dist, 'favicon.svg'), 'utf8')).toMatch(/^<svg /)
  })

  it('gives every section a heading (the Nu checker warns of one without)', () => {
    const bare: string[] = []
    for (const url of htmlPages()) {
      type Node = { name?: string; attribs?: Record<string, string>; children?: Node[] }
      const within = (node: Node, test: (n: Node) => boolean): Node[] =>
        (node.children ?? []).flatMap((child) => [...(test(child) ? [child] : []), ...within(child, test)])
      for (const section of within(parseDocument(page(url)) as Node, (n) => n.name === 'section')) {
        if (!within(section, (n) => /^h[1-6]$/.test(n.name ?? '')).length)
          bare.push(`${url}: section.${section.attribs?.class ?? ''}`)
      }
    }
    expect(bare).toEqual([])
  })

  it('keeps all CSS within 10 KB gzip', () => {
    const css = (fs.readdirSync(path.join(dist, '_astro')) as string[]).filter((f) => f.endsWith('.css'))
    const gzip = css.reduce(
      (n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(dist, '_astro', f)), { level: 9 }).length,
      0,
    )
    expect(css.length).toBeGreaterThan(0)
    expect(gzip).toBeLessThanOrEqual(10 * 1024)
  })

  it('is valid HTML on every page', async () => {
    // long-title is a search-engine style rule, not validity: the report's titles are its own.
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } })
    const problems: string[] = []
    for (const url of htmlPages()) {
      const report = await validator.validateString(page(url), url)
      for (const r of report.results)
        for (const m of r.messages) problems.push(`${url}:${m.line}: ${m.ruleId}: ${m.message}`)
    }
    expect(problems).toEqual([])
  })

  it('has no broken internal link or fragment', () => {
    const broken: string[] = []
    const ids = new Map<string, Set<string>>()
    const idsOf = (url: string) => {
      if (!ids.has(url)) ids.set(url, new Set([...page(url).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])))
      return ids.get(url)!
    }
    for (const url of htmlPages()) {
      for (const [, target, fragment] of page(url).matchAll(/href="((?:\/[^"#?]*)?)(?:#([^"]*))?"/g)) {
        const to = target || url
        if (NOT_BUILT_YET.some((re) => re.test(to))) continue
        const f = path.join(dist, to)
        const isPage = fs.existsSync(path.join(f, 'index.html')) || (fs.existsSync(f) && fs.statSync(f).isFile())
        if (!isPage) broken.push(`${url} → ${to}`)
        else if (fragment && to.endsWith('/') && !idsOf(to).has(fragment)) broken.push(`${url} → ${to}#${fragment}`)
      }
    }
    expect(broken).toEqual([])
  })
})

describe("a revision's publish date and its «Siste faglige endring», labelled wherever both appear", () => {
  // 1.1 in the fixture: revision 1 (faglig, 31 May 2024), revision 2 (redaksjonell, published 12 June 2024, keeps 31 May).
  const items = (html: string, list: string) =>
    [
      ...(new RegExp(`<ol class="${list}"[^>]*>([\\s\\S]*?)</ol>`).exec(html)?.[1] ?? '').matchAll(
        /<li>([\s\S]*?)<\/li>/g,
      ),
    ].map((m) => text(m[1]))

  it("the chapter's history says which date is the publish and which the last professional change", () => {
    expect(items(page(`${C11}versjoner/`), 'toc history')).toEqual([
      'Versjon 2 · publisert 12. juni 2024 · Redaksjonell endring Siste faglige endring i denne versjonen: 31. mai 2024 Sammenlign med versjon 1',
      'Versjon 1 · publisert 31. mai 2024 · Faglig endring Siste faglige endring i denne versjonen: 31. mai 2024 Først publisert.',
    ])
  })

  it('a version page labels its publish date beside «Siste faglige endring»', () => {
    const html = page(`${C11}versjoner/2/`)
    expect(text(/<div class="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html)![1])).toContain(
      'Versjonen ble publisert 12. juni 2024 · Redaksjonell endring · siste faglige endring 31. mai 2024. Denne adressen viser alltid versjon 2.',
    )
    expect([dd(html, 'Siste faglige endring'), dd(html, 'Denne versjonen publisert')]).toEqual([
      '31. mai 2024 – Se alle endringer',
      '12. juni 2024',
    ])
    expect(
      text(/<div class="alert alert--warning"[^>]*>([\s\S]*?)<\/div>/.exec(page(`${C11}versjoner/1/`))![1]),
    ).toContain('Versjon 1 ble publisert 31. mai 2024 · Faglig endring · siste faglige endring 31. mai 2024.')
    // The chapter page itself has one revision date only: «Siste faglige endring».
    expect(page(C11)).not.toContain('Denne versjonen publisert')
  })

  it('the change list and the comparison label both dates', () => {
    const entry = items(page('/endringer/'), 'toc history').find((e) => e.includes('Målbildet for arbeidet, versjon 2'))
    expect(entry).toContain('Publisert 12. juni 2024 · Redaksjonell endring · siste faglige endring 31. mai 2024 · ')
    const compare = page(`${C11}sammenlign/1...2/`)
    expect([dd(compare, 'Versjon 1'), dd(compare, 'Versjon 2')]).toEqual([
      'publisert 31. mai 2024',
      'publisert 12. juni 2024 · Redaksjonell endring',
    ])
  })
})

describe('versions of a chapter', () => {
  it('lists 1.1’s revisions newest first with their update type and change note', () => {
    const html = page(`${C11}versjoner/`)
    expect(
      [
        ...html.matchAll(
          /<a href="[^"]*versjoner\/(\d)\/">Versjon \d<\/a> · publisert <time[^>]*>([^<]+)<\/time> · ([^<]+)/g,
        ),
      ].map((m) => `${m[1]} ${m[2]} ${m[3].trim()}`),
    ).toEqual(['2 12. juni 2024 Redaksjonell endring', '1 31. mai 2024 Faglig endring'])
    expect(html).toContain('<p class="note">Først publisert.</p>')
  })

  it('keeps revision 1 at its own address, marked as historical, and shows the minor fix as a redline', () => {
    expect(page(`${C11}versjoner/1/`)).toContain('Du leser en historisk versjon')
    expect(page(`${C11}versjoner/1/`)).toContain('lagt fram 1.mars 2024')
    expect(page(C11)).toContain('lagt fram 1. mars 2024')
    const redline = page(`${C11}sammenlign/1...2/`)
    expect(redline).toContain('som ble lagt fram 1.<ins><span class="vh">lagt til: </span> </ins>mars 2024 heter det:')
    expect(redline).not.toContain('<script')
  })

  it('shows the change side by side with the paragraph before and after it, the unchanged rest counted', () => {
    const table = /<table class="side-by-side">[\s\S]*?<\/table>/.exec(page(`${C11}sammenlign/1...2/`))![0]
    const rows = [...table.matchAll(/<tr( class="gap")?>([\s\S]*?)<\/tr>/g)]
      .slice(1)
      .map((m) => (m[1] ? m[2].replace(/<[^>]+>/g, '') : 'rad'))
    expect(rows).toEqual(['32 avsnitt uten endringer', 'rad', 'rad', 'rad', '3 avsnitt uten endringer'])
    expect(table).toContain(
      '<td>I Nasjonal helse- og samhandlingsplan 2024 – 2027[15] som ble lagt fram 1.mars 2024 heter det:</td>',
    )
  })

  it('sends the texts for comparing any two versions with each distinct block once', () => {
    const texts = JSON.parse(fs.readFileSync(path.join(dist, C11, 'versjoner', 'tekst.json'), 'utf8')) as RevisionTexts
    const c11 = fixtureData().chapters.find((c) => `/${c.edition}/${c.slug}/` === C11)!
    expect(c11.revisions.map((r) => blocksOf(texts, r.revision))).toEqual(
      c11.revisions.map((r) => htmlBlocks(r.html, r.footnotes)),
    )
    expect(texts.blocks.length).toBeLessThan(
      c11.revisions.reduce((n, r) => n + htmlBlocks(r.html, r.footnotes).length, 0),
    )
  })
})

describe('a later release: a major revision of 1.1 and the 2021 edition’s 1.1', () => {
  let later: string
  beforeAll(async () => {
    const snapshot = copyFixture()
    editChapter(snapshot, 'arsrapport-2023', 'malbildet-for-arbeidet', (c) => {
      const last = c.revisions[1]
      c.revisions.push(
        revision({
          ...last,
          revision: 3,
          publishedAt: '2024-09-02T08:00:00.000Z',
          updateType: 'major',
          changeNote: 'Lagt til omtale av oppfølgingen av ekspertutvalget.',
          lastProfessionalChange: '2024-09-02',
          html: `${last.html}<p>Oppfølgingen av ekspertutvalget fortsetter i 2025.</p>`,
        }),
      )
    })
    // The 2021 edition's chapter 1.1, so that the two editions' 1.1 can be compared.
    const c11 = JSON.parse(
      fs.readFileSync(path.join(snapshot, 'chapters/arsrapport-2023/malbildet-for-arbeidet.json'), 'utf8'),
    )
    const r = c11.revisions[0]
    // … with seven footnotes, a list long enough to fold.
    const notes = Array.from({ length: 7 }, (_, i) => ({ number: i + 1, html: `Kilde nummer ${i + 1}` }))
    const markers = notes
      .map((n) => `<sup class="fn-ref" id="fnref-${n.number}"><a href="#fn-${n.number}">${n.number}</a></sup>`)
      .join(' ')
    const html = `${r.html.replace('utarbeidet Helsedirektoratet i 2020', 'utarbeider Helsedirektoratet').replace(/<sup class="fn-ref"[^>]*>.*?<\/sup>/, '')}<p>Kilder ${markers}</p>`
    const older = revision({
      ...r,
      publishedAt: '2022-05-19T10:00:00.000Z',
      lastProfessionalChange: '2022-05-19',
      title: 'Mål for arbeidet',
      html,
      headings: r.headings,
      footnotes: notes,
    })
    fs.writeFileSync(
      path.join(snapshot, 'chapters/arsrapport-2021/malbildet-for-arbeidet.json'),
      JSON.stringify({
        ...c11,
        edition: 'arsrapport-2021',
        part: 1,
        firstPublishedAt: older.publishedAt,
        revisions: [older],
      }),
    )
    // The 2021 goal area 1 has no effect goals in the fixture: the comparison lists the 2023 ones as added.
    later = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'site-')), 'dist')
    await buildSite({ snapshot, out: later, quiet: true })
  }, 180_000)

  it('shows the new text, the moved "Siste faglige endring" and the change note as inset text', () => {
    const html = page(C11, later)
    expect(html).toContain('Oppfølgingen av ekspertutvalget fortsetter i 2025.')
    expect([dd(html, 'Først publisert'), dd(html, 'Siste faglige endring')]).toEqual([
      '31. mai 2024',
      '2. september 2024 – Se alle endringer',
    ])
    expect(html).toContain(
      '<div class="inset"><p><strong>Faglig endret 2. september 2024:</strong> Lagt til omtale av oppfølgingen av ekspertutvalget.</p></div>',
    )
  })

  it('leaves the pages of earlier revisions byte for byte as they were, but for the "current version" notice', () => {
    expect(page(`${C11}versjoner/1/`, later)).toBe(page(`${C11}versjoner/1/`))
    expect(page(`${C11}sammenlign/1...2/`, later)).toBe(page(`${C11}sammenlign/1...2/`))
    expect(page(`${C11}versjoner/2/`)).toContain('Dette er gjeldende versjon (2).')
    expect(page(`${C11}versjoner/2/`, later)).toContain('Du leser en historisk versjon')
  })

  it('builds pages whose content did not change to the same bytes', () => {
    for (const url of [C21, C31, DEL1, '/tiltak/7/', '/tiltak/11/', '/malomrader/2/', NEWS, '/om/'])
      expect(page(url, later), url).toBe(page(url))
  })

  it('folds a long footnote list in a details element that starts open, every note still linked both ways', async () => {
    const html = page('/arsrapport-2021/malbildet-for-arbeidet/', later)
    expect(html).toContain('<details open> <summary><h2 id="fotnoter">Fotnoter (7)</h2></summary>')
    for (let n = 1; n <= 7; n++) {
      expect(html).toContain(`<sup class="fn-ref" id="fnref-${n}"><a href="#fn-${n}">${n}</a></sup>`)
      expect(html).toContain(`<li id="fn-${n}" value="${n}">Kilde nummer ${n} <a class="backref" href="#fnref-${n}"`)
    }
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } })
    const report = await validator.validateString(html, 'folded footnotes')
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([])
  })

  it('says where another edition has no chapter of that number, with the way to its contents, instead of a 404', () => {
    const other = 'Allmennlegetjenesten – årsrapport 2023 inklusive status per mai 2024'
    expect(text(page(C21))).toContain(`Kapittel 2.1 finnes ikke i ${other}. Se innholdet i utgaven`)
    expect(page(C21)).not.toContain('sammenlign-utgave/')
    expect(page(C11, later)).not.toContain('finnes ikke i')
    const html = page(`${C21}sammenlign-utgave/arsrapport-2023/`)
    expect(h1(html)).toBe(`Kapittel 2.1 Beskrivelse av målområde 2Kapittel 2.1 finnes ikke i ${other}`)
    expect(html).toContain(`<a href="/arsrapport-2023/">Se innholdet i ${other}</a>`)
    expect(html).toContain(`<a href="${C21}">Tilbake til Kapittel 2.1 Beskrivelse av målområde 2</a>`)
    expect(page(DEL1)).not.toContain('Andre utgaver')
  })

  it('offers to compare 1.1 across editions, with the title and effect goals among the structured changes', () => {
    const url = `${C11}sammenlign-utgave/arsrapport-2021/`
    expect(page(C11, later)).toContain(
      `<a href="${url}">Sammenlign med Handlingsplan for allmennlegetjenesten – årsrapport 2021</a>`,
    )
    const html = page(url, later)
    expect(html).toContain(
      '<tr><th scope="row">Tittel</th><td>Mål for arbeidet</td><td>Målbildet for arbeidet</td></tr>',
    )
    expect(html).toContain(
      '<del><span class="vh">slettet: </span>utarbeider</del><ins><span class="vh">lagt til: </span>utarbeidet</ins>',
    )
  })
})

describe('releases, manifests and verification', () => {
  const verify = (target: string) =>
    spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/verify.ts', target], { cwd: ROOT, encoding: 'utf8' })

  it('lists the releases in /arkiv/ and shows the report as it stood at each', () => {
    expect(page('/arkiv/')).toContain(
      '<a href="/arkiv/20240612T083000Z/"><time datetime="2024-06-12T08:30:00.000Z">12. juni 2024</time></a>',
    )
    const before = page('/arkiv/20220519T100000Z/')
    expect(before).toContain(`<a href="${C31}versjoner/1/">3.1 Beskrivelse av målområde 3</a>`)
    expect(before).not.toContain('Målbildet for arbeidet')
    expect(page('/arkiv/20240531T100000Z/')).toContain(`<a href="${C11}versjoner/1/">1.1 Målbildet for arbeidet</a>`)
  })

  it('writes a manifest with the hash of every revision page', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'arkiv/20240612T083000Z/manifest.json'), 'utf8'))
    const entry = manifest.revisions.find((r: { chapter: string }) => r.chapter === 'malbildet-for-arbeidet')
    const pageHtml = fs.readFileSync(path.join(dist, 'arsrapport-2023/malbildet-for-arbeidet/versjoner/2/index.html'))
    expect(entry.pageSha256).toBe(createHash('sha256').update(pageHtml).digest('hex'))
  })

  it('verify passes on the built site and on a release archive, and names a file that was changed', () => {
    expect([verify(dist).status, verify(dist).stdout]).toEqual([
      0,
      expect.stringContaining('20240612T083000Z: 4 files checked, all match'),
    ])
    // A release's archive holds the pages it published (here one revision); the manifest lists them all.
    const archive = verify(path.join(dist, 'arkiv/20240612T083000Z.tar.gz'))
    expect([archive.status, archive.stdout.trim()]).toEqual([0, '20240612T083000Z: 1 files checked, all match'])
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tampered-')), 'dist')
    fs.cpSync(dist, copy, { recursive: true })
    const tampered = path.join(copy, 'arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/1/index.html')
    fs.writeFileSync(tampered, fs.readFileSync(tampered, 'utf8').replace('teambasert', 'TEAMBASERT'))
    const result = verify(copy)
    expect([result.status, result.stdout]).toEqual([
      1,
      expect.stringContaining('differs: arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/1/index.html'),
    ])
  })
})

describe('in Chromium', () => {
  const chromium = servedInChromium(() => dist)

  it('finds chapters of the current edition from the search page, loading the index only there', async () => {
    const p = await chromium.browser.newPage()
    const requests: string[] = []
    p.on('request', (r) => requests.push(new URL(r.url()).pathname))
    await p.goto(`${chromium.server.url}${C11}`)
    expect(requests.filter((r) => r.endsWith('.js') && !READING_SCRIPT.test(r))).toEqual([])
    await p.goto(`${chromium.server.url}/sok/`)
    await p.fill('#q', 'ekspertutvalget')
    await p.click('button[type="submit"]')
    await p.locator(`#resultater a[href="${C11}"]`).waitFor({ timeout: 15_000 })
    expect(await p.locator('#resultater li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      C11,
    ])
    await p.close()
  })

  it('compares any two versions on the history page, from the texts it loads only when asked', async () => {
    const p = await chromium.browser.newPage()
    const requests: string[] = []
    p.on('request', (r) => requests.push(new URL(r.url()).pathname))
    await p.goto(`${chromium.server.url}${C11}versjoner/`)
    expect(requests.filter((r) => r.endsWith('tekst.json'))).toEqual([])
    await p.selectOption('#fra', '1')
    await p.selectOption('#til', '2')
    await p.click('#sammenlign-skjema button[type="submit"]')
    await p.locator('#sammenligning h2').waitFor({ timeout: 15_000 })
    expect(await p.locator('#sammenligning h2').textContent()).toBe('Endringer fra versjon 1 til 2')
    expect(requests.filter((r) => r.endsWith('tekst.json'))).toEqual([`${C11}versjoner/tekst.json`])
    // The same change as the static redline of 1...2: a space added after "1.".
    const changed = p.locator('#sammenligning p', { has: p.locator('ins') })
    expect(await changed.count()).toBe(1)
    expect(await changed.textContent()).toContain('som ble lagt fram 1.lagt til:  mars 2024 heter det:')
    await p.close()
  })

  describe.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ])('the archive’s date form, %s', (how, javaScriptEnabled) => {
    // Served as the server serves the site, which answers the form sent without JavaScript.
    let reader: { url: string; close: () => Promise<void> }
    beforeAll(async () => {
      const app = express()
      serveSite(app, () => dist, new FolderLeases())
      reader = await listen(app)
    })
    afterAll(() => reader?.close())

    const choose = async (day: string) => {
      const context = await chromium.browser.newContext({ javaScriptEnabled, locale: 'nb-NO' })
      const p = await context.newPage()
      await p.goto(`${reader.url}/arkiv/`)
      await p.fill('#dato', day)
      await p.click('#velg-dato button[type="submit"]')
      return { p, context }
    }

    it.each([
      ['2022-05-19', '20220519T100000Z', '19. mai 2022'],
      ['2024-05-30', '20220519T100000Z', '19. mai 2022'],
      ['2024-06-01', '20240531T100000Z', '31. mai 2024'],
      ['2024-06-12', '20240612T083000Z', '12. juni 2024'],
      ['2025-01-01', '20240612T083000Z', '12. juni 2024'],
      ['2026-11-29', '20240612T083000Z', '12. juni 2024'],
    ])('opens for %s the report as it stood then, release %s', async (day, id, date) => {
      const { p, context } = await choose(day)
      await p.waitForURL(`${reader.url}/arkiv/${id}/`, { timeout: 15_000 })
      expect(await p.locator('h1').textContent()).toBe(`Rapporten ${date}`)
      await p.screenshot({
        path: path.join(ROOT, 'test-results', 'screenshots', `archive-${day}-${javaScriptEnabled ? 'js' : 'nojs'}.png`),
      })
      await context.close()
    })

    it('says the report was not published yet for a day before the first release', async () => {
      const { p, context } = await choose('2021-01-01')
      if (javaScriptEnabled) {
        await p.getByText('Rapporten var ikke publisert ennå på den datoen.').waitFor({ timeout: 15_000 })
        expect(new URL(p.url()).pathname).toBe('/arkiv/')
      } else {
        await p.waitForURL(/\/arkiv\/dato\/\?d=2021-01-01$/, { timeout: 15_000 })
        expect(await p.locator('h1').textContent()).toBe('Velg en dato i arkivet')
        expect(await p.locator('main').innerText()).toContain('Rapporten ble publisert første gang 19. mai 2022')
      }
      await context.close()
    })
  })

  it('breaks no word of a heading without a hyphen at phone widths', async () => {
    const broken: string[] = []
    for (const width of [320, 390]) {
      const context = await chromium.browser.newContext({ viewport: { width, height: 800 } })
      const p = await context.newPage()
      for (const url of ['/', C11, '/arsrapport-2023/', NEWS]) {
        await p.goto(chromium.server.url + url)
        expect(await p.evaluate(() => getComputedStyle(document.querySelector('h1')!).hyphens)).toBe('auto')
        // A word split over two lines has two boxes. A break after a hyphen in the text (2020-2024) is no split word.
        const split = await p.evaluate(() => {
          const h1 = document.querySelector('h1')!
          const words: string[] = []
          const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT)
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.textContent!.matchAll(/[^\s\-–]+/g)) {
              const range = document.createRange()
              range.setStart(node, m.index!)
              range.setEnd(node, m.index! + m[0].length)
              const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)))
              if (lines.size > 1) words.push(m[0])
            }
          }
          return words
        })
        broken.push(...split.map((w) => `${width}px ${url}: ${w}`))
      }
      await context.close()
    }
    expect(broken).toEqual([])
  })

  it('puts a heading’s link icon right after its last word, also when the heading wraps', async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 390, height: 800 } })
    const p = await context.newPage()
    await p.goto(chromium.server.url + C11)
    const gaps = await p.evaluate(() =>
      [...document.querySelectorAll('.heading')].map((heading) => {
        const title = heading.firstElementChild!
        const range = document.createRange()
        range.selectNodeContents(title)
        const lines = [...range.getClientRects()]
        const last = lines[lines.length - 1]
        const icon = heading.querySelector('.anchor')!.getBoundingClientRect()
        return {
          lines: new Set(lines.map((r) => Math.round(r.top))).size,
          gap: Math.round(icon.left - last.right),
          sameLine: icon.top < last.bottom && icon.bottom > last.top,
        }
      }),
    )
    expect(gaps.length).toBeGreaterThan(0)
    expect(gaps.filter((g) => !g.sameLine || g.gap < 0 || g.gap > 16)).toEqual([])
    await context.close()
  })

  it('underlines a contents entry’s number and title, not the space between them', async () => {
    const p = await chromium.browser.newPage()
    await p.goto(chromium.server.url + '/arsrapport-2021/')
    const link = p.locator('.toc a', { has: p.locator('.num') }).first()
    expect(
      await link.evaluate((a) => [
        getComputedStyle(a).textDecorationLine,
        ...[...a.children].map((c) => getComputedStyle(c).textDecorationLine),
      ]),
    ).toEqual(['none', 'underline', 'underline'])
    expect(
      await link.evaluate((a) =>
        [...a.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent),
      ),
    ).toEqual([' '])
    await p.close()
  })

  it('prints the publisher of a republished press release in its footer, not Helsedirektoratet', async () => {
    const p = await chromium.browser.newPage()
    await p.goto(`${chromium.server.url}${NEWS}`)
    await p.emulateMedia({ media: 'print' })
    expect(await p.locator('.print-only').textContent()).toBe(
      `http://localhost:3000${NEWS} · Helse- og omsorgsdepartementet. Lisens: Norsk lisens for offentlige data (NLOD) 2.0.`,
    )
    await p.close()
  })

  it('explains on the search page that search needs JavaScript when it is off', async () => {
    const context = await chromium.browser.newContext({ javaScriptEnabled: false })
    const p = await context.newPage()
    await p.goto(`${chromium.server.url}/sok/?q=fastlege`)
    expect(await p.locator('#resultater').innerText()).toContain('Søket trenger JavaScript')
    await context.close()
  })

  it('prints the page address, its last professional change and the licence, without the site’s navigation', async () => {
    const p = await chromium.browser.newPage()
    await p.goto(`${chromium.server.url}${C11}`)
    const footer = p.locator('.print-only')
    expect(await footer.isVisible()).toBe(false)
    await p.emulateMedia({ media: 'print' })
    expect(await footer.textContent()).toBe(
      `http://localhost:3000${C11} · Siste faglige endring 31. mai 2024 · Helsedirektoratet. Lisens: Norsk lisens for offentlige data (NLOD) 2.0.`,
    )
    expect([
      await footer.isVisible(),
      await p.locator('.site-header').isVisible(),
      await p.locator('.anchor').first().isVisible(),
    ]).toEqual([true, false, false])
    await p.close()
  })

  it('fits a 320 px wide phone without sideways scrolling', async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 320, height: 640 } })
    const p = await context.newPage()
    const wide: string[] = []
    for (const url of ['/', C11, C21, '/tiltak/11/', NEWS, '/malomrader/1/']) {
      await p.goto(chromium.server.url + url)
      const width = await p.evaluate(() => document.documentElement.scrollWidth)
      if (width > 320) wide.push(`${url}: ${width}px`)
    }
    expect(wide).toEqual([])
    await context.close()
  })

  it('moves focus to the content with the skip link', async () => {
    const p = await chromium.browser.newPage()
    await p.goto(`${chromium.server.url}${C11}`)
    await p.keyboard.press('Tab')
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Gå til innholdet')
    await p.keyboard.press('Enter')
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('innhold')
    await p.close()
  })

  it.each([
    ['front page', '/'],
    ['edition', '/arsrapport-2023/'],
    ['superseded edition', '/arsrapport-2021/'],
    ['chapter', C11],
    ['superseded chapter', C21],
    ['part introduction', DEL1],
    ['measure', '/tiltak/11/'],
    ['unconfirmed measure', '/tiltak/7/'],
    ['measures', '/tiltak/'],
    ['goal area', '/malomrader/1/'],
    ['news', NEWS],
    ['search', '/sok/'],
    ['history', `${C11}versjoner/`],
    ['historical revision', `${C11}versjoner/1/`],
    ['redline', `${C11}sammenlign/1...2/`],
    ['change list', '/endringer/'],
    ['archive', '/arkiv/'],
    ['about (MDX)', '/om/'],
    ['accessibility statement (MDX)', '/tilgjengelighet/'],
    ['not found', '/finnes-ikke/'],
  ])('axe finds no WCAG 2.1 AA violation on the %s at desktop and phone widths', async (_name, url) => {
    expect(await axeViolationsAtWidths(chromium.browser, chromium.server.url + url)).toEqual([])
  })
})
