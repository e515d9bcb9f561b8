/**
 * The texts behind "compare any two versions" on a chapter's history page
 * (/<edition>/<chapter>/versjoner/tekst.json). Revisions share most of their blocks, so each
 * distinct block is sent once and every revision lists its blocks by number: for five
 * revisions that each change a few paragraphs, about a quarter of the text sent in full.
 */
import type { Block } from './diff'

export type RevisionTexts = {
  /** Every distinct block of the chapter's revisions, in the order first met. */
  blocks: Block[]
  /** Each revision with its blocks, as numbers into `blocks`. */
  revisions: Array<{ revision: number; publishedAt: string; blocks: number[] }>
}

/**
 * The texts of a chapter's revisions, each distinct block once.
 * @example revisionTexts([{ revision: 1, publishedAt: 't1', blocks: [a, b] }, { revision: 2, publishedAt: 't2', blocks: [a, c] }]) // { blocks: [a, b, c], revisions: [{ …, blocks: [0, 1] }, { …, blocks: [0, 2] }] }
 */
export const revisionTexts = (
  revisions: Array<{ revision: number; publishedAt: string; blocks: Block[] }>,
): RevisionTexts => {
  const blocks: Block[] = []
  const numbers = new Map<string, Map<string, number>>() // by kind, then text
  const numberOf = (b: Block) => {
    let ofKind = numbers.get(b.kind)
    if (!ofKind) numbers.set(b.kind, (ofKind = new Map()))
    let n = ofKind.get(b.text)
    if (n === undefined) {
      ofKind.set(b.text, (n = blocks.length))
      blocks.push({ kind: b.kind, text: b.text })
    }
    return n
  }
  return {
    blocks,
    revisions: revisions.map((r) => ({
      revision: r.revision,
      publishedAt: r.publishedAt,
      blocks: r.blocks.map(numberOf),
    })),
  }
}

/** The blocks of one revision in the texts, or null when they have no such revision. */
export const blocksOf = (texts: RevisionTexts, revision: number): Block[] | null => {
  const r = texts.revisions.find((x) => x.revision === revision)
  return r ? r.blocks.map((n) => texts.blocks[n]) : null
}
