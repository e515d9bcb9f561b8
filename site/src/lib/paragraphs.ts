/**
 * Paragraph anchors: every paragraph, quoted paragraph and list item of a chapter's text gets
 * an id made from its words, so a paragraph that is unchanged between versions keeps its id,
 * and a link to it in version 1 can be followed into version 3. A changed paragraph gets a new
 * id; the comparison that changed or removed it is where a link to the old one leads
 * (`removedParagraphs`, read by the pages' script when a fragment names no paragraph).
 *
 * The ids are worked out from the blocks the redline compares (diff.ts), and added to the HTML
 * only as the page renders: the redline compares text, never these attributes.
 */
import { createHash } from 'node:crypto'

import { htmlBlockSpans, revisionBlocks, type Block } from './diff'
import { escapeText } from './html'
import { PARAGRAPH_ID_PREFIX, type RemovedParagraphs } from './paragraphLinks'
import type { Revision } from '@rapport/contracts/snapshot'

export { PARAGRAPH_ID_PREFIX, removalFor, type Removal, type RemovedParagraphs } from './paragraphLinks'

/** The kinds of block that get an anchor: text a reader quotes, not headings (they have their own), cells or footnotes. */
const ANCHORED = new Set<Block['kind']>(['p', 'li', 'quote'])

/**
 * The words a paragraph's id is made from: its text with footnote markers left out (a renumbered
 * footnote leaves the paragraph as it was), whitespace as single spaces, in Unicode NFC.
 * @example paragraphKey('Fastlegene  [15] har mange pasienter.') // 'Fastlegene har mange pasienter.'
 */
export const paragraphKey = (text: string): string =>
  text
    .replace(/\s*\[\d+\]/g, '')
    // Only what is not already a single space is replaced: most of a text's spaces are, and
    // replacing each of them with itself made this a large part of a full build's time.
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim()
    .normalize('NFC')

/**
 * The id of every block of a text, in order: `avsnitt-` and eight hex digits of the SHA-256 of
 * the paragraph's words, with `-2`, `-3` … for the second and later paragraphs of the same words;
 * null for blocks that get no anchor (headings, table cells, footnotes).
 * @example paragraphIds([{ kind: 'p', text: 'Ja.' }, { kind: 'h', text: 'Mål' }, { kind: 'p', text: 'Ja.' }]) // ['avsnitt-…', null, 'avsnitt-…-2']
 */
export const paragraphIds = (blocks: Block[]): Array<string | null> => {
  const seen = new Map<string, number>()
  return blocks.map((b) => {
    if (!ANCHORED.has(b.kind)) return null
    const id = PARAGRAPH_ID_PREFIX + createHash('sha256').update(paragraphKey(b.text)).digest('hex').slice(0, 8)
    const n = (seen.get(id) ?? 0) + 1
    seen.set(id, n)
    return n === 1 ? id : `${id}-${n}`
  })
}

/** The accessible name of a paragraph's link to itself. */
export const PARAGRAPH_LINK_LABEL = 'Lenke til avsnittet'

/**
 * A revision's HTML with an id on every paragraph and list item and, at the end of its own text,
 * a link to it (an icon shown on hover and focus). An element that has an id keeps it. Headings
 * and footnote markers are left as they are.
 * @example addParagraphAnchors('<p>Ja.</p>') // '<p id="avsnitt-…">Ja.<a class="anchor anchor--paragraph" href="#avsnitt-…"><span class="vh">Lenke til avsnittet</span></a></p>'
 */
export const addParagraphAnchors = (html: string): string => {
  const spans = htmlBlockSpans(html)
  const ids = paragraphIds(spans.map((s) => s.block))
  const inserts: Array<{ at: number; text: string }> = []
  spans.forEach((s, i) => {
    const made = ids[i]
    if (!made) return
    const open = `<${s.tag}`
    if (html.slice(s.start, s.start + open.length).toLowerCase() !== open || html[s.end] !== '<') return
    const id = s.id ?? made
    if (!s.id) inserts.push({ at: s.start + open.length, text: ` id="${id}"` })
    inserts.push({
      at: s.end,
      text: `<a class="anchor anchor--paragraph" href="#${escapeText(id)}"><span class="vh">${PARAGRAPH_LINK_LABEL}</span></a>`,
    })
  })
  inserts.sort((a, b) => a.at - b.at)
  let out = ''
  let from = 0
  for (const x of inserts) {
    out += html.slice(from, x.at) + x.text
    from = x.at
  }
  return out + html.slice(from)
}

/**
 * Every paragraph id that a revision of a chapter has and the next one lacks (the paragraph was
 * removed or changed), with each comparison where that happened, oldest first.
 * @example removedParagraphs([r1, r2]) // { 'avsnitt-1a2b3c4d': [[1, 2]] }
 */
export const removedParagraphs = (
  revisions: Array<Pick<Revision, 'revision' | 'html' | 'footnotes'>>,
): RemovedParagraphs => {
  const idsOf = (r: Pick<Revision, 'html' | 'footnotes'>) =>
    new Set(paragraphIds(revisionBlocks(r)).filter((id): id is string => id !== null))
  const removed: RemovedParagraphs = {}
  let before = revisions.length ? idsOf(revisions[0]) : new Set<string>()
  for (let i = 1; i < revisions.length; i++) {
    const after = idsOf(revisions[i])
    for (const id of before)
      if (!after.has(id)) (removed[id] ??= []).push([revisions[i - 1].revision, revisions[i].revision])
    before = after
  }
  return Object.fromEntries(Object.entries(removed).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
}

/**
 * The id of each block of a comparison, for the inline view: the id the paragraph had in the
 * earlier revision, on the blocks that were removed or changed (where a link to the old
 * paragraph lands), none on the others.
 */
export const comparisonIds = (
  before: Block[],
  changes: Array<{ type: 'same' | 'added' | 'removed' | 'changed' }>,
): Array<string | null> => {
  const ids = paragraphIds(before)
  let i = 0
  return changes.map((x) => {
    if (x.type === 'added') return null
    const id = ids[i++] ?? null
    return x.type === 'same' ? null : id
  })
}
