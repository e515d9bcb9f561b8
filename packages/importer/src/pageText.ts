import { ImportError } from './errors'

export type Line = { n: number; text: string }
/** A run of non-blank lines: a paragraph, a list, a heading. */
export type Chunk = { start: number; lines: Line[] }

const CHROME = /^Du benytter en nettleser vi ikke støtter/

/**
 * Collapses runs of white space (the pages have double spaces and non-breaking spaces) to one.
 * @example normalizeSpace('2024 –\u00a0 2027 ') // '2024 – 2027'
 */
export const normalizeSpace = (text: string): string => text.replace(/[\s\u00a0]+/g, ' ').trim()

/**
 * The lines of a page file, refusing what is not a text page: empty, binary or not UTF-8.
 * Drops the browser-warning chrome line.
 */
export const readPageLines = (file: string, bytes: Buffer): Line[] => {
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '')
    throw new ImportError(file, 1, 'expected a page of text, found an empty file')
  const nul = bytes.indexOf(0)
  if (nul >= 0) {
    const line = bytes.subarray(0, nul).toString('latin1').split('\n').length
    throw new ImportError(file, line, 'expected a page of text, found binary data (a NUL byte)')
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new ImportError(file, 1, 'expected a page of text in UTF-8, found bytes that are not UTF-8')
  }
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((t, i) => ({ n: i + 1, text: t }))
    .filter((l) => !CHROME.test(l.text.trim()))
}

/** Groups lines into chunks separated by blank lines (a line of only spaces is blank). */
export const chunks = (lines: Line[]): Chunk[] => {
  const out: Chunk[] = []
  let current: Line[] = []
  for (const line of lines) {
    if (normalizeSpace(line.text) === '') {
      if (current.length) out.push({ start: current[0].n, lines: current })
      current = []
    } else current.push(line)
  }
  if (current.length) out.push({ start: current[0].n, lines: current })
  return out
}
