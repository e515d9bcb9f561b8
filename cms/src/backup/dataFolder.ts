/**
 * What the server keeps in the data folder that a backup takes along, and who uses the folder.
 * The layout is the site builder's (site/siteBuilder.ts, site/liveSite.ts): `builds.json`,
 * `build-queue.json`, `site-builds/<id>/` and the `site` link to the live one; the generated
 * secret is lib/secret.ts's. `snapshot/` and `previews/` are made again by the server.
 */
import fs from 'node:fs'
import path from 'node:path'

import { readOverlay } from '@rapport/site/builder/overlay'

/** Small files of the data folder that a backup copies as they are, when present. */
export const STATE_FILES = ['builds.json', 'build-queue.json', '.payload-secret'] as const

/** Files that only the server's account may read. */
export const PRIVATE_FILES: ReadonlySet<string> = new Set(['.payload-secret'])

export const SITE_LINK = 'site'
export const BUILDS_FOLDER = 'site-builds'

/**
 * The whole build the live site is served from: the `site` link's target, or, while a build's
 * new pages are live over it (an overlay), the build under them. Null before the first build.
 */
export const liveBuildFolder = (dataDir: string): string | null => {
  let dir: string
  try {
    dir = fs.realpathSync(path.join(dataDir, SITE_LINK))
  } catch {
    return null
  }
  const overlay = readOverlay(dir)
  if (overlay) dir = fs.realpathSync(overlay.base)
  return dir
}

export type ProcessInfo = { pid: number; command: string }

/**
 * The processes (other than this one) that have a file in this folder open, found through
 * /proc (Linux; elsewhere, or for other users' processes, none are found). A server on an
 * embedded database always has one: the database file.
 */
export const processesUsing = (dir: string): ProcessInfo[] => {
  const root = path.resolve(dir)
  let real = root
  try {
    real = fs.realpathSync(root)
  } catch {
    return []
  }
  const inside = (p: string) => p === real || p.startsWith(`${real}/`) || p === root || p.startsWith(`${root}/`)
  let pids: string[]
  try {
    pids = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e) && Number(e) !== process.pid)
  } catch {
    return []
  }
  const found: ProcessInfo[] = []
  for (const pid of pids) {
    let fds: string[]
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue
    }
    const uses = fds.some((fd) => {
      try {
        return inside(fs.readlinkSync(`/proc/${pid}/fd/${fd}`).replace(/ \(deleted\)$/, ''))
      } catch {
        return false
      }
    })
    if (!uses) continue
    let command = ''
    try {
      command = fs
        .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        .replace(/[\0\s]+/g, ' ')
        .trim()
    } catch {
      // gone meanwhile
    }
    found.push({ pid: Number(pid), command })
  }
  return found
}
