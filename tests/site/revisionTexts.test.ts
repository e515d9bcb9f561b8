import { describe, expect, it } from 'vitest'

import type { Block } from '@rapport/site/lib/diff'
import { blocksOf, revisionTexts } from '@rapport/site/lib/revisionTexts'

const p = (text: string): Block => ({ kind: 'p', text })
const h = (text: string): Block => ({ kind: 'h', text })
const revisions = [
  {
    revision: 1,
    publishedAt: '2024-05-31T10:00:00.000Z',
    blocks: [h('Mål'), p('Første avsnitt.'), p('Andre avsnitt.')],
  },
  {
    revision: 2,
    publishedAt: '2024-06-12T08:30:00.000Z',
    blocks: [h('Mål'), p('Første avsnitt, rettet.'), p('Andre avsnitt.')],
  },
  {
    revision: 3,
    publishedAt: '2024-09-02T08:00:00.000Z',
    blocks: [h('Mål'), p('Mål'), p('Andre avsnitt.'), p('Andre avsnitt.')],
  },
]

describe('the texts for comparing any two versions', () => {
  const texts = revisionTexts(revisions)

  it.each([
    [
      'gives back each revision’s blocks, in order',
      () => [1, 2, 3].map((n) => blocksOf(texts, n)),
      revisions.map((r) => r.blocks),
    ],
    [
      'holds each distinct block once, in the order first met',
      () => texts.blocks,
      [h('Mål'), p('Første avsnitt.'), p('Andre avsnitt.'), p('Første avsnitt, rettet.'), p('Mål')],
    ],
    ['keeps blocks of the same text but another kind apart', () => texts.revisions[2].blocks, [0, 4, 2, 2]],
    [
      'keeps each revision’s number and time',
      () => texts.revisions.map((r) => [r.revision, r.publishedAt]),
      revisions.map((r) => [r.revision, r.publishedAt]),
    ],
    ['has no blocks for a revision it does not hold', () => blocksOf(texts, 9), null],
    ['survives JSON, as it is sent', () => blocksOf(JSON.parse(JSON.stringify(texts)), 2), revisions[1].blocks],
  ])('%s', (_name, actual, expected) => {
    expect(actual()).toEqual(expected)
  })
})
