/** The report's calendar is Norway's: a "date" is a day in Europe/Oslo. */
export const REPORT_TIME_ZONE = 'Europe/Oslo'

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: REPORT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * The calendar day (YYYY-MM-DD, Oslo time) of a date value, or null when there is none.
 * @example osloDay('2022-05-18T22:00:00.000Z') // '2022-05-19' (midnight in Oslo)
 */
export const osloDay = (value: Date | string | null | undefined): string | null => {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'string' && ISO_DAY.test(value)) return value
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return null
  return dayFormat.format(date)
}

/**
 * How a calendar day is stored in a date field: noon UTC, the same day in every time zone
 * from UTC-11 to UTC+11, so the admin's date picker shows the day that was meant.
 * @example storedDay('2022-05-19') // '2022-05-19T12:00:00.000Z'
 */
export const storedDay = (day: string): string => `${day}T12:00:00.000Z`

/** Today's calendar day in Oslo. */
export const todayInOslo = (now: Date = new Date()): string => dayFormat.format(now)

/**
 * A calendar day in Norwegian, as readers see it.
 * @example norwegianDay('2022-05-19') // '19. mai 2022'
 */
export const norwegianDay = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number)
  return `${d}. ${MONTHS_NB[m - 1]} ${y}`
}

const MONTHS_NB = [
  'januar', 'februar', 'mars', 'april', 'mai', 'juni',
  'juli', 'august', 'september', 'oktober', 'november', 'desember',
]

const clockFormat = new Intl.DateTimeFormat('nb-NO', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: REPORT_TIME_ZONE })

/**
 * The time of day in Oslo, 24-hour.
 * @example osloClock('2026-11-29T13:02:00.000Z') // '14:02'
 */
export const osloClock = (value: Date | string): string => clockFormat.format(new Date(value)).replace('.', ':')

/**
 * When something happened, in Oslo time: «kl. 14:02» today, «19. mai 2022 kl. 14:02» another day.
 * @example osloMoment('2026-11-29T13:02:00.000Z', new Date('2026-11-29T15:00:00Z')) // 'kl. 14:02'
 */
export const osloMoment = (value: Date | string, now: Date = new Date()): string =>
  osloDay(value) === todayInOslo(now) ? `kl. ${osloClock(value)}` : osloDateTime(value)

/**
 * A day and time in Oslo.
 * @example osloDateTime('2022-05-19T08:30:00.000Z') // '19. mai 2022 kl. 10:30'
 */
export const osloDateTime = (value: Date | string): string => `${norwegianDay(osloDay(value)!)} kl. ${osloClock(value)}`
