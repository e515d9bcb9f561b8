import type { CollectionConfig } from 'payload'

/**
 * What names a collection: its slug, its Norwegian labels (one, several) as the admin shows
 * them, and its GraphQL type names (one, several).
 * @example collectionNames('editions', ['Utgave', 'Utgaver'], ['Edition', 'Editions'])
 */
export const collectionNames = (
  slug: string,
  [singular, plural]: [string, string],
  [singularName, pluralName]: [string, string],
): Pick<CollectionConfig, 'slug' | 'labels' | 'graphQL'> => ({
  slug,
  labels: { singular, plural },
  graphQL: { singularName, pluralName },
})
