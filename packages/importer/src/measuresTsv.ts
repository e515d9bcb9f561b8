import type { Measure } from '@rapport/contracts/content'
import { ImportError } from './errors'

const HEADER = ['number', 'goal_area', 'title', 'source']

/** The action plan's measures from a TSV file (number, goal_area, title, source); empty titles stay empty. */
export const parseMeasuresTsv = (file: string, text: string): Measure[] => {
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  if (lines[0]?.split('\t').join(',') !== HEADER.join(','))
    throw new ImportError(file, 1, `expected the header line "${HEADER.join('\\t')}"`)
  const measures: Measure[] = []
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return
    const [number, goalArea, title, source] = line.split('\t')
    const n = Number(number)
    const g = Number(goalArea)
    if (!Number.isInteger(n) || n < 1 || n > 17)
      throw new ImportError(file, i + 2, `expected a measure number from 1 to 17, found "${number}"`)
    if (!Number.isInteger(g) || g < 1 || g > 3)
      throw new ImportError(file, i + 2, `expected a goal area from 1 to 3, found "${goalArea}"`)
    measures.push({
      number: n,
      title: (title ?? '').trim(),
      goalArea: g,
      description: '',
      statuses: [],
      source: (source ?? '').trim(),
    })
  })
  return measures.sort((a, b) => a.number - b.number)
}
