/**
 * The admin's times of day. Days and the report's calendar are shared with the site:
 * @rapport/contracts/dates.
 */
import { norwegianDay, osloDay, REPORT_TIME_ZONE, todayInOslo } from '@rapport/contracts/dates'

export { norwegianDay, osloDayOrNull, REPORT_TIME_ZONE, storedDay, todayInOslo } from '@rapport/contracts/dates'

const clockFormat = new Intl.DateTimeFormat('nb-NO', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: REPORT_TIME_ZONE,
})

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
export const osloDateTime = (value: Date | string): string => `${norwegianDay(osloDay(value))} kl. ${osloClock(value)}`
