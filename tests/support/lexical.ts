/**
 * Lexical JSON for test content, node by node, in the shapes the admin's editor saves
 * (paragraphs, headings, lists, quotes, links, tables, footnote markers).
 */

import type { Chapter } from '../../cms/src/payload-types'

/** Rich text as the generated Payload types give it (a chapter's or a news item's body). */
type RichText = NonNullable<Chapter['body']>
export type Node = RichText['root']['children'][number]

/** Lexical's text format bits. */
export const FORMAT = {
  bold: 1,
  italic: 2,
  strikethrough: 4,
  underline: 8,
  code: 16,
  subscript: 32,
  superscript: 64,
} as const

export const text = (t: string, format = 0): Node => ({
  type: 'text',
  text: t,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
})

/** Text as the editor holds it: a line break is a node of its own, not a character in the text. */
export const lines = (t: string, format = 0): Node[] =>
  t
    .split('\n')
    .flatMap((line, i) => [
      ...(i > 0 ? [{ type: 'linebreak', version: 1 }] : []),
      ...(line ? [text(line, format)] : []),
    ])

export const element = (type: string, children: Node[], extra: Record<string, unknown> = {}): Node => ({
  type,
  format: '',
  indent: 0,
  version: 1,
  direction: 'ltr',
  children,
  ...extra,
})

export const paragraph = (...children: Node[]) => element('paragraph', children, { textFormat: 0, textStyle: '' })

export const heading = (tag: 'h2' | 'h3' | 'h4', ...children: Node[]) => element('heading', children, { tag })

export const quote = (...children: Node[]) => element('quote', children)

export const list = (listType: 'bullet' | 'number' | 'check', ...items: Node[][]) =>
  element(
    'list',
    items.map((children, i) =>
      element('listitem', children, { value: i + 1, ...(listType === 'check' ? { checked: i % 2 === 0 } : {}) }),
    ),
    { listType, tag: listType === 'number' ? 'ol' : 'ul', start: 1 },
  )

let ids = 0
const nextId = () => (0x65f0c0ffee000000n + BigInt(++ids)).toString(16).padStart(24, '0')

export const link = (url: string, ...children: Node[]): Node => ({
  ...element('link', children, { version: 3 }),
  fields: { linkType: 'custom', url, newTab: false },
  id: nextId(),
})

/** A table whose first row is a header row. */
export const table = (header: string[], ...rows: string[][]) =>
  element(
    'table',
    [header, ...rows].map((cells, r) =>
      element(
        'tablerow',
        cells.map((cell) =>
          element('tablecell', [paragraph(...lines(cell))], {
            headerState: r === 0 ? 1 : 0,
            colSpan: 1,
            rowSpan: 1,
            backgroundColor: null,
          }),
        ),
      ),
    ),
  )

/** A footnote marker; `note` is the footnote's number (anything else is what a client could send). */
export const footnoteRef = (note: unknown): Node => ({
  type: 'inlineBlock',
  version: 1,
  fields: { id: nextId(), blockType: 'footnoteRef', blockName: '', note },
})

export const richText = (...children: Node[]): RichText => ({
  root: { type: 'root', format: '', indent: 0, version: 1, direction: 'ltr', children },
})
