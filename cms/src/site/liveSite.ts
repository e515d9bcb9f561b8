import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import { buildSite } from '../../../scripts/build-site'
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

/**
 * Exports the published content, builds the site into a new folder and switches the live
 * link to it in one rename, so readers never see a half-built site. Which earlier builds are
 * kept is the SiteBuilder's business.
 */
export const rebuildLiveSite = async (payload: Payload, dataDir: string): Promise<string> => {
  const started = Date.now()
  const snapshotDir = path.join(dataDir, 'snapshot')
  const { snapshot, chapters } = await buildSnapshot(payload)
  writeSnapshot(snapshotDir, snapshotFiles(snapshot, chapters))
  const buildsDir = path.join(dataDir, 'site-builds')
  fs.mkdirSync(buildsDir, { recursive: true })
  const out = path.join(buildsDir, new Date().toISOString().replace(/[:.]/g, '-'))
  await buildSite({ snapshot: snapshotDir, out, quiet: true })
  const link = liveSiteLink(dataDir)
  const tmpLink = `${link}.${process.pid}.tmp`
  fs.rmSync(tmpLink, { force: true })
  fs.symlinkSync(path.relative(dataDir, out), tmpLink)
  fs.renameSync(tmpLink, link)
  payload.logger.info({ msg: 'site built', ms: Date.now() - started, chapters: chapters.length })
  return out
}
