const MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember']

/**
 * A day in Norwegian, as readers expect it.
 * @example norwegianDate('2022-05-19') // '19. mai 2022'
 */
export const norwegianDate = (value: string): string => {
  const day = value.length > 10 ? osloDay(value) : value
  const [y, m, d] = day.split('-').map(Number)
  return `${d}. ${MONTHS[m - 1]} ${y}`
}

const OSLO_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' })

/** Days worked out so far: a build asks for the same few thousand times over and over. */
const days = new Map<string, string>()

/**
 * The Oslo calendar day of a UTC time.
 * @example osloDay('2023-12-31T23:30:00.000Z') // '2024-01-01'
 */
export const osloDay = (iso: string): string => {
  let day = days.get(iso)
  if (day === undefined) {
    if (days.size > 10_000) days.clear()
    days.set(iso, (day = OSLO_DAY.format(new Date(iso))))
  }
  return day
}

const OSLO_TIME = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit' })

/**
 * The Oslo time of day of a UTC time, as Norwegian writes it.
 * @example osloClock('2024-06-12T08:30:00.000Z') // '10.30'
 */
export const osloClock = (iso: string) => OSLO_TIME.format(new Date(iso)).replace(':', '.')
