/** The site's dates: days come from the report's calendar (@rapport/contracts/dates). */
import { REPORT_TIME_ZONE } from '@rapport/contracts/dates'

export { norwegianDay, osloDay } from '@rapport/contracts/dates'

const OSLO_TIME = new Intl.DateTimeFormat('nb-NO', { timeZone: REPORT_TIME_ZONE, hour: '2-digit', minute: '2-digit' })

/**
 * The Oslo time of day of a UTC time, as Norwegian writes it.
 * @example osloClock('2024-06-12T08:30:00.000Z') // '10.30'
 */
export const osloClock = (iso: string) => OSLO_TIME.format(new Date(iso)).replace(':', '.')
