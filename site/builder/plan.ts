/**
 * What a build must render: the pages whose inputs changed since the previous build, or all of
 * them when the site's code changed. Each build records its plan in `.build.json` at its root.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import type { PagePlan } from '../src/lib/pages'
import { listFiles } from '@rapport/files'

export const BUILD_INFO = '.build.json'

export type BuildInfo = { schemaVersion: 1; code: string; pages: PagePlan }

/** The version of a package as installed for `dir` (looking up through node_modules folders), or '?'. */
const installedVersion = (dir: string, pkg: string): string => {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const file = path.join(d, 'node_modules', pkg, 'package.json')
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version
    if (path.dirname(d) === d) return '?'
  }
}

/**
 * The hash of everything that shapes the pages besides content: the site's sources and
 * configuration, its public address (in every page's canonical link and printed footer, the
 * sitemap and the feed), and the versions of Astro and its integrations.
 */
/** The shared contracts' sources (packages/contracts/src). */
const CONTRACTS = path.resolve(import.meta.dirname, '../../packages/contracts/src')

export const siteCodeHash = (siteRoot: string, siteUrl: string): string => {
  const hash = createHash('sha256')
  hash.update(`SITE_URL=${siteUrl}\0`)
  for (const dir of ['src', 'public'])
    for (const f of listFiles(path.join(siteRoot, dir)))
      hash.update(`${dir}/${f}\0`).update(fs.readFileSync(path.join(siteRoot, dir, f)))
  // The snapshot's schema is the site's too: its loader parses the content with it.
  for (const f of listFiles(CONTRACTS)) hash.update(`contracts/${f}\0`).update(fs.readFileSync(path.join(CONTRACTS, f)))
  for (const f of ['astro.config.mjs', 'package.json'])
    if (fs.existsSync(path.join(siteRoot, f))) hash.update(`${f}\0`).update(fs.readFileSync(path.join(siteRoot, f)))
  for (const pkg of ['astro', '@astrojs/mdx', 'vite', 'pagefind'])
    hash.update(`${pkg}@${installedVersion(siteRoot, pkg)}\0`)
  return hash.digest('hex').slice(0, 32)
}

/** A build's recorded plan, or null when it has none (older builds, other folders). */
export const readBuildInfo = (dir: string): BuildInfo | null => {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(dir, BUILD_INFO), 'utf8')) as BuildInfo
    return info.schemaVersion === 1 && typeof info.code === 'string' && info.pages && typeof info.pages === 'object'
      ? info
      : null
  } catch {
    return null
  }
}

export type RenderSet = { full: true; reason: string } | { full: false; render: string[]; reuse: string[] }

/**
 * Which pages to render: those new or changed against the previous build (or missing from its
 * folder); all when there is no usable previous build or the site's code changed.
 */
export const renderSet = (
  plan: PagePlan,
  code: string,
  previous: { dir: string; info: BuildInfo | null } | null,
): RenderSet => {
  if (!previous) return { full: true, reason: 'no previous build' }
  if (!previous.info) return { full: true, reason: `the previous build (${previous.dir}) has no ${BUILD_INFO}` }
  if (previous.info.code !== code) return { full: true, reason: 'the site’s code changed' }
  const render: string[] = []
  const reuse: string[] = []
  for (const [file, key] of Object.entries(plan)) {
    if (previous.info.pages[file] === key && fs.existsSync(path.join(previous.dir, file))) reuse.push(file)
    else render.push(file)
  }
  return { full: false, render, reuse }
}
