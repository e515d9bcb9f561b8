import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import { buildSite, type BuildReport } from '../../../scripts/build-site'
import { AstroRenderer } from '../../../scripts/site-build/renderer'
import { buildSnapshot } from '../export/snapshot'
import { snapshotFiles, writeSnapshot } from '../export/write'

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

/** Stops the Astro worker (on shutdown); the next build starts a new one. */
export const stopSiteRenderer = () => {
  renderer?.close()
  renderer = null
}

/** A build folder still being written: never served, removed by the cleanup. */
export const PARTIAL_SUFFIX = '.partial'

/**
 * Exports the published content, builds the site into a new folder (rendering only the pages
 * whose inputs changed since the live build, reusing the rest) and switches the live link to
 * it in one rename, so readers never see a half-built site. Which earlier builds are kept is
 * the SiteBuilder's business.
 */
export const rebuildLiveSite = async (payload: Payload, dataDir: string): Promise<string> => {
  const started = Date.now()
  const snapshotDir = path.join(dataDir, 'snapshot')
  const { snapshot, chapters } = await buildSnapshot(payload)
  writeSnapshot(snapshotDir, snapshotFiles(snapshot, chapters))
  const exportMs = Date.now() - started
  const buildsDir = path.join(dataDir, 'site-builds')
  fs.mkdirSync(buildsDir, { recursive: true })
  const id = new Date().toISOString().replace(/[:.]/g, '-')
  const out = path.join(buildsDir, id)
  const partial = `${out}${PARTIAL_SUFFIX}`
  let report: BuildReport
  try {
    report = await buildSite({ snapshot: snapshotDir, out: partial, previous: liveSiteDir(dataDir), quiet: true, renderer: siteRenderer() })
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true })
    throw error
  }
  fs.renameSync(partial, out)
  const link = liveSiteLink(dataDir)
  const tmpLink = `${link}.${process.pid}.tmp`
  fs.rmSync(tmpLink, { force: true })
  fs.symlinkSync(path.relative(dataDir, out), tmpLink)
  fs.renameSync(tmpLink, link)
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
    chapters: chapters.length,
  })
  return out
}
