import { ImportError } from './errors'

const MONTHS: Record<string, number> = {
  januar: 1,
  februar: 2,
  mars: 3,
  april: 4,
  mai: 5,
  juni: 6,
  juli: 7,
  august: 8,
  september: 9,
  oktober: 10,
  november: 11,
  desember: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  okt: 10,
  nov: 11,
  des: 12,
}

/**
 * A Norwegian date ("19. mai 2022", "1. des. 2023") as YYYY-MM-DD, or an error message.
 * @example parseNorwegianDate('19. mai 2022') // { day: '2022-05-19' }
 */
export const parseNorwegianDate = (text: string): { day: string } | { problem: string } => {
  const match = /^(\d{1,2})\.\s*([A-Za-zÆØÅæøå]+)\.?\s+(\d{4})$/.exec(text.trim())
  if (!match) return { problem: `expected a date like "19. mai 2022", found "${text.trim()}"` }
  const [, d, monthName, y] = match
  const month = MONTHS[monthName.toLocaleLowerCase('nb')]
  if (!month)
    return { problem: `expected a date like "19. mai 2022", found "${text.trim()}" (unknown month "${monthName}")` }
  const day = Number(d)
  const date = new Date(Date.UTC(Number(y), month - 1, day))
  if (date.getUTCDate() !== day)
    return { problem: `expected a date like "19. mai 2022", found "${text.trim()}" (no such day)` }
  return { day: `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` }
}

/** Like parseNorwegianDate, but throws an ImportError pointing at the line. */
export const norwegianDateAt = (text: string, file: string, line: number): string => {
  const result = parseNorwegianDate(text)
  if ('problem' in result) throw new ImportError(file, line, `${result.problem} after "Siste faglige endring:"`)
  return result.day
}
