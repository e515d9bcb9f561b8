/**
 * The markup of a redline's two views, inline and side by side, as HTML strings: a comparison
 * page holds hundreds of blocks twice, and one string per view renders several times faster
 * than a template element per block. The Redline component places them.
 */
import type { BlockChange, Part } from './diff'
import { escapeText } from './html'

const ADDED = '<ins><span class="vh">lagt til: </span>'
const REMOVED = '<del><span class="vh">slettet: </span>'

/** A changed block's words, marked: all of them inline, or one side's (the words it lacks left out). */
const mark = (parts: Part[], side: 'inline' | 'before' | 'after') => {
  let html = ''
  for (const p of parts) {
    if (p.op === 0) html += escapeText(p.text)
    else if (p.op === 1 && side !== 'before') html += `${ADDED}${escapeText(p.text)}</ins>`
    else if (p.op === -1 && side !== 'after') html += `${REMOVED}${escapeText(p.text)}</del>`
  }
  return html
}

/**
 * The inline view: every block as a paragraph, an added or removed one marked whole, a changed one word by word.
 * `ids` gives blocks an id, by position (a removed or changed paragraph its id in the earlier
 * version, where a link to it lands).
 * @example inlineRedline([{ type: 'added', block: { kind: 'p', text: 'Ny' } }]) // '<p class="block block--p block--added"><ins><span class="vh">lagt til: </span>Ny</ins></p>'
 */
export const inlineRedline = (blocks: BlockChange[], ids: Array<string | null> = []): string => {
  let html = ''
  blocks.forEach((x, i) => {
    const id = ids[i] ? ` id="${escapeText(ids[i])}"` : ''
    if (x.type === 'same') html += `<p${id} class="block block--${x.block.kind}">${escapeText(x.block.text)}</p>`
    else if (x.type === 'added')
      html += `<p${id} class="block block--${x.block.kind} block--added">${ADDED}${escapeText(x.block.text)}</ins></p>`
    else if (x.type === 'removed')
      html += `<p${id} class="block block--${x.block.kind} block--removed">${REMOVED}${escapeText(x.block.text)}</del></p>`
    else html += `<p${id} class="block block--${x.after.kind}">${mark(x.parts, 'inline')}</p>`
  })
  return html
}

/** How many unchanged blocks the side-by-side view shows before and after each change. */
const CONTEXT = 1

/** A row for a run of unchanged blocks the side-by-side view leaves out. */
const gapRow = (count: number) => `<tr class="gap"><td colspan="2">${count} avsnitt uten endringer</td></tr>`

/**
 * The side-by-side view's table rows: the earlier version left, the later right, a block
 * only one of them has beside an empty cell. Like a wiki's diff, it shows the changes with
 * the unchanged block before and after each; the inline view has the whole text.
 * @example sideBySideRows([{ type: 'same', block: { kind: 'p', text: 'Lik' } }]) // '<tr class="gap"><td colspan="2">1 avsnitt uten endringer</td></tr>'
 */
export const sideBySideRows = (blocks: BlockChange[]): string => {
  const shown = new Uint8Array(blocks.length)
  blocks.forEach((x, i) => {
    if (x.type !== 'same') shown.fill(1, Math.max(0, i - CONTEXT), i + CONTEXT + 1)
  })
  let html = ''
  let left = 0
  blocks.forEach((x, i) => {
    if (!shown[i]) return void left++
    if (left) html += gapRow(left)
    left = 0
    const cells =
      x.type === 'same'
        ? `<td>${escapeText(x.block.text)}</td><td>${escapeText(x.block.text)}</td>`
        : x.type === 'added'
          ? `<td></td><td>${ADDED}${escapeText(x.block.text)}</ins></td>`
          : x.type === 'removed'
            ? `<td>${REMOVED}${escapeText(x.block.text)}</del></td><td></td>`
            : `<td>${mark(x.parts, 'before')}</td><td>${mark(x.parts, 'after')}</td>`
    html += `<tr> ${cells} </tr>`
  })
  return left ? html + gapRow(left) : html
}
