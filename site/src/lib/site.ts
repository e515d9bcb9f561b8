import { getCollection } from 'astro:content'

import type { SiteData } from './model'
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
    const snapshot: Snapshot = {
      schemaVersion: 1,
      report,
      editions: editions.sort((a, b) => a.year - b.year || a.slug.localeCompare(b.slug)),
      goalAreas: goalAreas.sort((a, b) => a.number - b.number),
      measures: measures.sort((a, b) => a.number - b.number),
      news: news.sort((a, b) => a.slug.localeCompare(b.slug)),
    }
    return { snapshot, chapters: chapters.sort((a, b) => `${a.edition}/${a.slug}`.localeCompare(`${b.edition}/${b.slug}`)) }
  })())

/** The static paths of every chapter: /<edition>/<chapter>/ and the pages beneath it. */
export const chapterPaths = async () =>
  (await siteData()).chapters.map((chapter) => ({ params: { edition: chapter.edition, chapter: chapter.slug }, props: { chapter } }))
