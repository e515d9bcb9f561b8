/**
 * Times of day in Oslo, whatever time zone the browser is in: the schedule drawer's picker
 * shows and takes Oslo's wall clock, and its list of upcoming events says when in Oslo time.
 */
import { REPORT_TIME_ZONE } from './dates'

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: REPORT_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
})

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number }

/** What a clock in Oslo shows at an instant. */
export const osloWallClock = (instant: Date): WallClock => {
  const p = Object.fromEntries(partsFormat.formatToParts(instant).map((x) => [x.type, Number(x.value)]))
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second }
}

/** How far Oslo's clock is ahead of UTC at an instant, in milliseconds. */
const osloOffset = (ms: number): number => {
  const w = osloWallClock(new Date(ms))
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000
}

/**
 * The instant at which Oslo's clock shows the given wall-clock time.
 * @example instantInOslo({ year: 2026, month: 11, day: 29, hour: 16, minute: 30 }) // 2026-11-29T15:30:00.000Z
 */
export const instantInOslo = (w: Omit<WallClock, 'second'> & { second?: number }): Date => {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0)
  const first = asUtc - osloOffset(asUtc)
  return new Date(asUtc - osloOffset(first))
}

/**
 * An instant as a Date whose local fields (in whatever zone this runs) show Oslo's wall clock:
 * what a date picker, which always works in the browser's zone, should display.
 */
export const osloClockAsLocal = (instant: Date): Date => {
  const w = osloWallClock(instant)
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
}

/** The inverse of osloClockAsLocal: the instant a picker's local date means in Oslo time. */
export const instantFromOsloClockAsLocal = (local: Date): Date =>
  instantInOslo({
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
    hour: local.getHours(),
    minute: local.getMinutes(),
    second: local.getSeconds(),
  })

/** An instant in Norwegian, on Oslo's 24-hour clock (one formatter for the whole admin, in lib/dates). */
export { osloDateTime } from './dates'
