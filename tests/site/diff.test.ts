import { describe, expect, it } from 'vitest'

import { compareBlocks, htmlBlocks, wordDiff, type BlockChange } from '../../site/src/lib/diff'

const marked = (changes: BlockChange[]) =>
  changes.map((c) =>
    c.type === 'changed'
      ? `~${c.after.kind}: ${c.parts.map((p) => (p.op === 0 ? p.text : p.op === 1 ? `{+${p.text}+}` : `[-${p.text}-]`)).join('')}`
      : `${c.type === 'same' ? '=' : c.type === 'added' ? '+' : '-'}${c.block.kind}: ${c.block.text}`,
  )

const compare = (a: string, b: string, fa: Array<{ number: number; html: string }> = [], fb = fa) =>
  marked(compareBlocks(htmlBlocks(a, fa), htmlBlocks(b, fb)))

describe('redline between two revisions', () => {
  it.each([
    ['an inserted word', '<p>Planen har tiltak.</p>', '<p>Planen har 17 tiltak.</p>', ['~p: Planen har {+17 +}tiltak.']],
    ['a deleted word', '<p>Planen har mange gode tiltak.</p>', '<p>Planen har gode tiltak.</p>', ['~p: Planen har [-mange -]gode tiltak.']],
    ['a replaced word', '<p>Fem effektmål for målområdet.</p>', '<p>Fire effektmål for målområdet.</p>', ['~p: [-Fem-]{+Fire+} effektmål for målområdet.']],
    [
      'a moved paragraph',
      '<p>Første avsnitt.</p><p>Andre avsnitt.</p><p>Tredje avsnitt.</p>',
      '<p>Andre avsnitt.</p><p>Tredje avsnitt.</p><p>Første avsnitt.</p>',
      ['-p: Første avsnitt.', '=p: Andre avsnitt.', '=p: Tredje avsnitt.', '+p: Første avsnitt.'],
    ],
    [
      'a changed list item',
      '<ul><li>Kontinuitet</li><li>Likeverdig tilgang</li></ul>',
      '<ul><li>Kontinuitet</li><li>Likeverdig og rask tilgang</li></ul>',
      ['=li: Kontinuitet', '~li: Likeverdig {+og rask +}tilgang'],
    ],
    [
      'a changed table cell',
      '<table><tbody><tr><td>2022</td><td>1 200 leger</td></tr></tbody></table>',
      '<table><tbody><tr><td>2022</td><td>1 250 leger</td></tr></tbody></table>',
      ['=cell: 2022', '~cell: 1 [-200-]{+250+} leger'],
    ],
    ['an added paragraph', '<p>Ett.</p>', '<p>Ett.</p><p>To.</p>', ['=p: Ett.', '+p: To.']],
    ['a heading that is now a paragraph', '<h2 id="x">Mål</h2>', '<p>Mål</p>', ['-h: Mål', '+p: Mål']],
  ])('marks exactly %s', (_name, a, b, expected) => {
    expect(compare(a, b)).toEqual(expected)
  })

  it('marks a changed footnote and keeps its marker in the text', () => {
    expect(
      compare(
        '<p>Planen<sup class="fn-ref" id="fnref-15"><a href="#fn-15">15</a></sup> sier det.</p>',
        '<p>Planen<sup class="fn-ref" id="fnref-15"><a href="#fn-15">15</a></sup> sier det.</p>',
        [{ number: 15, html: 'Meld. St. 9 (2023–2024)' }],
        [{ number: 15, html: 'Meld. St. 9 (2023–2024), kapittel 5' }],
      ),
    ).toEqual(['=p: Planen[15] sier det.', '~note: [15] Meld. St. 9 (2023–2024){+, kapittel 5+}'])
  })

  it('reads quotes paragraph by paragraph and decodes entities', () => {
    expect(htmlBlocks('<blockquote><p>En &amp; to.</p><p>Tre.</p></blockquote><p>Fire &lt;5&gt;.</p>')).toEqual([
      { kind: 'quote', text: 'En & to.' },
      { kind: 'quote', text: 'Tre.' },
      { kind: 'p', text: 'Fire <5>.' },
    ])
  })

  it('turns a into b whatever it marks, also for unrelated texts', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `ord${i % 97}`).join(' ')
    const b = Array.from({ length: 3000 }, (_, i) => `annet${i % 89}`).join(' ')
    const parts = wordDiff(a, b, 50)
    expect(parts.filter((p) => p.op !== 1).map((p) => p.text).join('')).toBe(a)
    expect(parts.filter((p) => p.op !== -1).map((p) => p.text).join('')).toBe(b)
  })
})
