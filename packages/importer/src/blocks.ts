import { ImportError } from './errors'
import { normalizeSpace, type Chunk } from './pageText'

export type Block =
  | { kind: 'paragraph'; text: string; line: number }
  | { kind: 'heading'; text: string; line: number }
  | { kind: 'list'; items: string[]; line: number }
  | { kind: 'quote'; paragraphs: string[]; line: number }
  | { kind: 'footnote'; number: number; text: string; line: number }

const BULLET = /^\s*•\s*/
const NOTE = /^\[(\d+)\]\s+(.+)$/
const ENDS_SENTENCE = /[.:!?;"»)]$/

const joined = (chunk: Chunk) => normalizeSpace(chunk.lines.map((l) => l.text).join(' '))

/**
 * The blocks of a page body: "•" lists, footnote notes ("[15] …"), quotes wrapped in
 * quotation marks over several paragraphs, short lines without final punctuation as
 * headings, and paragraphs.
 */
export const toBlocks = (file: string, body: Chunk[]): Block[] => {
  const blocks: Block[] = []
  for (let i = 0; i < body.length; i++) {
    const chunk = body[i]
    const value = joined(chunk)
    if (chunk.lines.every((l) => BULLET.test(l.text))) {
      blocks.push({
        kind: 'list',
        items: chunk.lines.map((l) => normalizeSpace(l.text.replace(BULLET, ''))),
        line: chunk.start,
      })
      continue
    }
    const note = NOTE.exec(value)
    if (note) {
      blocks.push({ kind: 'footnote', number: Number(note[1]), text: note[2], line: chunk.start })
      continue
    }
    if (value.startsWith('"')) {
      const paragraphs = [value.slice(1)]
      let j = i
      while (!paragraphs[paragraphs.length - 1].endsWith('"')) {
        j++
        if (j >= body.length)
          throw new ImportError(
            file,
            chunk.start,
            'expected the quotation opened here to end with a closing quotation mark (")',
          )
        paragraphs.push(joined(body[j]))
      }
      paragraphs[paragraphs.length - 1] = paragraphs[paragraphs.length - 1].slice(0, -1)
      blocks.push({ kind: 'quote', paragraphs, line: chunk.start })
      i = j
      continue
    }
    const isLast = i === body.length - 1
    if (chunk.lines.length === 1 && value.length <= 100 && !ENDS_SENTENCE.test(value) && !isLast) {
      blocks.push({ kind: 'heading', text: value, line: chunk.start })
      continue
    }
    blocks.push({ kind: 'paragraph', text: value, line: chunk.start })
  }
  return blocks
}
