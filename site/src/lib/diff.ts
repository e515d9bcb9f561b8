/**
 * Word-level redlines between two revisions, with diff-match-patch: blocks (paragraphs, list
 * items, headings, cells, footnotes) are matched first, then the words of changed blocks.
 * Bounded: a diff that runs out of time returns a coarser (still correct) result.
 */
import DiffMatchPatch from 'diff-match-patch'
import { Parser } from 'htmlparser2'

export type Block = { kind: 'h' | 'p' | 'li' | 'quote' | 'cell' | 'note'; text: string }
export type Part = { op: -1 | 0 | 1; text: string }
export type BlockChange =
  | { type: 'same'; block: Block }
  | { type: 'added'; block: Block }
  | { type: 'removed'; block: Block }
  | { type: 'changed'; before: Block; after: Block; parts: Part[] }

/** Whitespace runs as single spaces, trimmed. */
const tidy = (text: string) => {
  // Only where it has something to do: most blocks are plain text with single spaces.
  const untidy = /[^\S ]/.test(text) || text.includes('  ') || text.startsWith(' ') || text.endsWith(' ')
  return untidy ? text.replace(/\s+/g, ' ').trim() : text
}

const KIND: Record<string, Block['kind']> = {
  h2: 'h',
  h3: 'h',
  h4: 'h',
  p: 'p',
  li: 'li',
  td: 'cell',
  th: 'cell',
  blockquote: 'quote',
}
/** Blocks whose paragraphs are part of their own text, not blocks of their own. */
const HOLDS_PARAGRAPHS = new Set<Block['kind']>(['li', 'cell'])

/** Elements that end the text of the block they stand in (a sub-list ends its list item's). */
const ENDS_OWN_TEXT = new Set([
  'ul',
  'ol',
  'table',
  'blockquote',
  'div',
  'dl',
  'pre',
  'figure',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
])

type OpenBlock = {
  tag: string
  kind: Block['kind']
  slot: number
  text: string
  start: number
  id: string | null
  innerEnd: number | null
}

/**
 * Where a block stands in its HTML: its opening tag starts at `start`, its own text ends at
 * `end` (its closing tag, or the first block inside it, such as a sub-list), and `id` is the id
 * the element already has, if any.
 */
export type BlockSpan = { block: Block; tag: string; start: number; end: number; id: string | null }

/**
 * Reads HTML with a real parser into blocks: each heading, paragraph, list item, table cell and
 * quoted paragraph, in document order, with its own text. A block inside another (a sub-list in a
 * list item, a table in a cell) is a block of its own, and its words are not its parent's; a
 * paragraph inside a list item or a cell is part of that item's text. A footnote marker reads as
 * «[n]», a line break as a space; entities are decoded; text outside any block is left out.
 */
const readBlocks = (html: string, blocks: Block[], spans?: BlockSpan[]) => {
  const open: OpenBlock[] = []
  /** Depth inside the footnote marker's <sup class="fn-ref">: its number is written «[n]». */
  let footnoteDepth = 0
  const slots: Array<Block | null> = []
  const slotSpans: Array<Omit<BlockSpan, 'block'> | null> = []
  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        const current = open.at(-1)
        if (tag === 'sup' && /(^|\s)fn-ref(\s|$)/.test(attributes.class ?? '')) {
          footnoteDepth = 1
          if (current) current.text += '['
          return
        }
        if (footnoteDepth) footnoteDepth++
        if (tag === 'br') {
          if (current) current.text += ' '
          return
        }
        // Where a block's own text ends: at the first list, table or other block inside it.
        if (current && current.innerEnd === null && ENDS_OWN_TEXT.has(tag)) current.innerEnd = parser.startIndex
        let kind = KIND[tag]
        if (!kind) return
        if (tag === 'p' && current) {
          if (HOLDS_PARAGRAPHS.has(current.kind)) {
            current.text += ' '
            return
          }
          if (current.kind === 'quote') kind = 'quote'
        }
        open.push({
          tag,
          kind,
          slot: slots.length,
          text: '',
          start: parser.startIndex,
          id: attributes.id ?? null,
          innerEnd: null,
        })
        slots.push(null)
        slotSpans.push(null)
      },
      ontext(text) {
        const current = open.at(-1)
        if (current) current.text += text
      },
      onclosetag(tag) {
        const current = open.at(-1)
        if (footnoteDepth) {
          footnoteDepth--
          if (footnoteDepth === 0 && tag === 'sup') {
            if (current) current.text += ']'
            return
          }
        }
        if (tag === 'p' && current && current.tag !== 'p' && HOLDS_PARAGRAPHS.has(current.kind)) {
          current.text += ' '
          return
        }
        if (!current || current.tag !== tag || !KIND[tag]) return
        open.pop()
        const text = tidy(current.text)
        if (text) {
          slots[current.slot] = { kind: current.kind, text }
          slotSpans[current.slot] = {
            tag,
            start: current.start,
            end: current.innerEnd ?? parser.startIndex,
            id: current.id,
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  )
  parser.end(html)
  slots.forEach((block, i) => {
    if (!block) return
    blocks.push(block)
    spans?.push({ block, ...slotSpans[i]! })
  })
}

/**
 * The blocks of an HTML fragment with where each stands in it, in the order htmlBlocks reads
 * them: for marking up the blocks of a revision's text (see paragraphs.ts).
 */
export const htmlBlockSpans = (html: string): BlockSpan[] => {
  const spans: BlockSpan[] = []
  readBlocks(html, [], spans)
  return spans
}

/** The text of an HTML fragment (a footnote), read as the blocks are. */
const textOf = (html: string) => {
  if (!html.includes('<') && !html.includes('&')) return tidy(html)
  let text = ''
  const parser = new Parser(
    {
      onopentag(tag) {
        if (tag === 'br' || tag === 'p') text += ' '
      },
      ontext(part) {
        text += part
      },
    },
    { decodeEntities: true },
  )
  parser.end(html)
  return tidy(text)
}

/**
 * The blocks of a revision's HTML (and its footnotes), as text.
 * @example htmlBlocks('<h2 id="a">Mål</h2><ul><li>En<ul><li>To</li></ul></li></ul>') // [{ kind: 'h', text: 'Mål' }, { kind: 'li', text: 'En' }, { kind: 'li', text: 'To' }]
 */
export const htmlBlocks = (html: string, footnotes: Array<{ number: number; html: string }> = []): Block[] => {
  const blocks: Block[] = []
  readBlocks(html, blocks)
  for (const f of footnotes) blocks.push({ kind: 'note', text: `[${f.number}] ${textOf(f.html)}` })
  return blocks
}

const blocksOf = new WeakMap<object, Block[]>()

/**
 * The blocks of a revision, worked out once per revision object: a build compares each revision
 * with the one before and after it and lists it for "compare any two", from the same objects.
 */
export const revisionBlocks = (r: { html: string; footnotes: Array<{ number: number; html: string }> }): Block[] => {
  let blocks = blocksOf.get(r)
  if (!blocks) blocksOf.set(r, (blocks = htmlBlocks(r.html, r.footnotes)))
  return blocks
}

const dmp = new DiffMatchPatch()

/**
 * Encodes items as characters so diff-match-patch diffs sequences of them, not letters; items
 * with the same key are one character (`items` holds the first of each).
 */
const encode = <T>(a: T[], b: T[], keys: (list: T[]) => string[]) => {
  const table = new Map<string, number>()
  const items: T[] = []
  const enc = (list: T[]) => {
    const k = keys(list)
    const codes = new Uint16Array(list.length)
    for (let i = 0; i < list.length; i++) {
      let code = table.get(k[i])
      if (code === undefined) {
        code = items.length + 1
        table.set(k[i], code)
        items.push(list[i])
      }
      codes[i] = code
    }
    // One string from all the codes at once, not one concatenation per item.
    let out = ''
    for (let i = 0; i < codes.length; i += 8192)
      out += String.fromCharCode.apply(null, codes.subarray(i, i + 8192) as unknown as number[])
    return out
  }
  return { a: enc(a), b: enc(b), items }
}

const same = (list: string[]) => list

const keysOf = new WeakMap<Block[], string[]>()
/** The blocks' identities (kind and text), once per list: a revision's blocks are compared with both its neighbours'. */
const blockKeys = (blocks: Block[]): string[] => {
  let keys = keysOf.get(blocks)
  // Joined, not a template: a template makes a concatenation the map compares piece by piece on
  // every lookup; join makes one flat string.
  if (!keys) keysOf.set(blocks, (keys = blocks.map((b) => [b.kind, b.text].join('\u0001'))))
  return keys
}

const decodeDiff = (diffs: Array<[number, string]>, items: string[]): Part[] =>
  diffs.map(([op, chars]) => ({
    op: op as Part['op'],
    text: [...chars].map((c) => items[c.charCodeAt(0) - 1]).join(''),
  }))

/** Words, spaces and punctuation as tokens: a change is marked on whole words. */
export const tokens = (text: string): string[] => text.match(/[\p{L}\p{N}]+|\s+|[^\p{L}\p{N}\s]/gu) ?? []

/**
 * The word-level difference of two texts. `deadlineMs` bounds the work: past it, the diff is
 * coarser (whole spans marked) but still turns a into b.
 * @example wordDiff('Fem tiltak', 'Seks tiltak') // [{op:-1,text:'Fem'},{op:1,text:'Seks'},{op:0,text:' tiltak'}]
 */
export const wordDiff = (a: string, b: string, deadlineMs = 100): Part[] => {
  const ta = tokens(a)
  const tb = tokens(b)
  if (ta.length + tb.length > 60_000)
    return a === b
      ? [{ op: 0, text: a }]
      : [
          { op: -1, text: a },
          { op: 1, text: b },
        ]
  const { a: ea, b: eb, items } = encode(ta, tb, same)
  dmp.Diff_Timeout = deadlineMs / 1000
  const diffs = dmp.diff_main(ea, eb, false)
  dmp.diff_cleanupSemantic(diffs)
  return mergeParts(decodeDiff(diffs, items))
}

const mergeParts = (parts: Part[]): Part[] =>
  parts.reduce<Part[]>((out, p) => {
    const last = out[out.length - 1]
    if (last && last.op === p.op) last.text += p.text
    else if (p.text) out.push({ ...p })
    return out
  }, [])

/** The block-by-block comparison of two revisions, with word diffs inside changed blocks. */
export const compareBlocks = (before: Block[], after: Block[], deadlineMs = 200): BlockChange[] => {
  const { a, b, items } = encode(before, after, blockKeys)
  dmp.Diff_Timeout = deadlineMs / 2000
  const diffs = dmp.diff_main(a, b, false)
  const toBlock = (c: string): Block => items[c.charCodeAt(0) - 1]
  const out: BlockChange[] = []
  for (let i = 0; i < diffs.length; i++) {
    const [op, chars] = diffs[i]
    const blocks = [...chars].map(toBlock)
    if (op === 0) {
      for (const block of blocks) out.push({ type: 'same', block })
      continue
    }
    if (op === -1 && diffs[i + 1]?.[0] === 1) {
      // A removed run followed by an added run: pair blocks of the same kind as edits.
      const added = [...diffs[i + 1][1]].map(toBlock)
      const n = Math.max(blocks.length, added.length)
      for (let j = 0; j < n; j++) {
        const x = blocks[j]
        const y = added[j]
        if (x && y && x.kind === y.kind)
          out.push({ type: 'changed', before: x, after: y, parts: wordDiff(x.text, y.text, deadlineMs / 4) })
        else {
          if (x) out.push({ type: 'removed', block: x })
          if (y) out.push({ type: 'added', block: y })
        }
      }
      i++
      continue
    }
    for (const block of blocks) out.push(op === -1 ? { type: 'removed', block } : { type: 'added', block })
  }
  return out
}
