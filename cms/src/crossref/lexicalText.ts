/** Reading a Lexical body as text, blocks, links and footnote markers. */
import type { LexicalNode, LexicalState } from '../lib/lexical'

export type { LexicalNode, LexicalState }

const BLOCKS = new Set(['paragraph', 'heading', 'listitem', 'quote', 'tablecell'])

/** The text of a node and its descendants; footnote markers read as "[n]". */
export const nodeText = (node: LexicalNode): string => {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'linebreak') return '\n'
  if (node.type === 'inlineBlock' && node.fields?.blockType === 'footnoteRef') return `[${node.fields.note}]`
  return (node.children ?? []).map(nodeText).join('')
}

/** Each block of a body (paragraph, heading, list item, quote, table cell) with its text. */
export const blocks = (state: LexicalState | null | undefined): Array<{ type: string; text: string }> => {
  const out: Array<{ type: string; text: string }> = []
  const walk = (node: LexicalNode) => {
    if (BLOCKS.has(node.type) && !(node.children ?? []).some((c) => c.type === 'list')) {
      out.push({
        type: node.type,
        text: nodeText(node)
          .replace(/[ \t]+/g, ' ')
          .trim(),
      })
      return
    }
    node.children?.forEach(walk)
  }
  if (state?.root) walk(state.root)
  return out
}

/** Every link in a body: its address and text. */
export const links = (state: LexicalState | null | undefined): Array<{ url: string; text: string }> => {
  const out: Array<{ url: string; text: string }> = []
  const walk = (node: LexicalNode) => {
    if ((node.type === 'link' || node.type === 'autolink') && typeof node.fields?.url === 'string') {
      out.push({ url: node.fields.url, text: nodeText(node).trim() })
    }
    node.children?.forEach(walk)
  }
  if (state?.root) walk(state.root)
  return out
}

/** The note numbers of the footnote markers in a body, in order of appearance. */
export const footnoteMarkers = (state: LexicalState | null | undefined): number[] => {
  const out: number[] = []
  const walk = (node: LexicalNode) => {
    if (node.type === 'inlineBlock' && node.fields?.blockType === 'footnoteRef') out.push(Number(node.fields.note))
    node.children?.forEach(walk)
  }
  if (state?.root) walk(state.root)
  return out
}
