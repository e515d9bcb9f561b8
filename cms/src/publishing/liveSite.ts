import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import {
  finishBuild,
  freshWarmRenderer,
  renderPages,
  warmUpPages,
  type RenderedPages,
} from '@rapport/site/builder/build'
import { AstroRenderer } from '@rapport/site/builder/renderer'
import { closeSearchIndex } from '@rapport/site/builder/search'
import type { ExportProblem } from '../export/problems'
import { buildSnapshot } from '../export/snapshot'
import { snapshotFiles, writeSnapshot } from '../export/write'
import { siteUrl } from '../lib/siteUrl'
import type { BuildPhase } from './builderRegistry'
import { siteFolders } from './folderLeases'

/** Where the live site is: a link to the build being served, switched atomically. */
export const liveSiteLink = (dataDir: string) => path.join(dataDir, 'site')

/** The folder the live site is served from, or null before the first build. */
export const liveSiteDir = (dataDir: string): string | null => {
  try {
    return fs.realpathSync(liveSiteLink(dataDir))
  } catch {
    return null
  }
}

let renderer: AstroRenderer | null = null

/** The process's Astro worker, kept loaded between builds. */
export const siteRenderer = (): AstroRenderer => (renderer ??= new AstroRenderer({ quiet: true }))

/** Stops the Astro worker and Pagefind's service with the kept search index (on shutdown); the next build starts them again. */
export const stopSiteRenderer = async () => {
  renderer?.close()
  renderer = null
  await closeSearchIndex()
}

/** A build folder still being written: never served, removed by the cleanup. */
export const PARTIAL_SUFFIX = '.partial'

/** A build's pages served before its search index and release files are made; removed when the build is done. */
export const PAGES_SUFFIX = '.pages'

/** Points the live link at a build folder, in one rename. */
export const switchLiveSite = (dataDir: string, dir: string) => {
  const link = liveSiteLink(dataDir)
  const tmpLink = `${link}.${process.pid}.tmp`
  fs.rmSync(tmpLink, { force: true })
  fs.symlinkSync(path.relative(dataDir, dir), tmpLink)
  fs.renameSync(tmpLink, link)
}

/** What a build asks of the one who runs it, and what it gives back. */
export type BuildRequest = {
  /** The build's id, which names its folder (`site-builds/<id>`). */
  id: string
  /** Told when the build starts a step. */
  onPhase?: (phase: BuildPhase) => void
}
export type BuildResult = {
  /** The build's folder, now live. */
  folder: string
  /** Published documents the export could not take as they are (see export/problems.ts). */
  problems: ExportProblem[]
}

/**
 * Exports the published content, builds the site into a new folder (rendering only the pages
 * whose inputs changed since the live build, reusing the rest) and switches the live link to
 * it in one rename, so readers never see a half-built site. Every folder it writes is beside
 * the live build, in the data folder, so each move is a rename on one file system. A folder
 * that has been served is retired, not removed: it goes once no request reads from it. Which
 * earlier builds are kept is the SiteBuilder's business.
 */
export const rebuildLiveSite = async (
  payload: Payload,
  dataDir: string,
  request: BuildRequest,
): Promise<BuildResult> => {
  const { id } = request
  const phase = (p: BuildPhase) => request.onPhase?.(p)
  const started = Date.now()
  phase('export')
  const snapshotDir = path.join(dataDir, 'snapshot')
  const data = await buildSnapshot(payload)
  for (const problem of data.problems)
    payload.logger.warn({ msg: 'site build: document held back', buildId: id, ...problem })
  writeSnapshot(snapshotDir, snapshotFiles(data.snapshot, data.chapters))
  const exportMs = Date.now() - started
  const buildsDir = path.join(dataDir, 'site-builds')
  fs.mkdirSync(buildsDir, { recursive: true })
  const out = path.join(buildsDir, id)
  const previous = liveSiteDir(dataDir)
  // 1. The pages whose inputs changed, served over the live build (site/builder/overlay.ts).
  phase('render')
  const pagesDir = `${out}${PAGES_SUFFIX}`
  let pages: RenderedPages
  try {
    pages = await renderPages({
      snapshot: snapshotDir,
      out: `${pagesDir}${PARTIAL_SUFFIX}`,
      previous,
      data,
      quiet: true,
      siteUrl: siteUrl(),
      renderer: siteRenderer(),
      // A full build (the first, or after new code) renders in a worker of its own, while the
      // warm one is started afresh and made ready for the publishes after it.
      fullRenderer: (plan) => {
        void freshWarmRenderer(siteRenderer(), snapshotDir, warmUpPages(plan))
        return new AstroRenderer({ quiet: true })
      },
      overlay: true,
      // The search index stays in Pagefind's service: the next build re-indexes only the chapters that changed.
      keepSearchIndex: true,
    })
  } catch (error) {
    fs.rmSync(`${pagesDir}${PARTIAL_SUFFIX}`, { recursive: true, force: true })
    throw error
  }
  // A worker that has made many builds is replaced now, while this one finishes.
  if (siteRenderer().worn) void freshWarmRenderer(siteRenderer(), snapshotDir, warmUpPages(pages.info.pages))
  // Readers get the new pages now, with the live build's unchanged pages, search index and
  // release files until this build is whole (a few seconds); a full build waits for that.
  let pagesLive = false
  try {
    if (pages.previous) {
      fs.renameSync(`${pagesDir}${PARTIAL_SUFFIX}`, pagesDir)
      pages.report.out = pagesDir
      switchLiveSite(dataDir, pagesDir)
      pagesLive = true
      phase('pagesLive')
      payload.logger.info({
        msg: 'site pages live',
        buildId: id,
        durationMs: Date.now() - started,
        exportMs,
        steps: pages.report.steps,
        rendered: pages.report.rendered,
        reused: pages.report.reused,
      })
    }
    // 2. The search index, release files and plan, in the build's own folder; then the switch to it.
    phase('finish')
    const report = await finishBuild(pages, `${out}${PARTIAL_SUFFIX}`)
    phase('switch')
    fs.renameSync(`${out}${PARTIAL_SUFFIX}`, out)
    switchLiveSite(dataDir, out)
    payload.logger.info({
      msg: 'site built',
      buildId: id,
      durationMs: Date.now() - started,
      exportMs,
      steps: report.steps,
      full: report.full,
      pages: report.pages,
      rendered: report.rendered,
      reused: report.reused,
      chapters: data.chapters.length,
    })
    return { folder: out, problems: data.problems }
  } catch (error) {
    // As it was before this build: the previous build live, nothing of this one left.
    if (pagesLive && previous) switchLiveSite(dataDir, previous)
    fs.rmSync(`${out}${PARTIAL_SUFFIX}`, { recursive: true, force: true })
    throw error
  } finally {
    fs.rmSync(`${pagesDir}${PARTIAL_SUFFIX}`, { recursive: true, force: true })
    // Requests may still be reading the new pages: the folder goes when the last one is done.
    if (fs.existsSync(pagesDir)) siteFolders.retire(pagesDir)
  }
}
