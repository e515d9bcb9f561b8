import { createHash } from 'node:crypto'

/** Builders for Payload's serialized Lexical JSON, exactly as the editor stores it. */

export type Node = Record<string, unknown>

const element = (type: string, children: Node[], extra: Record<string, unknown> = {}): Node => ({
  type,
  format: '',
  indent: 0,
  version: 1,
  direction: 'ltr',
  ...extra,
  children,
})

export const text = (value: string): Node => ({
  type: 'text',
  text: value,
  format: 0,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
})
export const linebreak = (): Node => ({ type: 'linebreak', version: 1 })
export const paragraph = (children: Node[]): Node => element('paragraph', children, { textFormat: 0, textStyle: '' })
export const heading = (value: string, tag: 'h2' | 'h3' = 'h2'): Node => element('heading', [text(value)], { tag })
export const quote = (children: Node[]): Node => element('quote', children)
export const listItem = (children: Node[], value: number): Node => element('listitem', children, { value })
export const list = (items: Node[][]): Node =>
  element(
    'list',
    items.map((children, i) => listItem(children, i + 1)),
    { listType: 'bullet', tag: 'ul', start: 1 },
  )
export const link = (url: string, value: string, id: string): Node => ({
  ...element('link', [text(value)], { version: 3 }),
  fields: { linkType: 'custom', url, newTab: false },
  id,
})
export const footnoteRef = (note: number, id: string): Node => ({
  type: 'inlineBlock',
  version: 1,
  fields: { id, blockType: 'footnoteRef', blockName: '', note },
})
export const root = (children: Node[]) => ({ root: element('root', children) })

/**
 * A stable 24-hex id (the shape Payload gives block and link ids) from a key.
 * @example stableId('arsrapport-2023/malbildet-for-arbeidet/fn-15') // 24 hex characters, always the same
 */
export const stableId = (key: string): string => createHash('sha1').update(key).digest('hex').slice(0, 24)

/** Inline content of a paragraph: text with "[15]" footnote markers made into marker nodes. */
export const inline = (value: string, idPrefix: string): Node[] => {
  const nodes: Node[] = []
  const pattern = /\s*\[(\d+)\]/g
  let last = 0
  for (const match of value.matchAll(pattern)) {
    const before = value.slice(last, match.index)
    if (before) nodes.push(text(before))
    nodes.push(footnoteRef(Number(match[1]), stableId(`${idPrefix}/fn-${match[1]}`)))
    last = (match.index ?? 0) + match[0].length
  }
  const rest = value.slice(last)
  if (rest) nodes.push(text(rest))
  return nodes
}
