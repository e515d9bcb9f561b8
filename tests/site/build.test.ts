import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import AxeBuilder from '@axe-core/playwright'
import { HtmlValidate } from 'html-validate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSite } from '../../scripts/build-site'
import type { Chapter } from '../../site/src/lib/snapshot/schema'
import { launchBrowser } from '../support/browser'
import { serveStatic } from '../support/staticServer'

const ROOT = path.resolve(import.meta.dirname, '../..')
let dist: string

/** The shipped snapshot, with a second, major revision of chapter 3.1 for the page to show. */
const fixtureSnapshot = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-'))
  fs.cpSync(path.join(ROOT, 'content/snapshot'), dir, { recursive: true })
  const file = path.join(dir, 'chapters/arsrapport-2021/beskrivelse-av-malomrade-3.json')
  const chapter = JSON.parse(fs.readFileSync(file, 'utf8')) as Chapter
  const first = chapter.revisions[0]
  chapter.revisions.push({
    ...first,
    revision: 2,
    publishedAt: '2023-02-01T09:00:00.000Z',
    updateType: 'major',
    changeNote: 'Oppdatert omtale av teamarbeid.',
    lastProfessionalChange: '2023-02-01',
    html: `${first.html}<p>Et nytt avsnitt om teamarbeid.</p>`,
  })
  const second = chapter.revisions[1]
  second.htmlSha256 = createHash('sha256').update(second.html).digest('hex')
  fs.writeFileSync(file, `${JSON.stringify(chapter, null, 2)}\n`)
  // Chapter 1.1 in both editions (goal area 1), to compare across editions.
  const file2023 = path.join(dir, 'chapters/arsrapport-2023/malbildet-for-arbeidet.json')
  const c2023 = JSON.parse(fs.readFileSync(file2023, 'utf8')) as Chapter
  c2023.revisions[0].goalArea = 1
  fs.writeFileSync(file2023, JSON.stringify(c2023))
  const r2021 = { ...c2023.revisions[0], title: 'Mål for arbeidet', html: c2023.revisions[0].html.replace('utarbeidet Helsedirektoratet i 2020', 'utarbeider Helsedirektoratet'), publishedAt: '2022-05-19T12:00:00.000Z', lastProfessionalChange: '2022-05-19' }
  r2021.htmlSha256 = createHash('sha256').update(r2021.html).digest('hex')
  fs.writeFileSync(path.join(dir, 'chapters/arsrapport-2021/malbildet-for-arbeidet.json'), JSON.stringify({ ...c2023, edition: 'arsrapport-2021', part: 1, firstPublishedAt: r2021.publishedAt, revisions: [r2021] }))
  return dir
}

const page = (url: string) => fs.readFileSync(path.join(dist, url, 'index.html'), 'utf8')
const htmlFiles = (): string[] =>
  (fs.readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).map((f) => `/${f}`.replace(/index\.html$/, ''))

beforeAll(async () => {
  dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'site-')), 'dist')
  await buildSite({ snapshot: fixtureSnapshot(), out: dist, quiet: true })
}, 180_000)

describe('the built site', () => {
  it('builds a page for every chapter, edition, measure and goal area', () => {
    const pages = htmlFiles()
    for (const url of ['/', '/arsrapport-2021/', '/arsrapport-2023/', '/arsrapport-2023/malbildet-for-arbeidet/', '/tiltak/', '/tiltak/17/', '/malomrader/3/', '/nyheter/allmennlegetjenesten-styrkes-med-1-6-milliarder/', '/om/', '/lisens/', '/tilgjengelighet/', '/sok/', '/404.html']) {
      expect(pages, url).toContain(url)
    }
    expect(pages.filter((p) => /^\/tiltak\/\d+\/$/.test(p))).toHaveLength(17)
  })

  it('is Norwegian, with the chapter number, title and dates in Norwegian format', () => {
    const html = page('/arsrapport-2023/malbildet-for-arbeidet/')
    expect(html).toContain('<html lang="nb">')
    expect(html).toMatch(/<h1><span class="label">Kapittel 1\.1<\/span>Målbildet for arbeidet<\/h1>/)
    expect(html).toMatch(/<dt>Først publisert<\/dt><dd><time datetime="2024-05-31T12:00:00.000Z">31\. mai 2024<\/time>/)
    expect(html).toMatch(/<dt>Siste faglige endring<\/dt><dd><time datetime="2024-05-31">31\. mai 2024<\/time>/)
  })

  it('links footnote 15 both ways, and gives sections stable anchors', () => {
    const html = page('/arsrapport-2023/malbildet-for-arbeidet/')
    expect(html).toContain('<sup class="fn-ref" id="fnref-15"><a href="#fn-15">15</a></sup>')
    expect(html).toMatch(/<li id="fn-15" value="15">Nasjonal helse- og samhandlingsplan 2024 – 2027, Meld\. St\. 9 \(2023–2024\) - regjeringen\.no <a href="#fnref-15"/)
    expect(html).toContain('<h2 id="god-kvalitet-til-alle">God kvalitet til alle <a class="anchor" href="#god-kvalitet-til-alle"')
    expect(html).toContain('<a href="#god-kvalitet-til-alle">God kvalitet til alle</a>')
  })

  it('shows the newest revision of a chapter, first published with the first', () => {
    const html = page('/arsrapport-2021/beskrivelse-av-malomrade-3/')
    expect(html).toContain('Et nytt avsnitt om teamarbeid.')
    expect(html).toMatch(/Først publisert<\/dt><dd><time[^>]*>19\. mai 2022</)
    expect(html).toMatch(/Siste faglige endring<\/dt><dd><time[^>]*>1\. februar 2023</)
  })

  it('marks every page of a superseded edition, pointing to the current one', () => {
    for (const url of ['/arsrapport-2021/', '/arsrapport-2021/beskrivelse-av-malomrade-2/']) {
      expect(page(url)).toContain('Dette er en tidligere utgave av rapporten.')
      expect(page(url)).toContain('<a href="/arsrapport-2023/">Allmennlegetjenesten – årsrapport 2023 inklusive status per mai 2024</a>')
    }
    expect(page('/arsrapport-2023/malbildet-for-arbeidet/')).not.toContain('tidligere utgave')
  })

  it('indexes only the current edition for search', () => {
    expect(page('/arsrapport-2023/malbildet-for-arbeidet/')).toContain('data-pagefind-body')
    expect(page('/arsrapport-2021/beskrivelse-av-malomrade-2/')).not.toContain('data-pagefind-body')
    expect(fs.existsSync(path.join(dist, 'pagefind/pagefind.js'))).toBe(true)
  })

  it('shows an unconfirmed measure by number only, and links measures to their chapters', () => {
    const seven = page('/tiltak/7/')
    expect(seven).toContain('<h1>Tiltak 7</h1>')
    expect(seven).toContain('Tittelen på dette tiltaket er ikke bekreftet i kildene ennå.')
    const eleven = page('/tiltak/11/')
    expect(eleven).toMatch(/<h1><span class="label">Tiltak 11<\/span>Innføre introduksjonsavtaler<\/h1>/)
    expect(eleven).toContain('<a href="/arsrapport-2021/beskrivelse-av-malomrade-2/">2.1 Beskrivelse av målområde 2</a>')
    expect(eleven).toContain('<a href="/malomrader/2/">Målområde 2: God kvalitet til alle</a>')
  })

  it('gives each goal area its wording and effect goals per edition', () => {
    const html = page('/malomrader/1/')
    expect(html).toContain('<h1><span class="label">Målområde 1</span>En trygg og aktiv karrierevei</h1>')
    expect(html).toContain('I denne utgaven heter målområdet «En trygg og attraktiv karrierevei».')
    expect(html).toContain('<li>Redusert arbeidsbelastning for allmennleger</li>')
  })

  it('ships no JavaScript on reading pages; only the search, archive and compare tools have a script', () => {
    for (const url of htmlFiles()) {
      const html = fs.readFileSync(path.join(dist, url.endsWith('.html') ? url : `${url}index.html`), 'utf8')
      expect(html.includes('<script'), url).toBe(url === '/sok/' || url === '/arkiv/' || /\/versjoner\/$/.test(url))
    }
  })

  it('is valid HTML on every page', async () => {
    // long-title is a search-engine style rule, not validity: chapter and measure titles are the
    // report's own and are not shortened.
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } })
    const problems: string[] = []
    for (const url of htmlFiles()) {
      const file = path.join(dist, url.endsWith('.html') ? url : `${url}index.html`)
      const report = await validator.validateString(fs.readFileSync(file, 'utf8'), file)
      for (const r of report.results) for (const m of r.messages) problems.push(`${url}: ${m.ruleId}: ${m.message}`)
    }
    expect(problems).toEqual([])
  })

  it('has no broken internal link', () => {
    const broken: string[] = []
    for (const url of htmlFiles()) {
      const html = fs.readFileSync(path.join(dist, url.endsWith('.html') ? url : `${url}index.html`), 'utf8')
      for (const [, href] of html.matchAll(/href="(\/[^"#?]*)(?:#[^"]*)?"/g)) {
        const target = path.join(dist, href)
        const ok = fs.existsSync(target) && (fs.statSync(target).isFile() || fs.existsSync(path.join(target, 'index.html')))
        if (!ok) broken.push(`${url} → ${href}`)
      }
    }
    expect(broken).toEqual([])
  })
})

describe('versions for archivists', () => {
  const base = '/arsrapport-2021/beskrivelse-av-malomrade-3/'

  it('gives every revision a permanent page, the old ones marked as historical', () => {
    const first = page(`${base}versjoner/1/`)
    expect(first).toContain('Du leser en historisk versjon')
    expect(first).toContain(`<a href="${base}">Les gjeldende versjon</a>`)
    expect(first).not.toContain('Et nytt avsnitt om teamarbeid.')
    const second = page(`${base}versjoner/2/`)
    expect(second).toContain('Dette er gjeldende versjon (2).')
    expect(second).toContain('Et nytt avsnitt om teamarbeid.')
  })

  it('lists the history newest first, with update type, change note and a comparison link', () => {
    const html = page(`${base}versjoner/`)
    const order = [...html.matchAll(/<a href="[^"]*versjoner\/(\d)\/">Versjon \d<\/a>/g)].map((m) => m[1])
    expect(order).toEqual(['2', '1'])
    expect(html).toContain('Faglig endring')
    expect(html).toContain('<p class="note">Oppdatert omtale av teamarbeid.</p>')
    expect(html).toContain(`<a href="${base}sammenlign/1...2/">Sammenlign med versjon 1</a>`)
    expect(page(base)).toContain(`<a href="${base}versjoner/">Se alle endringer</a>`)
  })

  it('shows the redline of consecutive revisions without JavaScript, marked beyond colour', () => {
    const html = page(`${base}sammenlign/1...2/`)
    expect(html).toContain('<ins><span class="vh">lagt til: </span>Et nytt avsnitt om teamarbeid.</ins>')
    expect(html).toContain('<tr><th scope="row">Siste faglige endring</th><td>19. mai 2022</td><td>1. februar 2023</td></tr>')
    expect(html).toContain('Vis side om side')
    expect(html.includes('<script')).toBe(false)
  })

  it('lists every change in /endringer/ and the major ones in an Atom feed', () => {
    const list = page('/endringer/')
    const at = (text: string) => list.indexOf(text)
    expect(at('Målbildet for arbeidet</a>, versjon 1')).toBeGreaterThan(0)
    expect(at('Målbildet for arbeidet</a>, versjon 1')).toBeLessThan(at('Beskrivelse av målområde 3</a>, versjon 2'))
    expect(at('Beskrivelse av målområde 3</a>, versjon 2')).toBeLessThan(at('Beskrivelse av målområde 3</a>, versjon 1'))
    const feed = fs.readFileSync(path.join(dist, 'endringer.xml'), 'utf8')
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom">')
    expect(feed).toContain(`<id>http://localhost:3000${base}versjoner/2/</id>`)
    expect(feed).toContain('<summary type="html"><![CDATA[Oppdatert omtale av teamarbeid.]]></summary>')
    expect(feed).toContain('<updated>2024-05-31T12:00:00.000Z</updated>')
  })

  it('keeps what a revision page shows when later revisions are published, and builds reproducibly', async () => {
    const snapshot = fixtureSnapshot()
    const again = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'site-')), 'dist')
    await buildSite({ snapshot, out: again, quiet: true })
    const files = (fs.readdirSync(dist, { recursive: true }) as string[]).filter((f) => /\.(html|xml|css|json|gz)$/.test(f) && !f.startsWith('pagefind')).sort()
    const different = files.filter((f) => !fs.readFileSync(path.join(dist, f)).equals(fs.readFileSync(path.join(again, f))))
    expect(different).toEqual([])

    const file = path.join(snapshot, 'chapters/arsrapport-2021/beskrivelse-av-malomrade-3.json')
    const chapter = JSON.parse(fs.readFileSync(file, 'utf8')) as Chapter
    chapter.revisions.push({ ...chapter.revisions[1], revision: 3, publishedAt: '2023-06-01T09:00:00.000Z', updateType: 'minor', changeNote: null, html: `${chapter.revisions[1].html}<p>Rettet.</p>` })
    fs.writeFileSync(file, JSON.stringify(chapter))
    const later = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'site-')), 'dist')
    await buildSite({ snapshot, out: later, quiet: true })
    for (const url of [`${base}versjoner/1/`, `${base}versjoner/2/`, `${base}sammenlign/1...2/`]) {
      const before = page(url).replace('Dette er gjeldende versjon (2).', '')
      const after = fs.readFileSync(path.join(later, url, 'index.html'), 'utf8')
      if (url.endsWith('/2/')) expect(after).toContain('Du leser en historisk versjon')
      else expect(after, url).toBe(before)
    }
  }, 120_000)
})

describe('the same chapter across editions', () => {
  it('is offered from the chapter page and compared with its structured changes', () => {
    const url = '/arsrapport-2023/malbildet-for-arbeidet/sammenlign-utgave/arsrapport-2021/'
    expect(page('/arsrapport-2023/malbildet-for-arbeidet/')).toContain(`<a href="${url}">Sammenlign med Handlingsplan for allmennlegetjenesten – årsrapport 2021</a>`)
    const html = page(url)
    expect(html).toContain('<tr><th scope="row">Tittel</th><td>Mål for arbeidet</td><td>Målbildet for arbeidet</td></tr>')
    expect(html).toContain('<th scope="row">Effektmål lagt til</th><td>–</td><td>Finansieringsordninger som bedre understøtter stabilitet og rekruttering av allmennleger;')
    expect(html).toContain('<del><span class="vh">slettet: </span>utarbeider</del><ins><span class="vh">lagt til: </span>utarbeidet</ins>')
  })
})

describe('releases, manifests and verification', () => {
  const verify = (target: string) => spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/verify.ts', target], { cwd: ROOT, encoding: 'utf8' })

  it('lists the releases in /arkiv/ and shows the report as it stood at each', () => {
    const list = page('/arkiv/')
    expect(list).toContain('<a href="/arkiv/20230201T090000Z/"><time datetime="2023-02-01T09:00:00.000Z">1. februar 2023</time></a>')
    const before = page('/arkiv/20220519T120000Z/')
    expect(before).toContain('<a href="/arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/1/">3.1 Beskrivelse av målområde 3</a>')
    expect(before).not.toContain('Målbildet for arbeidet')
    expect(page('/arkiv/20230201T090000Z/')).toContain('<a href="/arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/2/">')
  })

  it('writes a manifest with the hash of every revision and its page, and a JSON API', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'arkiv/20230201T090000Z/manifest.json'), 'utf8'))
    const entry = manifest.revisions.find((r: { chapter: string }) => r.chapter === 'beskrivelse-av-malomrade-3')
    const pageHtml = fs.readFileSync(path.join(dist, 'arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/2/index.html'))
    expect(entry.pageSha256).toBe(createHash('sha256').update(pageHtml).digest('hex'))
    expect(entry.contentSha256).toMatch(/^[0-9a-f]{64}$/)
    const api = JSON.parse(fs.readFileSync(path.join(dist, 'api/revisjoner.json'), 'utf8'))
    expect(api.chapters.find((c: { chapter: string }) => c.chapter === 'beskrivelse-av-malomrade-3').revisions.map((r: { revision: number; url: string }) => r.url)).toEqual([
      '/arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/1/',
      '/arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/2/',
    ])
  })

  it('verify passes on a good build and on a release archive', () => {
    const site = verify(dist)
    expect([site.status, site.stdout]).toEqual([0, expect.stringContaining('20230201T090000Z: 4 files checked, all match')])
    const archive = verify(path.join(dist, 'arkiv/20230201T090000Z.tar.gz'))
    expect([archive.status, archive.stdout.trim()]).toEqual([0, '20230201T090000Z: 4 files checked, all match'])
  })

  it('verify names the file that was tampered with', () => {
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tampered-')), 'dist')
    fs.cpSync(dist, copy, { recursive: true })
    const file = path.join(copy, 'arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/1/index.html')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('teambasert', 'TEAMBASERT'))
    const result = verify(copy)
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('differs: arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/1/index.html')
  })
})

describe('accessibility in Chromium', () => {
  let server: Awaited<ReturnType<typeof serveStatic>>
  let browser: Awaited<ReturnType<typeof launchBrowser>>
  beforeAll(async () => {
    server = await serveStatic(dist)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('finds chapters of the current edition with the search page, loading the index only on use', async () => {
    const p = await browser.newPage()
    const requests: string[] = []
    p.on('request', (r) => requests.push(new URL(r.url()).pathname))
    await p.goto(`${server.url}/arsrapport-2023/malbildet-for-arbeidet/`)
    expect(requests.filter((r) => r.startsWith('/pagefind/'))).toEqual([])
    await p.goto(`${server.url}/sok/`)
    await p.fill('#q', 'ekspertutvalget')
    await p.click('button[type="submit"]')
    await p.locator('#resultater a[href="/arsrapport-2023/malbildet-for-arbeidet/"]').waitFor({ timeout: 15_000 })
    expect(await p.locator('#resultater li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['/arsrapport-2023/malbildet-for-arbeidet/'])
    await p.close()
  })

  it('compares any two revisions from the history page, loading the diff code only on use', async () => {
    const p = await browser.newPage()
    const requests: string[] = []
    p.on('request', (r) => requests.push(new URL(r.url()).pathname))
    await p.goto(`${server.url}/arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/`)
    expect(requests.some((r) => r.includes('compareClient'))).toBe(false)
    await p.selectOption('#fra', '1')
    await p.selectOption('#til', '2')
    await p.click('#sammenlign-skjema button[type="submit"]')
    await p.locator('#sammenligning ins', { hasText: 'Et nytt avsnitt om teamarbeid.' }).waitFor({ timeout: 15_000 })
    expect(await p.locator('#sammenligning h2').textContent()).toBe('Endringer fra versjon 1 til 2')
    expect(requests.some((r) => r.includes('compareClient'))).toBe(true)
    await p.close()
  })

  it('prints the page address, its date and the licence', async () => {
    const p = await browser.newPage()
    await p.goto(`${server.url}/arsrapport-2023/malbildet-for-arbeidet/`)
    const footer = p.locator('.print-only')
    expect(await footer.isVisible()).toBe(false)
    await p.emulateMedia({ media: 'print' })
    expect(await footer.isVisible()).toBe(true)
    expect(await footer.textContent()).toBe(
      'http://localhost:3000/arsrapport-2023/malbildet-for-arbeidet/ · Siste faglige endring 31. mai 2024 · Helsedirektoratet. Lisens: Norsk lisens for offentlige data (NLOD) 2.0.',
    )
    expect(await p.locator('.site-header').isVisible()).toBe(false)
    await p.close()
  })

  it.each([
    ['front page', '/'],
    ['edition', '/arsrapport-2023/'],
    ['chapter', '/arsrapport-2023/malbildet-for-arbeidet/'],
    ['superseded chapter', '/arsrapport-2021/beskrivelse-av-malomrade-2/'],
    ['measure', '/tiltak/11/'],
    ['unconfirmed measure', '/tiltak/7/'],
    ['goal area', '/malomrader/1/'],
    ['news', '/nyheter/allmennlegetjenesten-styrkes-med-1-6-milliarder/'],
    ['search', '/sok/'],
    ['history', '/arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/'],
    ['historical revision', '/arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/1/'],
    ['redline', '/arsrapport-2021/beskrivelse-av-malomrade-3/sammenlign/1...2/'],
    ['change list', '/endringer/'],
    ['archive', '/arkiv/'],
    ['comparison across editions', '/arsrapport-2023/malbildet-for-arbeidet/sammenlign-utgave/arsrapport-2021/'],
    ['report at a release', '/arkiv/20220519T120000Z/'],
    ['about (MDX)', '/om/'],
    ['not found', '/finnes-ikke/'],
  ])('axe finds no WCAG 2.1 AA violation on the %s', async (_name, url) => {
    for (const width of [1280, 360]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } })
      const p = await context.newPage()
      await p.goto(server.url + url)
      const { violations } = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
      expect(violations.map((v) => `${width}px ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
      await context.close()
    }
  })
})
