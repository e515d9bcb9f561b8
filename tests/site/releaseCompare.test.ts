/**
 * Comparing two points in time over the built fixture site: a static page for each consecutive
 * pair of releases, the server's answer for any two and for the form sent without JavaScript,
 * and a reader using it in Chromium.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import AxeBuilder from '@axe-core/playwright'
import express from 'express'
import { HtmlValidate } from 'html-validate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { FolderLeases } from '../../cms/src/publishing/folderLeases'
import { serveSite } from '../../cms/src/serving/serveSite'
import { buildSite } from '@rapport/site/builder/build'
import { renderSet } from '@rapport/site/builder/plan'
import { toSiteData } from '@rapport/site/lib/model'
import { pagePlan } from '@rapport/site/lib/pages'
import { readSnapshot } from '@rapport/contracts/readSnapshot'
import type { Chapter } from '@rapport/contracts/snapshot'
import { launchBrowser } from '../support/browser'
import { listen } from '../support/staticServer'
import { C11, C21, copyFixture, editChapter, revision, ROOT } from './fixture'

/** The fixture's three releases, and two more: 1.1 withdrawn and 2.1 changed (faglig), then 1.1 reinstated. */
const R1 = '20220519T100000Z'
const R2 = '20240531T100000Z'
const R3 = '20240612T083000Z'
const R4 = '20240902T080000Z'
const R5 = '20241001T080000Z'

const addRevision = (dir: string, edition: string, slug: string, change: Partial<Chapter['revisions'][number]>) =>
  editChapter(dir, edition, slug, (c) => {
    const last = c.revisions.at(-1)!
    c.revisions.push(revision({ ...last, revision: last.revision + 1, ...change }))
  })

const withLaterReleases = (dir: string) => {
  addRevision(dir, 'arsrapport-2023', 'malbildet-for-arbeidet', {
    publishedAt: '2024-09-02T08:00:00.000Z',
    updateType: 'withdrawal',
    changeNote: 'Tallene i kapitlet var feil.',
  })
  addRevision(dir, 'arsrapport-2021', 'beskrivelse-av-malomrade-2', {
    publishedAt: '2024-09-02T08:00:00.000Z',
    updateType: 'major',
    changeNote: 'Nye tall for 2024.',
    lastProfessionalChange: '2024-09-02',
  })
  editChapter(dir, 'arsrapport-2021', 'beskrivelse-av-malomrade-2', (c) => {
    const last = c.revisions.at(-1)!
    c.revisions[c.revisions.length - 1] = revision({
      ...last,
      html: last.html.replace('</p>', ' Tallene er oppdatert for 2024.</p>'),
    })
  })
  addRevision(dir, 'arsrapport-2023', 'malbildet-for-arbeidet', {
    publishedAt: '2024-10-01T08:00:00.000Z',
    updateType: 'minor',
    changeNote: 'Gjeninnsatt med rettede tall.',
  })
}

let dist: string
const page = (url: string) => fs.readFileSync(path.join(dist, url, 'index.html'), 'utf8')
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
/** The rows of a comparison: each chapter's name, kind and what happened. */
const rowsOf = (html: string) =>
  [
    ...html.matchAll(
      /<li class="change change--(\w+)"><a href="[^"]*">([^<]*)<\/a>[^]*?<span class="meta">([^<]*)<\/span>/g,
    ),
  ].map((m) => `${m[2]}: ${m[1]}, ${m[3]}`)

let reader: { url: string; close: () => Promise<void> }

beforeAll(async () => {
  const snapshot = copyFixture()
  withLaterReleases(snapshot)
  dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'site-compare-')), 'dist')
  await buildSite({ snapshot, out: dist, quiet: true })
  // Served as the server serves the site.
  const app = express()
  serveSite(app, () => dist, new FolderLeases())
  reader = await listen(app)
}, 180_000)
afterAll(() => reader?.close())

const get = async (p: string) => {
  const r = await fetch(reader.url + p, { redirect: 'manual' })
  return { status: r.status, body: await r.text(), location: r.headers.get('location') }
}

describe('the static pages of consecutive releases', () => {
  it('exist for each consecutive pair, and for no other pair', () => {
    const pairs = fs
      .readdirSync(path.join(dist, 'arkiv'))
      .filter((f) => f.includes('...'))
      .sort()
    expect(pairs).toEqual([`${R1}...${R2}`, `${R2}...${R3}`, `${R3}...${R4}`, `${R4}...${R5}`])
  })

  it.each([
    [
      R1,
      R2,
      'Endringer fra 19. mai 2022 til 31. mai 2024',
      ['Kapittel 1.1 Målbildet for arbeidet: added, Lagt til i versjon 1'],
    ],
    [
      R2,
      R3,
      'Endringer fra 31. mai 2024 til 12. juni 2024',
      ['Kapittel 1.1 Målbildet for arbeidet: changed, Redaksjonell endring fra versjon 1 til 2'],
    ],
    [
      R3,
      R4,
      'Endringer fra 12. juni 2024 til 2. september 2024',
      [
        'Kapittel 2.1 Beskrivelse av målområde 2: changed, Faglig endring fra versjon 1 til 2',
        'Kapittel 1.1 Målbildet for arbeidet: withdrawn, Trukket tilbake i versjon 3',
      ],
    ],
    [
      R4,
      R5,
      'Endringer fra 2. september 2024 til 1. oktober 2024',
      ['Kapittel 1.1 Målbildet for arbeidet: reinstated, Gjeninnsatt i versjon 4 (trukket tilbake i versjon 3)'],
    ],
  ])('%s...%s is «%s» and lists %j', (from, to, heading, rows) => {
    const html = page(`arkiv/${from}...${to}/`)
    expect(text(/<h1>([^]*?)<\/h1>/.exec(html)![1])).toBe(`Sammenlign utgivelser ${heading}`)
    expect(html).toContain(`<title>${heading} – Allmennlegetjenesten</title>`)
    expect(rowsOf(html)).toEqual(rows)
  })

  it('links a changed chapter to its redline, and a withdrawn one to the version that withdrew it, with its explanation', () => {
    const html = page(`arkiv/${R3}...${R4}/`)
    expect(html).toContain(`<a href="${C21}sammenlign/1...2/">Se endringene fra versjon 1 til 2</a>`)
    expect(html).toContain(`<a href="${C11}versjoner/3/">Kapittel 1.1 Målbildet for arbeidet</a>`)
    expect(html).toContain('<p class="note">Tallene i kapitlet var feil.</p>')
  })

  it('is linked from each release’s page (but the first’s) and from the archive’s list', () => {
    expect(page(`arkiv/${R1}/`)).not.toContain('Se hva som ble endret i denne utgivelsen')
    expect(page(`arkiv/${R4}/`)).toContain(
      `<a href="/arkiv/${R3}...${R4}/">Se hva som ble endret i denne utgivelsen</a>`,
    )
    const archive = page('arkiv/')
    for (const [a, b] of [
      [R1, R2],
      [R2, R3],
      [R3, R4],
      [R4, R5],
    ])
      expect(archive).toContain(`<a href="/arkiv/${a}...${b}/">endringer</a>`)
    expect(archive).toContain(
      '<form class="search no-print" id="sammenlign-utgivelser" action="/arkiv/sammenlign/" method="get">',
    )
  })

  it('is in the sitemap, as is the form’s page', () => {
    const sitemap = fs.readFileSync(path.join(dist, 'sitemap.xml'), 'utf8')
    expect(sitemap).toContain(`<loc>http://localhost:3000/arkiv/${R3}...${R4}/</loc>`)
    expect(sitemap).toContain('<loc>http://localhost:3000/arkiv/sammenlign/</loc>')
  })

  it('writes the compact index the server compares from, without any chapter’s text', () => {
    const index = JSON.parse(fs.readFileSync(path.join(dist, 'arkiv/sammenlign/kapitler.json'), 'utf8'))
    expect(index.releases.map((r: { id: string }) => r.id)).toEqual([R1, R2, R3, R4, R5])
    expect(JSON.stringify(index)).not.toContain('<p>')
  })
})

describe('the server', () => {
  it.each([
    ['two consecutive releases', `fra=${R2}&til=${R3}`, `/arkiv/${R2}...${R3}/`],
    ['two releases further apart, the later first', `fra=${R5}&til=${R2}`, `/arkiv/${R2}...${R5}/`],
    ['two dates', 'fra=2024-06-01&til=15.09.2024', `/arkiv/${R2}...${R4}/`],
  ])('redirects the form for %s to the comparison', async (_what, query, location) => {
    expect(await get(`/arkiv/sammenlign/?${query}`)).toMatchObject({ status: 303, location })
  })

  it('serves the static page of consecutive releases, and compares any other two in the same markup', async () => {
    expect(await get(`/arkiv/${R3}...${R4}/`)).toMatchObject({ status: 200, body: page(`arkiv/${R3}...${R4}/`) })
    const answer = await get(`/arkiv/${R2}...${R5}/`)
    expect(answer.status).toBe(200)
    expect(rowsOf(answer.body)).toEqual([
      'Kapittel 2.1 Beskrivelse av målområde 2: changed, Faglig endring fra versjon 1 til 2',
      'Kapittel 1.1 Målbildet for arbeidet: changed, Redaksjonell endring fra versjon 1 til 4',
    ])
    expect(answer.body).toContain(
      `<a href="${C11}sammenlign/1...2/">1 til 2</a>, <a href="${C11}sammenlign/2...3/">2 til 3</a>, <a href="${C11}sammenlign/3...4/">3 til 4</a>`,
    )
    expect(answer.body).toContain(
      '<title>Endringer fra 31. mai 2024 til 1. oktober 2024 – Allmennlegetjenesten</title>',
    )
    expect(answer.body).toContain(`<link rel="canonical" href="http://localhost:3000/arkiv/${R2}...${R5}/">`)
    // The frame of the site's pages around it: its header, stylesheet and footer.
    const frame = (html: string) =>
      html
        .replace(/<!--sammenligning-->[^]*<!--\/sammenligning-->/, '')
        .replace(/<title>[^<]*<\/title>/, '')
        .replace(/\/arkiv\/[^/"]+\//g, '/arkiv/x/')
    expect(frame(answer.body)).toBe(frame(page(`arkiv/${R3}...${R4}/`)))
  })

  it.each([
    [`/arkiv/${R5}...${R2}/`, 301, `/arkiv/${R2}...${R5}/`],
    [`/arkiv/${R2}...${R5}`, 301, `/arkiv/${R2}...${R5}/`],
    [`/arkiv/${R2}...20300101T000000Z/`, 404, null],
    [`/arkiv/${R2}...${R2}/`, 404, null],
  ])('answers %s with %i', async (url, status, location) => {
    expect(await get(url)).toMatchObject({ status, location })
  })

  it.each([
    [
      'a date before the first release',
      'fra=2019-01-01&til=2024-06-01',
      'Fra-datoen 2019-01-01 er før første utgivelse 19. mai 2022.',
    ],
    [
      'a date that is not one',
      `fra=${R1}&til=2024-13-01`,
      'Til-datoen «2024-13-01» er ikke en dato. Skriv den som åååå-mm-dd eller dd.mm.åååå.',
    ],
    ['an unknown release', `fra=20190101T000000Z&til=${R2}`, 'Fra: det finnes ingen utgivelse 20190101T000000Z.'],
    [
      'the same release twice',
      `fra=${R2}&til=${R2}`,
      'Fra og til er samme utgivelse (31. mai 2024 kl. 12.00). Velg to ulike utgivelser.',
    ],
    ['nothing', 'fra=&til=', 'Fra: velg en utgivelse eller skriv en dato.'],
  ])('answers %s with 400, the form again and a Norwegian message', async (_what, query, message) => {
    const answer = await get(`/arkiv/sammenlign/?${query}`)
    expect(answer.status).toBe(400)
    expect(answer.body).toContain(`${message}</a></li>`)
    expect(answer.body).toContain('<h1>Sammenlign to utgivelser</h1>')
    expect(answer.body).toContain('id="sammenlign-datoer"')
  })

  it('serves the form’s page as it is without a query', async () => {
    expect(await get('/arkiv/sammenlign/')).toMatchObject({ status: 200, body: page('arkiv/sammenlign/') })
  })

  it('answers with valid HTML: the static pages, the form, a comparison it makes and the form with its errors', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } })
    const pages: Record<string, string> = {
      [`/arkiv/${R3}...${R4}/`]: page(`arkiv/${R3}...${R4}/`),
      '/arkiv/sammenlign/': page('arkiv/sammenlign/'),
      '/arkiv/': page('arkiv/'),
      [`/arkiv/${R4}/`]: page(`arkiv/${R4}/`),
    }
    const made = await get(`/arkiv/${R2}...${R5}/`)
    const refused = await get('/arkiv/sammenlign/?fra=2019-01-01&til=')
    expect([made.status, refused.status]).toEqual([200, 400])
    pages[`/arkiv/${R2}...${R5}/`] = made.body
    pages['/arkiv/sammenlign/?fra=2019-01-01'] = refused.body
    const problems: string[] = []
    for (const [url, html] of Object.entries(pages)) {
      const report = await validator.validateString(html, url)
      for (const r of report.results)
        for (const m of r.messages) problems.push(`${url}:${m.line}: ${m.ruleId}: ${m.message}`)
    }
    expect(problems).toEqual([])
    // Every link of these pages leads to a page of the site.
    const broken = Object.entries(pages).flatMap(([url, html]) =>
      [...html.matchAll(/href="(\/[^"#?]*)"/g)]
        .map((m) => m[1])
        .filter((to) => !fs.existsSync(path.join(dist, to, 'index.html')) && !fs.existsSync(path.join(dist, to)))
        .map((to) => `${url} → ${to}`),
    )
    expect(broken).toEqual([])
  })
})

describe('which pages a new release renders', () => {
  const planOf = (dir: string) => {
    const { snapshot, chapters } = readSnapshot(dir)
    return pagePlan(toSiteData(snapshot, chapters))
  }
  const before = copyFixture()
  const after = copyFixture()
  withLaterReleases(after)
  const [a, b] = [planOf(before), planOf(after)]
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prev-'))
  for (const f of Object.keys(a)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true })
    fs.writeFileSync(path.join(dir, f), '')
  }
  const set = renderSet(b, 'code', { dir, info: { schemaVersion: 1, code: 'code', pages: a } })
  const rendered = set.full ? [] : set.render

  it('renders the comparison of each new release with the one before, and the release pages that link to them', () => {
    expect(set.full).toBe(false)
    expect(rendered).toEqual(
      expect.arrayContaining([
        `arkiv/${R3}...${R4}/index.html`,
        `arkiv/${R4}...${R5}/index.html`,
        `arkiv/${R4}/index.html`,
        `arkiv/${R5}/index.html`,
      ]),
    )
  })

  it('reuses the comparisons of earlier releases, which never change', () => {
    expect(rendered).not.toContain(`arkiv/${R1}...${R2}/index.html`)
    expect(rendered).not.toContain(`arkiv/${R2}...${R3}/index.html`)
    expect(a[`arkiv/${R2}...${R3}/index.html`]).toBe(b[`arkiv/${R2}...${R3}/index.html`])
  })
})

describe('in Chromium without JavaScript', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(() => browser?.close())

  const noScript = async (width = 1280) => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      locale: 'nb-NO',
      viewport: { width, height: 900 },
    })
    return { context, p: await context.newPage() }
  }

  it('compares two releases chosen in the archive’s form, and follows a changed chapter to its redline', async () => {
    const { context, p } = await noScript()
    await p.goto(`${reader.url}/arkiv/`)
    await p.selectOption('#sammenlign-fra', R2)
    await p.selectOption('#sammenlign-til', R5)
    fs.mkdirSync(path.join(ROOT, 'test-results', 'screenshots'), { recursive: true })
    await p.locator('#sammenlign-utgivelser').scrollIntoViewIfNeeded()
    await p.screenshot({ path: path.join(ROOT, 'test-results', 'screenshots', 'compare-releases-form.png') })
    await p.click('#sammenlign-utgivelser button[type="submit"]')
    await p.waitForURL(`${reader.url}/arkiv/${R2}...${R5}/`, { timeout: 15_000 })
    expect(await p.locator('h1').innerText()).toContain('Endringer fra 31. mai 2024 til 1. oktober 2024')
    expect(await p.locator('.change').allInnerTexts()).toEqual([
      expect.stringMatching(/^Kapittel 2\.1 Beskrivelse av målområde 2\s+Endret\s+Faglig endring fra versjon 1 til 2/),
      expect.stringMatching(
        /^Kapittel 1\.1 Målbildet for arbeidet\s+Endret\s+Redaksjonell endring fra versjon 1 til 4/,
      ),
    ])
    await p.screenshot({ path: path.join(ROOT, 'test-results', 'screenshots', 'compare-releases.png'), fullPage: true })
    await p
      .locator('.change--changed', { hasText: 'Kapittel 2.1' })
      .getByRole('link', { name: 'Se endringene fra versjon 1 til 2' })
      .click()
    await p.waitForURL(`${reader.url}${C21}sammenlign/1...2/`, { timeout: 15_000 })
    expect(await p.locator('main').innerText()).toContain('Tallene er oppdatert for 2024.')
    await context.close()
  }, 60_000)

  it('compares two dates, landing on the static page of consecutive releases', async () => {
    const { context, p } = await noScript()
    await p.goto(`${reader.url}/arkiv/`)
    await p.fill('#sammenlign-fra-dato', '2024-09-10')
    await p.fill('#sammenlign-til-dato', '2024-10-01')
    await p.click('#sammenlign-datoer button[type="submit"]')
    await p.waitForURL(`${reader.url}/arkiv/${R4}...${R5}/`, { timeout: 15_000 })
    expect(await p.locator('.change').innerText()).toContain('Gjeninnsatt i versjon 4')
    await context.close()
  }, 60_000)

  it('shows the form again with what was wrong for a date before the first release, and compares once corrected', async () => {
    const { context, p } = await noScript()
    await p.goto(`${reader.url}/arkiv/sammenlign/`)
    await p.fill('#sammenlign-fra-dato', '2019-01-01')
    await p.fill('#sammenlign-til-dato', '2024-06-12')
    await p.click('#sammenlign-datoer button[type="submit"]')
    await p.waitForURL(/\/arkiv\/sammenlign\/\?fra=2019-01-01&til=2024-06-12$/, { timeout: 15_000 })
    expect(await p.locator('[role="alert"]').innerText()).toContain(
      'Fra-datoen 2019-01-01 er før første utgivelse 19. mai 2022.',
    )
    await p.screenshot({
      path: path.join(ROOT, 'test-results', 'screenshots', 'compare-releases-error.png'),
      fullPage: true,
    })
    expect(await p.inputValue('#sammenlign-til-dato')).toBe('2024-06-12')
    await p.fill('#sammenlign-fra-dato', '2022-05-19')
    await p.click('#sammenlign-datoer button[type="submit"]')
    await p.waitForURL(`${reader.url}/arkiv/${R1}...${R3}/`, { timeout: 15_000 })
    expect(await p.locator('.change').count()).toBe(1)
    await context.close()
  }, 60_000)

  it.each([
    ['a static comparison', `/arkiv/${R3}...${R4}/`, 200],
    ['a comparison the server makes', `/arkiv/${R2}...${R5}/`, 200],
    ['the form', '/arkiv/sammenlign/', 200],
    ['the form with its errors', '/arkiv/sammenlign/?fra=2019-01-01&til=abc', 400],
    ['the archive with its forms', '/arkiv/', 200],
  ])(
    'axe finds no WCAG 2.1 AA violation on %s at desktop and phone widths, and it fits a 320 px phone',
    async (_name, url, status) => {
      const check = async (width: number) => {
        // axe runs as a script in the page.
        const context = await browser.newContext({ locale: 'nb-NO', viewport: { width, height: 900 } })
        const p = await context.newPage()
        expect((await p.goto(reader.url + url))?.status()).toBe(status)
        const { violations } = await new AxeBuilder({ page: p })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .analyze()
        const overflow = await p.evaluate(
          () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
        )
        await context.close()
        return [
          ...violations.map((v) => `${width}px ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
          ...(overflow ? [`${width}px scrolls sideways`] : []),
        ]
      }
      expect((await Promise.all([check(1280), check(320)])).flat()).toEqual([])
    },
    120_000,
  )
})
