import { defineCollection } from 'astro:content'
import type { Loader } from 'astro/loaders'

import { readSnapshot, snapshotDir } from './lib/snapshot/read'

/**
 * The content loader: reads the snapshot from content/snapshot (never the CMS), validated by
 * the schema the export writes it with. Entries whose digest is unchanged are kept as they are.
 */
const snapshotLoader = (part: 'chapters' | 'snapshot'): Loader => ({
  name: `snapshot-${part}`,
  load: async ({ store, generateDigest, logger }) => {
    const { snapshot, chapters } = readSnapshot()
    if (part === 'snapshot') {
      store.clear()
      store.set({ id: 'snapshot', data: snapshot as never, digest: generateDigest(snapshot as never) })
      logger.info(`snapshot from ${snapshotDir()}: ${snapshot.editions.length} editions, ${snapshot.measures.length} measures`)
      return
    }
    const ids = new Set(chapters.map((c) => `${c.edition}/${c.slug}`))
    for (const id of store.keys()) if (!ids.has(id)) store.delete(id)
    for (const chapter of chapters) {
      const digest = chapter.revisions.map((r) => r.htmlSha256).join('') + chapter.revisions.length
      store.set({ id: `${chapter.edition}/${chapter.slug}`, data: chapter as never, digest: generateDigest(digest) })
    }
    logger.info(`${chapters.length} chapters`)
  },
})

export const collections = {
  chapters: defineCollection({ loader: snapshotLoader('chapters') }),
  snapshot: defineCollection({ loader: snapshotLoader('snapshot') }),
}
