/**
 * Search over every edition (issue 16, finding 2): an archivist finds a word that is only in
 * the older edition, sees which edition and version each hit comes from, withdrawn chapters
 * marked, and narrows the hits to one edition, the current one listed first.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import AxeBuilder from '@axe-core/playwright'
import { HtmlValidate } from 'html-validate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSite } from '@rapport/site/builder/build'
import { writeSearchIndex } from '@rapport/site/builder/search'
import type { SiteData } from '@rapport/site/lib/model'
import { searchDocuments, searchEditions } from '@rapport/site/lib/search'
import type { Chapter } from '@rapport/contracts/snapshot'
import { launchBrowser, serveToBrowser, stopServerAndBrowser } from '../support/browser'
import { pagefindIn } from '../support/pagefindNode'
import { serveStatic } from '../support/staticServer'
import { C11, C21, C31, copyFixture, DEL1, editChapter, fixtureData, revision, ROOT } from './fixture'

const E2021 = 'Handlingsplan for allmennlegetjenesten – årsrapport 2021'
const E2023 = 'Allmennlegetjenesten – årsrapport 2023 inklusive status per mai 2024'
/** Only in chapter 2.1 of the 2021 edition. */
const ONLY_2021 = 'sosioøkonomiske'
/** Only in chapter 3.1 of the 2021 edition, withdrawn in these tests. */
const ONLY_WITHDRAWN = 'komplementære'
/** In chapter 2.1 of 2021 and chapter 1.1 of 2023. */
const BOTH = 'kontinuitet'

/** Chapter 3.1 of 2021 withdrawn as version 2, its text kept. */
const withdraw = (c: Chapter): Chapter => {
  c.revisions.push(
    revision({
      ...c.revisions.at(-1)!,
      revision: 2,
      publishedAt: '2024-09-02T08:00:00.000Z',
      updateType: 'withdrawal',
      changeNote: 'Erstattet av årsrapporten for 2023.',
    }),
  )
  return c
}
const withWithdrawal = (): SiteData => {
  const data = fixtureData()
  return {
    ...data,
    chapters: data.chapters.map((c) => (`/${c.edition}/${c.slug}/` === C31 ? withdraw(structuredClone(c)) : c)),
  }
}

describe('the editions search narrows to', () => {
  it('lists the current edition first, then the older ones, newest first', () => {
    const data = fixtureData()
    const e2022 = { ...data.snapshot.editions[0], slug: 'arsrapport-2022', title: 'Årsrapport 2022', year: 2022 }
    const more = { ...data, snapshot: { ...data.snapshot, editions: [...data.snapshot.editions, e2022] } }
    expect(searchEditions(more)).toEqual([
      { slug: 'arsrapport-2023', title: E2023, current: true },
      { slug: 'arsrapport-2022', title: 'Årsrapport 2022', current: false },
      { slug: 'arsrapport-2021', title: E2021, current: false },
    ])
  })
})

describe('the search index over every edition, searched with Pagefind’s own script', () => {
  let index: Awaited<ReturnType<typeof pagefindIn>>
  beforeAll(async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'search-')), 'pagefind')
    await writeSearchIndex(searchDocuments(withWithdrawal()), dir)
    index = await pagefindIn(dir)
  }, 60_000)

  it(`finds «${ONLY_2021}», a word only in the older edition, with its edition and version`, async () => {
    const hits = await index.search(ONLY_2021)
    expect(hits.map((h) => [h.url, h.meta, h.filters])).toEqual([
      [
        C21,
        { title: 'Kapittel 2.1 Beskrivelse av målområde 2', utgave: E2021, versjon: '1' },
        { utgave: ['arsrapport-2021'] },
      ],
    ])
  })

  it('finds a withdrawn chapter, marked with the day it was withdrawn, at the version that withdrew it', async () => {
    const hits = await index.search(ONLY_WITHDRAWN)
    expect(hits.map((h) => [h.url, h.meta])).toEqual([
      [
        C31,
        { title: 'Kapittel 3.1 Beskrivelse av målområde 3', utgave: E2021, versjon: '2', trukket: '2. september 2024' },
      ],
    ])
  })

  it('files every chapter under its edition, and narrows the hits to one edition', async () => {
    expect(await index.filters()).toEqual({ utgave: { 'arsrapport-2021': 3, 'arsrapport-2023': 1 } })
    const urls = async (filters?: Record<string, string>) =>
      (await index.search(BOTH, filters)).map((h) => h.url).sort()
    expect([
      await urls(),
      await urls({ utgave: 'arsrapport-2021' }),
      await urls({ utgave: 'arsrapport-2023' }),
    ]).toEqual([[C21, C11].sort(), [C21], [C11]])
  })
})

describe('the search page of the built site, in Chromium', () => {
  let before: string
  let dist: string
  let report: Awaited<ReturnType<typeof buildSite>>
  let server: Awaited<ReturnType<typeof serveStatic>>
  let browser: Awaited<ReturnType<typeof launchBrowser>>
  beforeAll(async () => {
    // The fixture, then the publish that withdraws 2021's chapter 3.1, built incrementally over it.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'site-'))
    before = path.join(work, 'before')
    dist = path.join(work, 'dist')
    await buildSite({ snapshot: copyFixture(), out: before, quiet: true })
    const snapshot = copyFixture()
    editChapter(snapshot, 'arsrapport-2021', 'beskrivelse-av-malomrade-3', withdraw)
    report = await buildSite({ snapshot, out: dist, previous: before, quiet: true })
    ;({ server, browser } = await serveToBrowser(dist))
  }, 300_000)
  afterAll(() => stopServerAndBrowser({ server, browser }))

  it('after a publish in the older edition, the incremental build’s index has the chapter at its new version, marked withdrawn', async () => {
    expect(report.full).toBe(false)
    const found = async (dir: string) =>
      (await (await pagefindIn(path.join(dir, 'pagefind'))).search(ONLY_WITHDRAWN)).map((h) => [
        h.url,
        h.meta.versjon,
        h.meta.trukket ?? null,
      ])
    expect([await found(before), await found(dist)]).toEqual([[[C31, '1', null]], [[C31, '2', '2. september 2024']]])
  })

  /** Each hit as the reader sees it: its link, the line naming its edition and version, any withdrawal. */
  const hits = (p: import('playwright-core').Page) =>
    p
      .locator('#resultater li')
      .evaluateAll((items) =>
        items.map((li) => [li.querySelector('a')?.getAttribute('href'), li.querySelector('.meta')?.textContent]),
      )
  const searchFor = async (p: import('playwright-core').Page, term: string) => {
    await p.fill('#q', term)
    await p.click('form.search button[type="submit"]')
    await p.locator('#resultater p', { hasText: `treff på «${term}»` }).waitFor({ timeout: 15_000 })
  }

  it(`finds «${ONLY_2021}» in the older edition, labelled with it and its version`, async () => {
    const p = await browser.newPage()
    await p.goto(`${server.url}/sok/`)
    await searchFor(p, ONLY_2021)
    expect(await p.locator('#resultater > p').first().textContent()).toBe(`1 treff på «${ONLY_2021}» i alle utgaver`)
    expect(await hits(p)).toEqual([[C21, `${E2021} · versjon 1`]])
    await p.close()
  })

  it('lists the current edition first in the filter, and its hits first; the filter narrows them to one edition', async () => {
    const p = await browser.newPage()
    await p.goto(`${server.url}/sok/`)
    expect(await p.locator('#utgave option').allTextContents()).toEqual([
      'Alle utgaver',
      `${E2023} (gjeldende utgave)`,
      E2021,
    ])
    await searchFor(p, BOTH)
    expect(await hits(p)).toEqual([
      [C11, `${E2023} · versjon 2`],
      [C21, `${E2021} · versjon 1`],
    ])
    await p.selectOption('#utgave', 'arsrapport-2021')
    await p.locator('#resultater p', { hasText: `i ${E2021}` }).waitFor({ timeout: 15_000 })
    expect(await hits(p)).toEqual([[C21, `${E2021} · versjon 1`]])
    expect(new URL(p.url()).search).toBe(`?q=${BOTH}&utgave=arsrapport-2021`)
    await p.selectOption('#utgave', 'arsrapport-2023')
    await p.locator('#resultater p', { hasText: `i ${E2023}` }).waitFor({ timeout: 15_000 })
    expect(await hits(p)).toEqual([[C11, `${E2023} · versjon 2`]])
    // The address keeps the search: opened again, it searches the same edition.
    await p.goto(`${server.url}/sok/?q=${BOTH}&utgave=arsrapport-2021`)
    await p.locator('#resultater li').first().waitFor({ timeout: 15_000 })
    expect([await p.inputValue('#utgave'), await hits(p)]).toEqual(['arsrapport-2021', [[C21, `${E2021} · versjon 1`]]])
    await p.close()
  })

  it('finds a withdrawn chapter and marks it «Trukket tilbake»; the page with hits passes axe at desktop and phone widths', async () => {
    const shots = path.join(ROOT, 'test-results/screenshots')
    fs.mkdirSync(shots, { recursive: true })
    const violations: string[] = []
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } })
      const p = await context.newPage()
      await p.goto(`${server.url}/sok/`)
      await searchFor(p, 'tiltak')
      const all = await hits(p)
      expect(all.map(([url]) => url)).toEqual(expect.arrayContaining([C11, C21, C31, DEL1]))
      expect(all[0][0]).toBe(C11)
      expect(all.find(([url]) => url === C31)?.[1]).toBe(`${E2021} · versjon 2 Trukket tilbake 2. september 2024`)
      expect(await p.locator('#resultater .badge--withdrawn').count()).toBe(1)
      await p.screenshot({
        path: path.join(shots, width === 1280 ? 'search-older-edition.png' : 'search-older-edition-phone.png'),
        fullPage: true,
      })
      const { violations: found } = await new AxeBuilder({ page: p })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze()
      violations.push(...found.map((v) => `${width}px ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`))
      expect(await p.evaluate(() => document.documentElement.scrollWidth), `${width}px`).toBeLessThanOrEqual(width)
      await context.close()
    }
    expect(violations).toEqual([])
  })

  it('without JavaScript, says search needs it and links every edition’s contents', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const p = await context.newPage()
    await p.goto(`${server.url}/sok/?q=${ONLY_2021}`)
    expect(await p.locator('#resultater').innerText()).toContain('Søket trenger JavaScript')
    expect(await p.locator('#resultater a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '/',
      '/arsrapport-2021/',
      '/tiltak/',
    ])
    await context.close()
  })

  it('is valid HTML', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } })
    const report = await validator.validateString(fs.readFileSync(path.join(dist, 'sok/index.html'), 'utf8'), '/sok/')
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`))).toEqual([])
  })
})
