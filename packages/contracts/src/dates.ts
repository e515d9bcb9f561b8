/**
 * The report's calendar is Norway's: a date («Siste faglige endring», a publication day) is a
 * day in Europe/Oslo, stored as YYYY-MM-DD, and shown as Norwegian writes it.
 */
export const REPORT_TIME_ZONE = 'Europe/Oslo'

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: REPORT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** Days worked out so far: a site build asks for the same few thousand times over and over. */
const days = new Map<string, string>()

/**
 * The Oslo calendar day (YYYY-MM-DD) of a time; a day is its own. Throws a RangeError for a
 * value that is no time at all.
 * @example osloDay('2023-12-31T23:30:00.000Z') // '2024-01-01'
 * @example osloDay('2022-05-19') // '2022-05-19'
 */
export const osloDay = (value: Date | string): string => {
  if (value instanceof Date) return dayFormat.format(value)
  if (ISO_DAY.test(value)) return value
  let day = days.get(value)
  if (day === undefined) {
    if (days.size > 10_000) days.clear()
    days.set(value, (day = dayFormat.format(new Date(value))))
  }
  return day
}

/**
 * The Oslo calendar day of a field's value, or null when it has none or it is no time.
 * @example osloDayOrNull('2022-05-18T22:00:00.000Z') // '2022-05-19' (midnight in Oslo)
 * @example osloDayOrNull(null) // null
 */
export const osloDayOrNull = (value: Date | string | null | undefined): string | null => {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'string' && ISO_DAY.test(value)) return value
  return Number.isNaN(new Date(value).getTime()) ? null : osloDay(value)
}

/** Today's calendar day in Oslo. */
export const todayInOslo = (now: Date = new Date()): string => dayFormat.format(now)

/**
 * How a calendar day is stored in a date field: noon UTC, the same day in every time zone
 * from UTC-11 to UTC+11, so a date picker shows the day that was meant.
 * @example storedDay('2022-05-19') // '2022-05-19T12:00:00.000Z'
 */
export const storedDay = (day: string): string => `${day}T12:00:00.000Z`

const norwegianFormat = new Intl.DateTimeFormat('nb-NO', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

/**
 * A day, or the Oslo day of a time, as Norwegian readers write it.
 * @example norwegianDay('2022-05-19') // '19. mai 2022'
 * @example norwegianDay('2023-12-31T23:30:00.000Z') // '1. januar 2024'
 */
export const norwegianDay = (value: string): string => norwegianFormat.format(new Date(storedDay(osloDay(value))))
