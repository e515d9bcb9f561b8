/**
 * «Siter denne versjonen» and paragraph links on the built site: a version's citation on its
 * pages and as RIS and BibTeX files, copied with the button where JavaScript runs; paragraph ids
 * that stay with unchanged paragraphs from version to version, and a link to a paragraph a
 * version lacks followed to the comparison that removed it.
 *
 * Built from the fixture with a third version of 1.1 that removes one paragraph.
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
import { citationBibtex, citationInput, citationOf, citationRis, citationText } from '@rapport/site/lib/citation'
import { toSiteData } from '@rapport/site/lib/model'
import { pagePlan } from '@rapport/site/lib/pages'
import { paragraphIds } from '@rapport/site/lib/paragraphs'
import { htmlBlocks } from '@rapport/site/lib/diff'
import { readSnapshot } from '@rapport/contracts/readSnapshot'
import type { Chapter } from '@rapport/contracts/snapshot'
import { launchBrowser } from '../support/browser'
import { listen } from '../support/staticServer'
import { C11, C21, copyFixture, editChapter, revision, ROOT } from './fixture'

const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots')
/** The paragraph version 3 removes: in versions 1 and 2 alike. */
const REMOVED = '<p>Ekspertutvalget for gjennomgang av allmennlegetjenesten vektla i sin beskrivelse av målbildet:</p>'

const addThirdVersion = (dir: string) =>
  editChapter(dir, 'arsrapport-2023', 'malbildet-for-arbeidet', (c: Chapter) => {
    const last = c.revisions.at(-1)!
    if (!last.html.includes(REMOVED)) throw new Error('the fixture no longer has the paragraph this test removes')
    c.revisions.push(
      revision({
        ...last,
        revision: 3,
        publishedAt: '2025-01-10T09:00:00.000Z',
        updateType: 'major',
        changeNote: 'Fjernet innledningen til ekspertutvalgets målbilde.',
        lastProfessionalChange: '2025-01-10',
        html: last.html.replace(REMOVED, ''),
      }),
    )
  })

let snapshot: string
let dist: string
const page = (url: string) => fs.readFileSync(path.join(dist, url, 'index.html'), 'utf8')
const file = (url: string) => fs.readFileSync(path.join(dist, url), 'utf8')
const idOf = (html: string) => paragraphIds(htmlBlocks(html))[0]!
const chapterData = () => {
  const { snapshot: s, chapters } = readSnapshot(snapshot)
  const data = toSiteData(s, chapters)
  return { data, c11: data.chapters.find((c) => `/${c.edition}/${c.slug}/` === C11)! }
}
const anchorIds = (html: string) => [...html.matchAll(/<(?:p|li) id="(avsnitt-[^"]+)"/g)].map((m) => m[1])

beforeAll(async () => {
  snapshot = copyFixture()
  addThirdVersion(snapshot)
  dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'site-cite-')), 'dist')
  await buildSite({ snapshot, out: dist, quiet: true })
}, 240_000)

describe('paragraph ids on the built site', () => {
  it('gives every paragraph and list item of a version an id and a link to it', () => {
    const html = page(`${C11}versjoner/1/`)
    const ids = anchorIds(html)
    expect(ids.length).toBeGreaterThan(30)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids)
      expect(html).toContain(
        `<a class="anchor anchor--paragraph" href="#${id}"><span class="vh">Lenke til avsnittet</span></a>`,
      )
  })

  it('keeps the id of a paragraph unchanged from version 1 to version 3', () => {
    const first = idOf(
      '<p>Handlingsplan for allmennlegetjenesten 2020-2024 har som formål å bidra til å styrke, utvikle og bevare en allmennlegetjeneste som gir pasientene tjenester av høy kvalitet. Som grunnlag for å følge med på effekten av tiltakene, utarbeidet Helsedirektoratet i 2020 effektmål til hvert av målområdene i handlingsplanen.</p>',
    )
    for (const url of [`${C11}versjoner/1/`, `${C11}versjoner/3/`, C11])
      expect(anchorIds(page(url)), url).toContain(first)
    // All but the paragraph 1...2 changed and the one 2...3 removed.
    const [v1, v3] = [anchorIds(page(`${C11}versjoner/1/`)), anchorIds(page(`${C11}versjoner/3/`))]
    expect(v1.filter((id) => !v3.includes(id))).toHaveLength(2)
  })

  it('lists the paragraphs each comparison removed or changed, and marks them there with their old id', () => {
    const removed = idOf(REMOVED)
    const map = JSON.parse(file(`${C11}versjoner/avsnitt.json`)) as Record<string, Array<[number, number]>>
    expect(map[removed]).toEqual([[2, 3]])
    expect(Object.values(map).sort()).toEqual([[[1, 2]], [[2, 3]]])
    expect(page(`${C11}sammenlign/2...3/`)).toContain(`<p id="${removed}" class="block block--p block--removed">`)
    const changed = Object.keys(map).find((id) => map[id][0][1] === 2)!
    expect(page(`${C11}sammenlign/1...2/`)).toContain(`<p id="${changed}" class="block block--p">`)
    expect(anchorIds(page(`${C11}versjoner/2/`))).not.toContain(changed)
  })

  it('keeps the redline free of the ids: the comparison 1...2 still marks only the added space', () => {
    const redline = page(`${C11}sammenlign/1...2/`)
    expect(redline).toContain('som ble lagt fram 1.<ins><span class="vh">lagt til: </span> </ins>mars 2024 heter det:')
    expect(redline.match(/<(ins|del)><span class="vh">/g)).toHaveLength(2) // the space, inline and side by side
    expect(redline).not.toContain('Lenke til avsnittet')
  })

  it('writes no paragraph map for a chapter of one version', () => {
    expect(fs.existsSync(path.join(dist, C21, 'versjoner', 'avsnitt.json'))).toBe(false)
  })
})

describe('«Siter denne versjonen» on the built site', () => {
  const citationSection = (html: string) => /<section class="cite"[\s\S]*?<\/section>/.exec(html)?.[0] ?? ''
  const plain = (html: string) =>
    html
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim()

  it.each([
    ['the chapter page cites its current version', C11, 3],
    ['a version page cites that version', `${C11}versjoner/1/`, 1],
    ['the current version’s page cites it', `${C11}versjoner/3/`, 3],
    ['a chapter of the superseded edition', C21, 1],
  ])('%s', (_, url, n) => {
    const { data, c11 } = chapterData()
    const c = url.startsWith(C21) ? data.chapters.find((x) => `/${x.edition}/${x.slug}/` === C21)! : c11
    const cite = citationOf(
      citationInput(
        data,
        c,
        c.revisions.find((r) => r.revision === n),
      ),
      'http://localhost:3000',
    )
    const section = citationSection(page(url))
    expect(section).toContain('<h2 id="siter">Siter denne versjonen</h2>')
    expect(plain(/<p class="citation"[^>]*>([\s\S]*?)<\/p>/.exec(section)![1])).toBe(citationText(cite))
    expect(section).toContain(`<em>${cite.title}</em>`)
    expect(section).toContain(`<a href="${cite.url}">${cite.url}</a>`)
    const base = `${url.startsWith(C21) ? C21 : C11}versjoner/${n}/`
    expect(section).toContain(`<a href="${base}sitering.ris" download=`)
    expect(section).toContain(`<a href="${base}sitering.bib" download=`)
    expect(file(`${base}sitering.ris`)).toBe(citationRis(cite))
    expect(file(`${base}sitering.bib`)).toBe(citationBibtex(cite, c))
    // The copy button is there for the script to show; without it, the text is to select.
    expect(section).toMatch(
      /<button type="button" class="button" data-copy="sitering" data-status="sitering-status" hidden>Kopier sitatet<\/button>/,
    )
  })

  it('cites version 3 from 2025 with its own date, and leaves the pages of versions 1 and 2 citing theirs', () => {
    expect(plain(citationSection(page(C11)))).toContain(
      'Helsedirektoratet (2025). Målbildet for arbeidet. I: Allmennlegetjenesten – årsrapport 2023 inklusive status per mai 2024, versjon 3, sist faglig endret 10. januar 2025. http://localhost:3000/arsrapport-2023/malbildet-for-arbeidet/versjoner/3/',
    )
    expect(plain(citationSection(page(`${C11}versjoner/2/`)))).toContain(
      'Helsedirektoratet (2024). Målbildet for arbeidet. I: Allmennlegetjenesten – årsrapport 2023 inklusive status per mai 2024, versjon 2, sist faglig endret 31. mai 2024. http://localhost:3000/arsrapport-2023/malbildet-for-arbeidet/versjoner/2/',
    )
  })

  it('is valid HTML on the pages it changed', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } })
    const problems: string[] = []
    for (const url of [C11, `${C11}versjoner/1/`, `${C11}versjoner/3/`, `${C11}sammenlign/2...3/`, C21]) {
      const report = await validator.validateString(page(url), url)
      for (const r of report.results)
        for (const m of r.messages) problems.push(`${url}:${m.line}: ${m.ruleId}: ${m.message}`)
    }
    expect(problems).toEqual([])
  })
})

describe('what a new version makes the incremental build render', () => {
  const planOf = (dir: string) => {
    const { snapshot: s, chapters } = readSnapshot(dir)
    return pagePlan(toSiteData(s, chapters))
  }
  const before = planOf(copyFixture())
  const after = (() => {
    const dir = copyFixture()
    addThirdVersion(dir)
    return planOf(dir)
  })()
  const changed = Object.keys(after).filter((f) => before[f] !== after[f])
  const C = C11.slice(1)

  it.each([`${C}versjoner/avsnitt.json`, `${C}versjoner/3/sitering.ris`, `${C}versjoner/3/sitering.bib`])(
    'renders %s',
    (f) => {
      expect(changed).toContain(f)
    },
  )

  it.each([`${C}versjoner/1/sitering.ris`, `${C}versjoner/2/sitering.bib`, `${C21.slice(1)}versjoner/1/sitering.ris`])(
    'reuses %s',
    (f) => {
      expect(before[f]).toBeTypeOf('string')
      expect(changed).not.toContain(f)
    },
  )
})

describe('in Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>
  let site: { url: string; close: () => Promise<void> }
  beforeAll(async () => {
    // Served as the server serves the site.
    const app = express()
    serveSite(app, () => dist, new FolderLeases())
    site = await listen(app)
    browser = await launchBrowser()
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
  })

  it('copies the citation with the button and says «Kopiert»', async () => {
    const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1280, height: 900 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url })
    const p = await context.newPage()
    await p.goto(`${site.url}${C11}versjoner/2/`)
    const button = p.getByRole('button', { name: 'Kopier sitatet' })
    await button.click()
    await p.getByRole('status').filter({ hasText: 'Kopiert' }).waitFor({ timeout: 5_000 })
    const copied = await p.evaluate(() => navigator.clipboard.readText())
    expect(copied).toBe(
      'Helsedirektoratet (2024). Målbildet for arbeidet. I: Allmennlegetjenesten – årsrapport 2023 inklusive status per mai 2024, versjon 2, sist faglig endret 31. mai 2024. http://localhost:3000/arsrapport-2023/malbildet-for-arbeidet/versjoner/2/',
    )
    await p.locator('section.cite').screenshot({ path: path.join(SCREENSHOTS, 'citation.png') })
    const { violations } = await new AxeBuilder({ page: p })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze()
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
    await context.close()
  })

  it('offers the citation without JavaScript as text to select and files to download, with no copy button', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true })
    const p = await context.newPage()
    await p.goto(`${site.url}${C11}`)
    expect(await p.getByRole('button', { name: 'Kopier sitatet' }).count()).toBe(0)
    expect(await p.locator('#sitering').innerText()).toContain('versjon 3, sist faglig endret 10. januar 2025.')
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('link', { name: 'Last ned som RIS' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('malbildet-for-arbeidet-versjon-3.ris')
    expect(fs.readFileSync((await download.path())!, 'utf8')).toContain(
      'UR  - http://localhost:3000/arsrapport-2023/malbildet-for-arbeidet/versjoner/3/\r\n',
    )
    const bib = await p.request.get(`${site.url}${C11}versjoner/3/sitering.bib`)
    expect([bib.status(), bib.headers()['content-type']]).toEqual([200, 'text/x-bibtex; charset=utf-8'])
    const ris = await p.request.get(`${site.url}${C11}versjoner/3/sitering.ris`)
    expect(ris.headers()['content-type']).toBe('application/x-research-info-systems; charset=utf-8')
    await context.close()
  })

  it('follows a link to a paragraph of version 1 into version 3 where it is unchanged', async () => {
    const p = await browser.newPage()
    const id = anchorIds(page(`${C11}versjoner/1/`))[0]
    for (const version of [1, 3]) {
      await p.goto(`${site.url}${C11}versjoner/${version}/#${id}`)
      await p.waitForTimeout(300) // the script would have moved on by now, had it wanted to
      expect(new URL(p.url()).pathname).toBe(`${C11}versjoner/${version}/`)
      expect(await p.evaluate(() => document.querySelector(':target')?.id)).toBe(id)
    }
    await p.close()
  })

  it.each([
    ['removed in 2...3, opened on version 3', () => idOf(REMOVED), 3, '2...3'],
    [
      'changed in 1...2, opened on version 3',
      () => Object.keys(JSON.parse(file(`${C11}versjoner/avsnitt.json`))).find((id) => id !== idOf(REMOVED))!,
      3,
      '1...2',
    ],
    ['removed in 2...3, opened on the chapter page', () => idOf(REMOVED), 0, '2...3'],
  ])(
    'sends a link to a paragraph %s to the comparison that removed it, at the paragraph',
    async (_, idFor, version, pair) => {
      const id = idFor()
      const p = await browser.newPage()
      await p.goto(`${site.url}${C11}${version ? `versjoner/${version}/` : ''}#${id}`)
      await p.waitForURL(`${site.url}${C11}sammenlign/${pair}/#${id}`, { timeout: 10_000 })
      expect(await p.evaluate(() => document.querySelector(':target')?.id)).toBe(id)
      expect(await p.locator(':target').isVisible()).toBe(true)
      await p.close()
    },
  )

  it('shows a paragraph’s link on hover and on keyboard focus, named «Lenke til avsnittet»', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const p = await context.newPage()
    await p.goto(`${site.url}${C11}`)
    const paragraph = p.locator('.prose > p').first()
    const link = paragraph.locator('> a.anchor--paragraph')
    const opacity = () => link.evaluate((a) => getComputedStyle(a).opacity)
    expect(await opacity()).toBe('0')
    await paragraph.hover()
    expect(await opacity()).toBe('1')
    await paragraph.screenshot({ path: path.join(SCREENSHOTS, 'paragraph-link.png') })
    await p.mouse.move(0, 0)
    expect(await opacity()).toBe('0')
    // From the link before the text (the last contents entry), Tab reaches the first paragraph's link.
    await p.locator('nav.contents a').last().focus()
    await p.keyboard.press('Tab')
    const focused = await p.evaluate(() => ({
      href: document.activeElement?.getAttribute('href'),
      name: document.activeElement?.textContent,
    }))
    expect(focused).toEqual({ href: `#${await paragraph.getAttribute('id')}`, name: 'Lenke til avsnittet' })
    expect(await opacity()).toBe('1')
    await p.getByRole('link', { name: 'Lenke til avsnittet' }).first().click()
    expect(new URL(p.url()).hash).toBe(`#${await paragraph.getAttribute('id')}`)
    await context.close()
  })
})
