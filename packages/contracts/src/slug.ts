/**
 * Slugs: the part of every address on the site that names a chapter, a news item or an edition.
 * The importer, the CMS and the snapshot schema share these rules.
 */
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

/**
 * What the snapshot (and so every address on the site) accepts as a slug: words of lower-case
 * a–z and 0–9 joined by single hyphens. The same rule as the snapshot schema's.
 */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** The longest slug a document may have: it is a folder and a file name in every build. */
export const MAX_SLUG_LENGTH = 80

/**
 * A slug cut to at most `max` characters, after a whole word when that keeps at least half of
 * them, else in the middle of the first word.
 * @example truncateSlug('tiltak-for-bedre-samhandling', 20) // 'tiltak-for-bedre'
 */
export const truncateSlug = (slug: string, max = MAX_SLUG_LENGTH): string => {
  if (slug.length <= max) return slug
  const wordEnd = slug.slice(0, max + 1).lastIndexOf('-')
  const cut = wordEnd >= max / 2 ? slug.slice(0, wordEnd) : slug.slice(0, max)
  return cut.replace(/-+$/, '')
}

/** The slug a title gives when no one typed one: slugified and cut to the longest slug allowed. */
export const slugFromTitle = (title: string, max = MAX_SLUG_LENGTH): string => truncateSlug(slugify(title), max)
