export const COLLECTIONS = {
  users: 'users',
  editions: 'editions',
  goalAreas: 'goal-areas',
  measures: 'measures',
  chapters: 'chapters',
  news: 'news',
  auditEvents: 'audit-events',
} as const

export { MAX_SLUG_LENGTH, SLUG_PATTERN, slugFromTitle, slugify, truncateSlug } from '@rapport/contracts/slug'

/** The id of a relationship value, whether it arrived populated or as an id. */
export const relationId = (value: unknown): number | string | null => {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'object') {
    const id = (value as { id?: unknown; value?: unknown }).id ?? (value as { value?: unknown }).value
    return typeof id === 'number' || typeof id === 'string' ? id : null
  }
  return typeof value === 'number' || typeof value === 'string' ? value : null
}
