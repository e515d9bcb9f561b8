/**
 * The archive's date form: which release the report stood at on a chosen day. The same
 * functions answer in the reader's browser (the form's script) and on the server
 * (`GET /arkiv/dato/?d=…`, for readers without JavaScript), so both land on the same release.
 */

/** Where the date form is sent: the server answers it with a redirect to the release. */
export const ARCHIVE_DATE_PATH = '/arkiv/dato/'

/** The query parameter that carries the chosen day (yyyy-mm-dd, as `<input type="date">` sends it). */
export const ARCHIVE_DATE_PARAM = 'd'

/** A release as the form needs it: its id and the Oslo calendar day it was published on. */
export type ReleaseDay = { id: string; day: string }

/**
 * Whether a text is a real calendar day written yyyy-mm-dd.
 * @example isCalendarDay('2024-02-29') // true
 * @example isCalendarDay('2023-02-29') // false
 */
export const isCalendarDay = (text: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return false
  const [year, month, day] = match.slice(1).map(Number)
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/**
 * The release the report stood at by the end of a day: the newest published on or before it,
 * whatever order the list is in; several on one day give the last of them. Null before the first.
 * @example releaseForDay([{ id: 'a', day: '2022-05-19' }, { id: 'b', day: '2024-05-31' }], '2025-01-01') // 'b'
 */
export const releaseForDay = (list: readonly ReleaseDay[], day: string): string | null => {
  let hit: ReleaseDay | null = null
  for (const release of list) {
    if (release.day > day) continue
    if (!hit || release.day > hit.day || (release.day === hit.day && release.id > hit.id)) hit = release
  }
  return hit?.id ?? null
}

/**
 * The calendar day a reader wrote, as yyyy-mm-dd: the date input's own form, or the Norwegian
 * dd.mm.åååå that a browser without a date picker leaves to the reader. Null when it is no day.
 * @example parseDay('1.6.2024') // '2024-06-01'
 */
export const parseDay = (text: string): string | null => {
  const trimmed = text.trim()
  const norwegian = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(trimmed)
  const day = norwegian ? `${norwegian[3]}-${norwegian[2].padStart(2, '0')}-${norwegian[1].padStart(2, '0')}` : trimmed
  return isCalendarDay(day) ? day : null
}

export type ArchiveDateAnswer = { kind: 'release'; location: string } | { kind: 'invalid' } | { kind: 'tooEarly' }

/**
 * What the date form answers for the day asked: the release's address, a day that is not a
 * date, or a day before the report was first published.
 */
export const answerArchiveDate = (list: readonly ReleaseDay[], asked: unknown): ArchiveDateAnswer => {
  const day = typeof asked === 'string' ? parseDay(asked) : null
  if (!day) return { kind: 'invalid' }
  const id = releaseForDay(list, day)
  return id ? { kind: 'release', location: `/arkiv/${id}/` } : { kind: 'tooEarly' }
}
