import { getCollection } from 'astro:content'

import type { SiteData } from './model'
import type { Chapter, Snapshot } from './snapshot/schema'

let cached: Promise<SiteData> | null = null

/** The snapshot as the content loader stored it, read once per build. */
export const siteData = (): Promise<SiteData> =>
  (cached ??= (async () => {
    const [snapshotEntry] = await getCollection('snapshot')
    const chapters = (await getCollection('chapters')).map((e) => e.data as unknown as Chapter)
    return { snapshot: snapshotEntry.data as unknown as Snapshot, chapters }
  })())

/** The static paths of every chapter: /<edition>/<chapter>/ and the pages beneath it. */
export const chapterPaths = async () =>
  (await siteData()).chapters.map((chapter) => ({ params: { edition: chapter.edition, chapter: chapter.slug }, props: { chapter } }))
