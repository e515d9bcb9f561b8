import fs from 'node:fs'

import { getCollection, type CollectionEntry, type CollectionKey } from 'astro:content'

import path from 'node:path'

import { toSiteData, type SiteData } from './model'
import { staticPaths, type RenderOnly, type Route } from './pages'
import { chapterText, snapshotDir } from '@rapport/contracts/readSnapshot'
import type { Chapter, StoredChapter } from '@rapport/contracts/snapshot'

/** Set by the build worker per build (see site/builder/worker.ts), so no state outlives its build. */
const BUILD = (import.meta.env.SITE_BUILD_NONCE as string | undefined) ?? 'build'
let cached: { build: string; data: Promise<SiteData> } | null = null

/** A collection's entries as its loader's schema types them (content.config.ts). */
const data = async <C extends CollectionKey>(name: C): Promise<Array<CollectionEntry<C>['data']>> =>
  (await getCollection(name)).map((e) => e.data)

const files = new Map<string, Chapter>()

/** A chapter file of the snapshot, read once per build (the loader checked it and its hashes). */
const chapterFile = (c: Pick<Chapter, 'edition' | 'slug'>): Chapter => {
  const file = path.join(snapshotDir(), 'chapters', c.edition, `${c.slug}.json`)
  let chapter = files.get(file)
  if (!chapter) files.set(file, (chapter = JSON.parse(chapterText(file)) as Chapter))
  return chapter
}

/**
 * A stored chapter with each revision's HTML read from the snapshot when a page first asks for
 * it: pages not rendered in this build never read theirs.
 */
const withHtml = (c: StoredChapter): Chapter => ({
  ...c,
  revisions: c.revisions.map(
    (r, i) =>
      Object.defineProperty({ ...r }, 'html', {
        enumerable: true,
        get: () => {
          const stored = chapterFile(c).revisions[i]
          if (stored?.htmlSha256 !== r.htmlSha256)
            throw new Error(`The snapshot changed during the build: ${c.edition}/${c.slug} revision ${r.revision}`)
          return stored.html
        },
      }) as Chapter['revisions'][number],
  ),
})

/** The snapshot as the content loader stored it, read once per build. */
export const siteData = (): Promise<SiteData> => {
  if (cached?.build !== BUILD) cached = { build: BUILD, data: loadSiteData() }
  return cached.data
}

const loadSiteData = async (): Promise<SiteData> => {
  const [[report], editions, measures, goalAreas, news, chapters] = await Promise.all([
    data('report'),
    data('editions'),
    data('measures'),
    data('goalAreas'),
    data('news'),
    data('chapters'),
  ])
  return toSiteData({ schemaVersion: 1, report, editions, goalAreas, measures, news }, chapters.map(withHtml))
}

/** The output files this build renders (SITE_RENDER_ONLY names a JSON list), or null for all. */
const renderOnly = (): RenderOnly => {
  const file = process.env.SITE_RENDER_ONLY
  return file ? new Set(JSON.parse(fs.readFileSync(file, 'utf8')) as string[]) : null
}

/** A route's getStaticPaths: its pages with their inputs as props, or those of them this build renders. */
export const paths =
  <P>(route: Route<P>) =>
  async () =>
    staticPaths(route, await siteData(), renderOnly())
