export const COLLECTIONS = {
  users: 'users',
  editions: 'editions',
  goalAreas: 'goal-areas',
  measures: 'measures',
  chapters: 'chapters',
  news: 'news',
} as const

const TRANSLITERATION: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', é: 'e', ü: 'u', ö: 'o', ä: 'a' }

/**
 * A URL slug from Norwegian text: lower case ASCII, words joined by hyphens.
 * @example slugify('Beskrivelse av målområde 2') // 'beskrivelse-av-malomrade-2'
 */
export const slugify = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[æøåéüöä]/g, (ch) => TRANSLITERATION[ch] ?? ch)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')

/** The id of a relationship value, whether it arrived populated or as an id. */
export const relationId = (value: unknown): number | string | null => {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'object') {
    const id = (value as { id?: unknown; value?: unknown }).id ?? (value as { value?: unknown }).value
    return typeof id === 'number' || typeof id === 'string' ? id : null
  }
  return typeof value === 'number' || typeof value === 'string' ? value : null
}
