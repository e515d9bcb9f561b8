import { defineCollection } from 'astro:content'

import { snapshotLoader } from './lib/snapshot/loader'

/**
 * The site's content: the snapshot in content/snapshot (or SNAPSHOT_DIR), never the CMS. Each
 * collection is validated with the schema the export writes it with (@rapport/contracts/snapshot).
 */
export const collections = {
  report: defineCollection({ loader: snapshotLoader('report') }),
  editions: defineCollection({ loader: snapshotLoader('editions') }),
  chapters: defineCollection({ loader: snapshotLoader('chapters') }),
  measures: defineCollection({ loader: snapshotLoader('measures') }),
  goalAreas: defineCollection({ loader: snapshotLoader('goalAreas') }),
  news: defineCollection({ loader: snapshotLoader('news') }),
}
