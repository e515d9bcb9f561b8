/**
 * The builds folder (`site-builds/` in the data folder): which build folders are kept, and
 * what a stop of the server left behind there.
 */
import fs from 'node:fs'
import path from 'node:path'

import { readOverlay } from '@rapport/site/builder/overlay'

import type { BuildRecord } from './builderRegistry'
import { liveSiteDir, switchLiveSite } from './liveSite'

export /** The real path of a folder, to compare it with the live link's target. */
const real = (folder: string): string => {
  try {
    return fs.realpathSync(folder)
  } catch {
    return path.resolve(folder)
  }
}

/** Every entry of a builds folder: build folders and leftovers (working folders, half-made builds). */
export const folderEntries = (buildsDir: string): string[] => {
  try {
    return fs.readdirSync(buildsDir)
  } catch {
    return []
  }
}

/** Successful builds whose folders are still there, newest first. */
export const keptBuildsOf = (dataDir: string, records: BuildRecord[]): BuildRecord[] =>
  records.filter(
    (r) => r.kind === 'build' && r.result === 'succeeded' && r.folder && fs.existsSync(path.join(dataDir, r.folder)),
  )

/** The builds a stop of the server left running, marked failed as interrupted (in place). */
export const markInterrupted = (records: BuildRecord[], now: number, error: string): BuildRecord[] => {
  const interrupted = records.filter((r) => r.result === 'running')
  for (const r of interrupted) {
    Object.assign(r, {
      result: 'failed',
      error,
      summary: 'Serveren stoppet mens bygget pågikk.',
      finishedAt: new Date(now).toISOString(),
      durationMs: Math.max(0, now - Date.parse(r.startedAt)),
    })
  }
  return interrupted
}

/** After a stop while a build's new pages were live over the build before: that build again. */
export const restoreBaseBuild = (dataDir: string) => {
  const pages = liveSiteDir(dataDir)
  const base = pages ? readOverlay(pages)?.base : undefined
  if (base && fs.existsSync(base)) switchLiveSite(dataDir, base)
}

/**
 * Removes what no kept record names and is not live: half-made builds, working folders, builds
 * a damaged history lost. Returns the folders removed.
 */
export const removeUnnamedFolders = (dataDir: string, buildsDir: string, records: BuildRecord[]): string[] => {
  const live = liveSiteDir(dataDir)
  const base = live ? readOverlay(live)?.base : undefined
  const named = new Set(keptBuildsOf(dataDir, records).map((r) => real(path.join(dataDir, r.folder!))))
  const removed: string[] = []
  for (const name of folderEntries(buildsDir)) {
    const folder = path.join(buildsDir, name)
    const at = real(folder)
    if (at === live || (base && at === real(base)) || named.has(at)) continue
    fs.rmSync(folder, { recursive: true, force: true })
    removed.push(folder)
  }
  return removed
}
