/**
 * Incremental builds: a new revision renders only the pages that depend on it, reuses the rest
 * from the previous build, and the result equals a full build of the same snapshot byte for byte.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  buildSite,
  finishBuild,
  renderPages,
  splitPages,
  warmUpPages,
  type BuildReport,
} from '@rapport/site/builder/build'
import { OVERLAY_FILE, readOverlay } from '@rapport/site/builder/overlay'
import { listFiles } from '@rapport/files'
import { BUILD_INFO, readBuildInfo, renderSet, siteCodeHash } from '@rapport/site/builder/plan'
import { AstroRenderer } from '@rapport/site/builder/renderer'
import { closeSearchIndex } from '@rapport/site/builder/search'
import { toSiteData } from '@rapport/site/lib/model'
import { pagePlan } from '@rapport/site/lib/pages'
import { readSnapshot } from '@rapport/contracts/readSnapshot'
import { appendRevision } from '../support/siteRevisions'
import { copyFixture, ROOT } from './fixture'

const C11 = 'arsrapport-2023/malbildet-for-arbeidet'
const C31 = 'arsrapport-2021/beskrivelse-av-malomrade-3'

const addRevision = (dir: string) =>
  appendRevision(dir, 'arsrapport-2023', 'malbildet-for-arbeidet', (last) => ({
    updateType: 'major',
    changeNote: 'La til en setning om fastlegelistene.',
    lastProfessionalChange: '2025-01-10',
    html: last.html.replace('</p>', ' Fastlegelistene er nå kortere.</p>'),
  }))

const planOf = (dir: string) => {
  const { snapshot, chapters } = readSnapshot(dir)
  return pagePlan(toSiteData(snapshot, chapters))
}

describe('which pages a new revision changes', () => {
  const before = planOf(copyFixture())
  const changedDir = copyFixture()
  addRevision(changedDir)
  const after = planOf(changedDir)
  const changed = Object.keys(after).filter((f) => before[f] !== after[f])

  it.each([
    ['renders the new revision’s own page', `${C11}/versjoner/3/index.html`],
    ['renders the comparison with the revision before', `${C11}/sammenlign/2...3/index.html`],
    ['renders the chapter page', `${C11}/index.html`],
    ['renders the chapter’s history', `${C11}/versjoner/index.html`],
    ['renders the revision that stops being current (its notice changes)', `${C11}/versjoner/2/index.html`],
    ['renders the texts for comparing any two', `${C11}/versjoner/tekst.json`],
    ['renders the edition’s table of contents (its date changes)', 'arsrapport-2023/index.html'],
    ['renders the new release’s page', 'arkiv/20250110T090000Z/index.html'],
  ])('%s', (_, file) => {
    expect(changed).toContain(file)
  })

  it.each([
    ['reuses the first revision, which is unchanged', `${C11}/versjoner/1/index.html`],
    ['reuses the earlier comparison', `${C11}/sammenlign/1...2/index.html`],
    ['reuses other chapters', `${C31}/index.html`],
    ['reuses the other edition’s contents', 'arsrapport-2021/index.html'],
    ['reuses earlier releases', 'arkiv/20240612T083000Z/index.html'],
    ['reuses measures the chapter does not name', 'tiltak/7/index.html'],
  ])('%s', (_, file) => {
    expect(before[file]).toBeTypeOf('string')
    expect(changed).not.toContain(file)
  })

  it('renders every page when the site’s code changed, or the previous build has no plan', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prev-'))
    fs.mkdirSync(path.join(dir, C11), { recursive: true })
    fs.writeFileSync(path.join(dir, C11, 'index.html'), '')
    expect(renderSet(after, 'code-b', { dir, info: { schemaVersion: 1, code: 'code-a', pages: before } })).toEqual({
      full: true,
      reason: 'the site’s code changed',
    })
    expect(renderSet(after, 'code-a', { dir, info: null })).toMatchObject({ full: true })
    expect(renderSet(after, 'code-a', null)).toEqual({ full: true, reason: 'no previous build' })
  })

  it('renders a page again when its file is missing from the previous build', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prev-'))
    fs.mkdirSync(path.join(dir, C31), { recursive: true })
    fs.writeFileSync(path.join(dir, C31, 'index.html'), '')
    const set = renderSet(after, 'code', { dir, info: { schemaVersion: 1, code: 'code', pages: before } })
    expect(set.full).toBe(false)
    if (!set.full) {
      expect(set.reuse).toEqual([`${C31}/index.html`])
      expect(set.render).toContain(`${C31}/versjoner/index.html`)
    }
  })

  it('hashes the site’s code: a changed template changes it', () => {
    const site = fs.mkdtempSync(path.join(os.tmpdir(), 'site-code-'))
    fs.cpSync(path.join(ROOT, 'site', 'src'), path.join(site, 'src'), { recursive: true })
    fs.copyFileSync(path.join(ROOT, 'site', 'astro.config.mjs'), path.join(site, 'astro.config.mjs'))
    const a = siteCodeHash(site, 'http://localhost:3000')
    expect(siteCodeHash(site, 'http://localhost:3000')).toBe(a)
    fs.appendFileSync(path.join(site, 'src', 'components', 'Toc.astro'), '\n<!-- endret -->\n')
    expect(siteCodeHash(site, 'http://localhost:3000')).not.toBe(a)
  })
})

describe('splitting a full build between two workers', () => {
  const files = Object.keys(planOf(copyFixture()))
  const [a, b] = splitPages(files)

  it('gives every page to exactly one half', () => {
    expect([...a, ...b].sort()).toEqual([...files].sort())
    expect(a.filter((f) => b.includes(f))).toEqual([])
  })

  it('keeps a chapter’s pages in one half, and the halves near in size', () => {
    const half = (f: string) => (a.includes(f) ? 'a' : 'b')
    const ofC11 = files.filter((f) => f.startsWith(`${C11}/`))
    expect(new Set(ofC11.map(half)).size).toBe(1)
    expect(Math.abs(a.length - b.length)).toBeLessThanOrEqual(ofC11.length)
  })
})

describe('an incremental build', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'incremental-'))
  const renderer = new AstroRenderer({ quiet: true })
  const first = path.join(work, 'first')
  const incremental = path.join(work, 'incremental')
  const full = path.join(work, 'full')
  const twoWorkers = path.join(work, 'two-workers')
  const overlayPages = path.join(work, 'overlay.pages')
  const overlayWhole = path.join(work, 'overlay')
  let report: BuildReport
  let overlaySearchBegun: boolean | undefined
  /** This build holds the same files as the full build, byte for byte. */
  const expectSameFilesAsFullBuild = (dir: string) => {
    const files = listFiles(full)
    expect(listFiles(dir)).toEqual(files)
    expect(
      files.filter((f) => !fs.readFileSync(path.join(dir, f)).equals(fs.readFileSync(path.join(full, f)))),
    ).toEqual([])
  }

  beforeAll(async () => {
    const a = copyFixture()
    const b = copyFixture()
    addRevision(b)
    // The first build keeps its search index, as the server's builds do.
    await buildSite({ snapshot: a, out: first, quiet: true, renderer, keepSearchIndex: true })
    // As the server does it: the new pages served over the build before, then made whole
    // elsewhere, with the kept search index updated (only the changed chapter added again).
    const pages = await renderPages({
      snapshot: b,
      out: overlayPages,
      previous: first,
      quiet: true,
      renderer,
      overlay: true,
      keepSearchIndex: true,
    })
    fs.cpSync(overlayPages, `${overlayPages}.as-rendered`, { recursive: true })
    overlaySearchBegun = pages.search?.started
    await finishBuild(pages, overlayWhole)
    report = await buildSite({ snapshot: b, out: incremental, previous: first, quiet: true, renderer })
    // The same worker: a full build after an incremental one must not inherit its page list.
    await buildSite({ snapshot: b, out: full, quiet: true, renderer })
    await buildSite({ snapshot: b, out: twoWorkers, quiet: true, workers: 2 })
  }, 240_000)
  afterAll(async () => {
    renderer.close()
    await closeSearchIndex()
  })

  it('renders only the changed pages and takes the rest from the previous build', () => {
    expect(report).toMatchObject({ full: false, reason: null })
    expect(report.rendered).toBeGreaterThanOrEqual(8)
    expect(report.rendered).toBeLessThan(report.pages / 3)
    expect(report.rendered + report.reused).toBe(report.pages)
    // Reused pages are the previous build's files (linked, not rendered again).
    const inode = (dir: string, file: string) => fs.statSync(path.join(dir, file)).ino
    expect(inode(incremental, `${C31}/index.html`)).toBe(inode(first, `${C31}/index.html`))
    expect(inode(incremental, `${C11}/index.html`)).not.toBe(inode(first, `${C11}/index.html`))
    expect(fs.readFileSync(path.join(incremental, C11, 'index.html'), 'utf8')).toContain(
      'Fastlegelistene er nå kortere.',
    )
  })

  it('gives the same files, byte for byte, as a full build of the same snapshot', () => {
    const files = listFiles(full)
    expect(listFiles(incremental)).toEqual(files)
    const differing = files.filter(
      (f) => !fs.readFileSync(path.join(incremental, f)).equals(fs.readFileSync(path.join(full, f))),
    )
    expect(differing).toEqual([])
    expect(files).toContain(BUILD_INFO)
    expect(Object.keys(readBuildInfo(full)!.pages)).toContain(`${C11}/versjoner/3/index.html`)
  })

  it('gives the same files from two workers as from one', () => {
    expectSameFilesAsFullBuild(twoWorkers)
  })

  it('as an overlay, holds only the pages it rendered and names the rest from the build before', () => {
    const files = listFiles(`${overlayPages}.as-rendered`)
    expect(files).toContain(`${C11}/index.html`)
    expect(files).not.toContain(`${C31}/index.html`)
    expect(files).toContain(OVERLAY_FILE)
    const overlay = readOverlay(`${overlayPages}.as-rendered`)!
    expect(overlay.base).toBe(path.join(work, 'first'))
    expect(overlay.files.has(`${C31}/index.html`)).toBe(true)
    expect(overlay.files.has(`${C11}/index.html`)).toBe(false)
    expect([...overlay.files].some((f) => f.startsWith('pagefind/'))).toBe(true)
    // Between them, every page of the finished build (its search index and release files come later).
    const page = (f: string) =>
      !/^(pagefind\/|api\/|arkiv\/[^/]+(\.tar\.gz|\.warc\.gz|\/manifest\.json(\.br|\.gz)?)$|\.build\.json$|\.overlay\.json$)/.test(
        f,
      )
    expect(new Set([...files, ...overlay.files].filter(page))).toEqual(new Set(listFiles(full).filter(page)))
  })

  it('as an overlay, leaves its search index until its pages are live, so they render with the machine to themselves', () => {
    expect(overlaySearchBegun).toBe(false)
    expect(fs.existsSync(path.join(overlayWhole, 'pagefind', 'pagefind-entry.json'))).toBe(true)
  })

  it('made whole from an overlay, gives the same files as a full build', () => {
    expectSameFilesAsFullBuild(overlayWhole)
  })

  it('never writes into the previous build', () => {
    expect(fs.existsSync(path.join(first, C11, 'versjoner', '3'))).toBe(false)
    expect(fs.readFileSync(path.join(first, C11, 'index.html'), 'utf8')).not.toContain('Fastlegelistene er nå kortere.')
  })

  it('lists in its plan every page a full build makes', () => {
    const pages = listFiles(full).filter(
      (f) => (f.endsWith('.html') || f.endsWith('tekst.json')) && !f.startsWith('pagefind/'),
    )
    const fixed = pages.filter((f) => !(f in readBuildInfo(full)!.pages))
    // The pages outside the plan are the fixed ones, rendered every time.
    expect(fixed.sort()).toEqual(
      [
        '404.html',
        'arkiv/dato/index.html',
        'arkiv/index.html',
        'arkiv/sammenlign/index.html',
        'endringer/index.html',
        'index.html',
        'lisens/index.html',
        'malomrader/index.html',
        'nyheter/index.html',
        'om/index.html',
        'sok/index.html',
        'tiltak/index.html',
        'tilgjengelighet/index.html',
      ].sort(),
    )
  })
})

describe('warming up a fresh worker', () => {
  it('renders one chapter’s pages of every kind and its edition’s contents', () => {
    const pages = warmUpPages(planOf(copyFixture()))
    const chapter = pages
      .find((f) => f.includes('/sammenlign/'))!
      .split('/')
      .slice(0, 2)
      .join('/')
    expect(pages).toContain(`${chapter}/index.html`)
    expect(pages).toContain(`${chapter}/versjoner/index.html`)
    expect(pages.some((f) => /\/versjoner\/\d+\/index\.html$/.test(f))).toBe(true)
    expect(pages.some((f) => /\/sammenlign\//.test(f))).toBe(true)
    expect(pages).toContain(`${chapter.split('/')[0]}/index.html`)
    expect(pages.every((f) => f.startsWith(`${chapter}/`) || f === `${chapter.split('/')[0]}/index.html`)).toBe(true)
  })

  it('renders nothing for a site without chapters', () => {
    expect(warmUpPages({ 'tiltak/1/index.html': 'x', 'malomrader/index.html': 'y' })).toEqual([])
  })
})
