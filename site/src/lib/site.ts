import fs from 'node:fs'

import { getCollection } from 'astro:content'

import { toSiteData, type SiteData } from './model'
import { staticPaths, type RenderOnly, type Route } from './pages'
import type { Chapter, Snapshot } from './snapshot/schema'

let cached: Promise<SiteData> | null = null

const data = async <T>(name: 'report' | 'editions' | 'chapters' | 'measures' | 'goalAreas' | 'news') =>
  (await getCollection(name)).map((e) => e.data as unknown as T)

/** The snapshot as the content loader stored it, read once per build. */
export const siteData = (): Promise<SiteData> =>
  (cached ??= (async () => {
    const [[report], editions, measures, goalAreas, news, chapters] = await Promise.all([
      data<Snapshot['report']>('report'),
      data<Snapshot['editions'][number]>('editions'),
      data<Snapshot['measures'][number]>('measures'),
      data<Snapshot['goalAreas'][number]>('goalAreas'),
      data<Snapshot['news'][number]>('news'),
      data<Chapter>('chapters'),
    ])
    return toSiteData({ schemaVersion: 1, report, editions, goalAreas, measures, news }, chapters)
  })())

/** The output files this build renders (SITE_RENDER_ONLY names a JSON list), or null for all. */
const renderOnly = (): RenderOnly => {
  const file = process.env.SITE_RENDER_ONLY
  return file ? new Set(JSON.parse(fs.readFileSync(file, 'utf8')) as string[]) : null
}

/** A route's getStaticPaths: its pages with their inputs as props, or those of them this build renders. */
export const paths = <P>(route: Route<P>) => async () => staticPaths(route, await siteData(), renderOnly())
