import type { CollectionConfig } from 'payload'

type CollectionHooks = NonNullable<CollectionConfig['hooks']>

/**
 * The collections with these hooks put first in their hook lists, before the collection's own,
 * so that none of those can keep them from running: how a plugin adds a hook to every collection.
 * @example hooksFirst(config.collections, { afterDelete: [forget] })
 */
export const hooksFirst = (collections: CollectionConfig[] = [], first: CollectionHooks): CollectionConfig[] =>
  collections.map((collection) => {
    const hooks: Record<string, unknown[]> = { ...collection.hooks }
    for (const [name, added] of Object.entries(first)) hooks[name] = [...(added as unknown[]), ...(hooks[name] ?? [])]
    return { ...collection, hooks: hooks as CollectionHooks }
  })
