/**
 * Builds the reader site from a content snapshot (default content/snapshot) into site/dist,
 * with its search index (made from the snapshot while Astro renders) and release files.
 * Given a previous build, only pages whose inputs changed are rendered; the rest are taken
 * from it, and the result is the same, byte for byte, as a full build. Progress goes to the
 * terminal. The command line is scripts/build-site.ts (`npm run build`); the server's
 * publishing (cms/src/publishing/) calls the same functions.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { toSiteData, type SiteData } from '../src/lib/model'
import { pagePlan, type PagePlan } from '../src/lib/pages'
import { searchDocuments } from '../src/lib/search'
import type { Chapter, Snapshot } from '@rapport/contracts/snapshot'
import { readSnapshot } from '@rapport/contracts/readSnapshot'
import { siteUrlFrom } from '../src/lib/siteUrl'
import { writeReleaseFiles } from './release/releaseFiles'
import { COMPRESSED_SUFFIXES, compressFiles, withCompressed } from './compress'
import { OVERLAY_FILE, writeOverlay } from './overlay'
import { BUILD_INFO, readBuildInfo, renderSet, siteCodeHash, type BuildInfo } from './plan'
import { AstroRenderer } from './renderer'
import { writeSearchIndex } from './search'
import { linkOrCopyFiles, listFiles } from '@rapport/files'

const root = path.resolve(import.meta.dirname, '../..')

/**
 * Astro's content cache for a snapshot folder: beside it, kept between builds of it and gone with it.
 * @example astroCacheDir('/srv/data/snapshot') // '/srv/data/.astro/snapshot'
 */
const astroCacheDir = (snapshot: string) => path.join(path.dirname(snapshot), '.astro', path.basename(snapshot))

/** An Astro build of the snapshot, of every page or (with `only`, a JSON list in a file) of those listed, for the site at `siteUrl`. */
const astroJob = (
  siteRoot: string,
  snapshot: string,
  outDir: string,
  cacheDir: string,
  only: string | null,
  logLevel: 'info' | 'error',
  siteUrl: string,
) => ({
  root: siteRoot,
  outDir,
  cacheDir,
  env: { SNAPSHOT_DIR: snapshot, SITE_RENDER_ONLY: only ?? undefined, SITE_URL: siteUrl },
  logLevel,
})

export type BuildOptions = {
  /** The content snapshot folder (default content/snapshot, or SNAPSHOT_DIR). */
  snapshot?: string
  /** Where the site goes (default site/dist, or SITE_OUT_DIR); replaced if it exists. */
  out?: string
  /** A previous build folder: pages whose inputs did not change are taken from it instead of rendered. */
  previous?: string | null
  /** The Astro project (default site/, or SITE_ROOT). */
  siteRoot?: string
  /**
   * The site's public address (default SITE_URL, or http://localhost:<PORT or 3000>; see
   * site/src/lib/siteUrl.ts): canonical links, sitemap, feed links, printed address.
   */
  siteUrl?: string
  /** A warm Astro worker to render with; without one, a worker is started for this build and stopped after. */
  renderer?: AstroRenderer
  /**
   * The worker for a full build, instead of `renderer` (which stays as it is); stopped after the
   * build. The server's way to keep its warm worker small and ready during a full build.
   */
  fullRenderer?: (plan: PagePlan) => AstroRenderer
  /** Render only these output files (and the fixed pages), nothing else: a preview, not a site. */
  only?: string[]
  /**
   * Astro workers for a full build (default 1). Two use both cores of a 2-core machine, about
   * 8 % faster on 300 chapters × 5 revisions, but peak at 1.9 GB instead of 1.2 GB. An
   * incremental build always uses one.
   */
  workers?: number
  /** Astro's content cache (default: `.astro/<name>` beside the snapshot folder). */
  cacheDir?: string
  /**
   * An incremental build that leaves `out` with only the pages it rendered, served over the
   * previous build (see overlay.ts) until finishBuild makes it whole in another
   * folder: the server's way to get new pages live without linking thousands of files first.
   */
  overlay?: boolean
  /** The snapshot's content when the caller has it in hand (the server, right after exporting): saves reading it again. */
  data?: { snapshot: Snapshot; chapters: Chapter[] }
  /**
   * Keep the search index in Pagefind's service after this build, so that the next build of
   * this process indexes only the chapters whose text changed (see search.ts): the server's
   * way; it stops the service with closeSearchIndex.
   */
  keepSearchIndex?: boolean
  quiet?: boolean
}

export type BuildReport = {
  out: string
  /** Whether every page was rendered, and why. */
  full: boolean
  reason: string | null
  pages: number
  rendered: number
  reused: number
  /** Milliseconds per step: plan, render, reuse, search, release. */
  steps: Record<string, number>
  durationMs: number
}

/**
 * Two halves of a site's pages with about the same work each: a chapter's pages stay together
 * (they read the same file), the rest alternate.
 * @example splitPages(['a/x/index.html', 'a/x/versjoner/index.html', 'tiltak/1/index.html'])
 */
export const splitPages = (files: string[]): [string[], string[]] => {
  const groups = new Map<string, string[]>()
  for (const f of files) {
    const parts = f.split('/')
    const key =
      parts.length > 2 && !['tiltak', 'malomrader', 'nyheter', 'arkiv'].includes(parts[0])
        ? `${parts[0]}/${parts[1]}`
        : f
    const group = groups.get(key)
    if (group) group.push(f)
    else groups.set(key, [f])
  }
  const halves: [string[], string[]] = [[], []]
  for (const group of [...groups.values()].sort((a, b) => b.length - a.length))
    (halves[0].length <= halves[1].length ? halves[0] : halves[1]).push(...group)
  return halves
}

/** What the pages phase leaves for the finishing phase. */
export type RenderedPages = {
  report: BuildReport
  previous: string | null
  data: { snapshot: Snapshot; chapters: Chapter[] }
  /** The site's public address the pages were built with. */
  siteUrl: string
  info: BuildInfo
  say: (line: string) => void
  /** With an overlay: the pages still to be taken from the previous build. */
  reuse: string[]
  /**
   * The search index, made from the snapshot in a folder of its own until the finishing phase
   * moves it in: while the pages render, or (an overlay, whose pages go live first) once they are.
   */
  search: { dir: string; index: () => Promise<void>; readonly started: boolean } | null
}

/** The folders of the files the finishing phase writes. */
const FINISHING_FOLDERS = ['pagefind', 'arkiv', 'api']
/** The files the finishing phase writes: the search index, release manifests, archives and web archives, the JSON API, the build's plan. */
const isFinishingFile = (f: string): boolean => {
  const suffix = COMPRESSED_SUFFIXES.find((x) => f.endsWith(x) && !/\.(tar|warc)\.gz$/.test(f))
  if (suffix) return isFinishingFile(f.slice(0, -suffix.length))
  return (
    f.startsWith('pagefind/') ||
    /^arkiv\/[^/]+(\.tar\.gz|\.warc\.gz|\/manifest\.json)$/.test(f) ||
    /^api\/[^/]+\.json$/.test(f) ||
    f === BUILD_INFO
  )
}

/** The finishing phase's text files that a reader's browser fetches: the JSON API, release manifests, Pagefind's scripts. */
const compressibleFinishingFiles = (out: string) =>
  FINISHING_FOLDERS.flatMap((d) => listFiles(path.join(out, d)).map((f) => `${d}/${f}`)).filter(
    (f) => !f.startsWith('pagefind/') || !f.slice('pagefind/'.length).includes('/'),
  )

/** Moves every file of `from` into `to` where `to` has none by that name (what both have is the same), then removes `from`. */
const moveInto = (from: string, to: string) => {
  for (const f of listFiles(from)) {
    if (fs.existsSync(path.join(to, f))) continue
    fs.mkdirSync(path.dirname(path.join(to, f)), { recursive: true })
    fs.renameSync(path.join(from, f), path.join(to, f))
  }
  fs.rmSync(from, { recursive: true, force: true })
}

const timed =
  (steps: Record<string, number>, say: (line: string) => void) =>
  async <T>(name: string, label: string, work: () => T | Promise<T>): Promise<T> => {
    const t = Date.now()
    say(`» ${label}`)
    try {
      return await work()
    } catch (error) {
      throw new Error(`${label} failed: ${(error as Error).message}`, { cause: error })
    } finally {
      steps[name] = (steps[name] ?? 0) + Date.now() - t
    }
  }

/**
 * The pages phase: works out which pages changed, renders those with Astro and links the
 * others from the previous build. The folder then has every page, but not yet the search
 * index and release files of this content (see finishBuild).
 */
export const renderPages = async (opts: BuildOptions = {}): Promise<RenderedPages> => {
  const started = Date.now()
  const snapshot = path.resolve(opts.snapshot ?? process.env.SNAPSHOT_DIR ?? path.join(root, 'content', 'snapshot'))
  const out = path.resolve(opts.out ?? process.env.SITE_OUT_DIR ?? path.join(root, 'site', 'dist'))
  const siteRoot = path.resolve(opts.siteRoot ?? process.env.SITE_ROOT ?? path.join(root, 'site'))
  // A bad address stops the build here, before any work, with the variable and value named.
  const siteUrl = siteUrlFrom(opts.siteUrl ? { SITE_URL: opts.siteUrl } : process.env).url
  const quiet = opts.quiet ?? false
  const say = (line: string) => {
    if (!quiet) console.log(line)
  }
  if (!fs.existsSync(path.join(snapshot, 'snapshot.json'))) {
    const what = fs.existsSync(snapshot)
      ? `${snapshot} has no snapshot.json`
      : `the snapshot folder ${snapshot} does not exist`
    throw new Error(
      `Cannot build the site: ${what}. Run \`npm run export\` first, or build from another snapshot with SNAPSHOT_DIR=<dir> (e.g. SNAPSHOT_DIR=tests/fixtures/snapshot npm run build).`,
    )
  }
  const steps: Record<string, number> = {}
  const step = timed(steps, say)
  const previous = opts.previous ? path.resolve(opts.previous) : null

  let renderer = opts.renderer ?? new AstroRenderer({ quiet })
  renderer.prepare() // Astro loads while the plan is worked out
  const planned = step('plan', 'Working out which pages changed', () => {
    const data = opts.data ?? readSnapshot(snapshot)
    const site = toSiteData(data.snapshot, data.chapters)
    const plan = pagePlan(site)
    const code = siteCodeHash(siteRoot, siteUrl)
    if (opts.only) {
      const missing = opts.only.filter((f) => !(f in plan))
      if (missing.length) throw new Error(`no such page in this snapshot: ${missing.join(', ')}`)
      return { plan, code, data, site, set: { full: false as const, render: opts.only, reuse: [] } }
    }
    return {
      plan,
      code,
      data,
      site,
      set: renderSet(plan, code, previous ? { dir: previous, info: readBuildInfo(previous) } : null),
    }
  })
  const { plan, code, set, data, site } = await planned.catch((error: Error) => {
    if (!opts.renderer) renderer.close()
    throw error
  })
  if (set.full && opts.fullRenderer) {
    if (renderer !== opts.renderer) renderer.close()
    renderer = opts.fullRenderer(plan)
  }
  const pages = Object.keys(plan).length
  say(
    set.full
      ? `  every page (${pages}): ${set.reason}`
      : `  ${set.render.length} of ${pages} pages to render, ${set.reuse.length} unchanged`,
  )

  fs.rmSync(out, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(out), { recursive: true })
  // Astro empties its output folder first, so it renders into a folder of its own while the
  // unchanged pages are linked into `out` at the same time; its files are moved in after. An
  // overlay takes them later.
  const overlay = !set.full && !opts.only && Boolean(opts.overlay)
  // The search index needs no page: it is made from the snapshot, while Astro renders (the
  // second core's work), unless new pages are to go live first, when it would slow them down.
  const search = opts.only ? null : searchJob(`${out}.search`, site, step, opts.keepSearchIndex ?? false)
  if (search && !overlay) void search.index().catch(() => {}) // awaited by finishBuild, or below if rendering fails
  const incremental = !set.full && !opts.only && !overlay
  const astroOut = incremental ? `${out}.astro` : out
  fs.rmSync(astroOut, { recursive: true, force: true })
  // The unchanged pages come with the compressed copies the previous build has of them.
  const reuse = set.full ? [] : withCompressed(previous!, set.reuse)
  const linking = incremental ? linkOrCopyFiles(previous!, out, reuse) : Promise.resolve()
  linking.catch(() => {})
  const cacheDir = opts.cacheDir ?? astroCacheDir(snapshot)
  const lists = fs.mkdtempSync(path.join(os.tmpdir(), 'render-only-'))
  // With two workers, a full build renders half of the content's pages in each at once (and the
  // few fixed pages in both, which come out the same).
  const halves = set.full && !opts.only && (opts.workers ?? 1) > 1 ? splitPages(Object.keys(plan)) : null
  const second = halves ? new AstroRenderer({ quiet: true }) : null
  const render = (r: AstroRenderer, outDir: string, only: string[] | null, cache: string) => {
    const file = only ? path.join(lists, `${path.basename(outDir)}.json`) : null
    if (file) fs.writeFileSync(file, JSON.stringify(only))
    return r.render(astroJob(siteRoot, snapshot, outDir, cache, file, quiet ? 'error' : 'info', siteUrl))
  }
  try {
    await step(
      'render',
      `Rendering with Astro from ${path.relative(root, snapshot) || snapshot}${halves ? ' (two workers)' : ''}`,
      async () => {
        if (!halves) return render(renderer, astroOut, set.full ? null : set.render, cacheDir)
        fs.rmSync(`${out}.second`, { recursive: true, force: true })
        await Promise.all([
          render(renderer, out, halves[0], cacheDir),
          render(second!, `${out}.second`, halves[1], `${cacheDir}-second`),
        ])
        moveInto(`${out}.second`, out) // the fixed pages and assets, which both made, once
      },
    )
  } catch (error) {
    await Promise.all([linking.catch(() => {}), search?.started && search.index().catch(() => {})])
    if (incremental) fs.rmSync(astroOut, { recursive: true, force: true })
    if (search) fs.rmSync(search.dir, { recursive: true, force: true })
    throw error
  } finally {
    if (renderer !== opts.renderer) renderer.close()
    second?.close()
    fs.rmSync(`${out}.second`, { recursive: true, force: true })
    fs.rmSync(lists, { recursive: true, force: true })
  }
  // The compressed copies of what Astro wrote (a preview, which is read once, gets none).
  if (!opts.only)
    await step('compress', 'Compressing the rendered files (brotli, gzip)', () =>
      compressFiles(astroOut, listFiles(astroOut)),
    )
  if (incremental) {
    await step('reuse', `Taking ${set.reuse.length} unchanged pages from the previous build`, async () => {
      await linking
      moveInto(astroOut, out)
    })
  }
  // Served over the previous build: its unchanged pages and, until this build's are made, its
  // search index and release files.
  if (overlay) writeOverlay(out, previous!, [...reuse, ...finishingFilesOf(previous!)])
  const report: BuildReport = {
    out,
    full: set.full,
    reason: set.full ? set.reason : null,
    pages,
    rendered: set.full ? pages : set.render.length,
    reused: set.full ? 0 : set.reuse.length,
    steps,
    durationMs: Date.now() - started,
  }
  return {
    report,
    previous: set.full ? null : previous,
    data,
    siteUrl,
    info: { schemaVersion: 1, code, pages: plan },
    say,
    reuse: overlay ? reuse : [],
    search,
  }
}

/** The search index of the site's data, made once when first asked for, into `dir`. */
const searchJob = (
  dir: string,
  site: SiteData,
  step: ReturnType<typeof timed>,
  keep: boolean,
): NonNullable<RenderedPages['search']> => {
  let made: Promise<void> | null = null
  return {
    dir,
    get started() {
      return made !== null
    },
    index: () =>
      (made ??= step('search', 'Indexing every edition for search', async () => {
        await writeSearchIndex(searchDocuments(site), dir, { keep })
      })),
  }
}

/** The search index and release files of a build. */
const finishingFilesOf = (dir: string) =>
  FINISHING_FOLDERS.flatMap((d) => listFiles(path.join(dir, d)).map((f) => `${d}/${f}`)).filter(isFinishingFile)

/**
 * The finishing phase: the search index, release manifests and archives, the JSON API and the
 * build's plan, written into `into` (default: the pages' own folder). A different `into` gets
 * the pages as links, so a folder being served is never written to.
 */
export const finishBuild = async (pages: RenderedPages, into: string = pages.report.out): Promise<BuildReport> => {
  const started = Date.now()
  const steps = pages.report.steps
  const step = timed(steps, pages.say)
  const out = path.resolve(into)
  const indexing = pages.search?.index() // begun while the pages rendered, or now, beside the rest
  indexing?.catch(() => {})
  try {
    if (out !== pages.report.out) {
      await step('reuse', 'Linking the pages into the finished build', async () => {
        fs.rmSync(out, { recursive: true, force: true })
        await linkOrCopyFiles(
          pages.report.out,
          out,
          listFiles(pages.report.out).filter((f) => f !== OVERLAY_FILE),
        )
        if (pages.reuse.length) await linkOrCopyFiles(pages.previous!, out, pages.reuse)
      })
    } else if (pages.reuse.length) {
      await step('reuse', `Taking ${pages.reuse.length} unchanged pages from the previous build`, async () => {
        fs.rmSync(path.join(out, OVERLAY_FILE))
        await linkOrCopyFiles(pages.previous!, out, pages.reuse)
      })
    }
    await step('release', 'Writing release manifests, archives and the JSON API', () =>
      writeReleaseFiles(pages.data, out, pages.previous, pages.siteUrl),
    )
    if (pages.search) {
      await indexing
      fs.renameSync(pages.search.dir, path.join(out, 'pagefind'))
    }
    await step('compress', 'Compressing the JSON API, release manifests and search scripts', () =>
      compressFiles(
        out,
        compressibleFinishingFiles(out).filter((f) => !fs.existsSync(path.join(out, `${f}.br`))),
      ),
    )
  } finally {
    if (pages.search) {
      await indexing?.catch(() => {})
      fs.rmSync(pages.search.dir, { recursive: true, force: true })
    }
  }
  fs.writeFileSync(path.join(out, BUILD_INFO), `${JSON.stringify(pages.info)}\n`)
  const report: BuildReport = {
    ...pages.report,
    out,
    steps,
    durationMs: pages.report.durationMs + Date.now() - started,
  }
  pages.say(
    `✓ ${report.rendered} pages rendered, ${report.reused} reused, in ${(report.durationMs / 1000).toFixed(1)} s (${Object.entries(
      steps,
    )
      .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
      .join(', ')})`,
  )
  return report
}

/**
 * The pages a warm-up renders: those of one chapter (its page, history, revisions, comparisons)
 * and its edition's contents, the kinds of page a publish renders.
 * @example warmUpPages({ 'a/b/index.html': '…', 'a/b/versjoner/index.html': '…', 'a/index.html': '…', 'tiltak/1/index.html': '…' }) // ['a/b/index.html', 'a/b/versjoner/index.html', 'a/index.html']
 */
export const warmUpPages = (plan: PagePlan): string[] => {
  const files = Object.keys(plan)
  // A chapter with comparisons, else any chapter (each has a history page).
  const chapter =
    files.find((f) => /^[^/]+\/[^/]+\/sammenlign\//.test(f)) ??
    files.find((f) => /^[^/]+\/[^/]+\/versjoner\/index\.html$/.test(f))
  if (!chapter) return []
  const [edition, slug] = chapter.split('/')
  return files.filter((f) => f.startsWith(`${edition}/${slug}/`) || f === `${edition}/index.html`)
}

/**
 * Gives a renderer a fresh worker (once the builds asked for before are done) and warms it with
 * a build of a few pages into a folder that is then removed, so the next real build is quick.
 * A worker that made a full build holds thousands of pages' worth of module state; a new one
 * is faster.
 */
/** The address a warm-up renders with: its pages are thrown away, so any address does. */
const WARM_UP_SITE_URL = 'http://localhost'

export const freshWarmRenderer = (
  renderer: AstroRenderer,
  snapshot: string,
  pages: string[] = [],
  siteRoot = process.env.SITE_ROOT ?? path.join(root, 'site'),
) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'warm-up-'))
  fs.writeFileSync(path.join(work, 'pages.json'), JSON.stringify(pages))
  return (
    renderer
      // Its own content cache: a warm-up runs while a full build writes the snapshot's, and two
      // builds writing one data store at once leave it unreadable for the next.
      .render(
        astroJob(
          path.resolve(siteRoot),
          path.resolve(snapshot),
          path.join(work, 'out'),
          path.join(work, 'cache'),
          path.join(work, 'pages.json'),
          'error',
          WARM_UP_SITE_URL,
        ),
        { freshWorker: true },
      )
      .catch(() => 0)
      .finally(() => fs.rmSync(work, { recursive: true, force: true }))
  )
}

/** Builds the site, incrementally when given a previous build; rejects naming the step that failed. */
export const buildSite = async (opts: BuildOptions = {}): Promise<BuildReport> => {
  const pages = await renderPages(opts)
  return opts.only ? pages.report : finishBuild(pages)
}
