import { describe, expect, it } from 'vitest'

import { compareBlocks, htmlBlocks, wordDiff, type BlockChange } from '@rapport/site/lib/diff'

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
    [
      'an inserted word',
      '<p>Planen har tiltak.</p>',
      '<p>Planen har 17 tiltak.</p>',
      ['~p: Planen har {+17 +}tiltak.'],
    ],
    [
      'a deleted word',
      '<p>Planen har mange gode tiltak.</p>',
      '<p>Planen har gode tiltak.</p>',
      ['~p: Planen har [-mange -]gode tiltak.'],
    ],
    [
      'a replaced word',
      '<p>Fem effektmål for målområdet.</p>',
      '<p>Fire effektmål for målområdet.</p>',
      ['~p: [-Fem-]{+Fire+} effektmål for målområdet.'],
    ],
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

  it.each([
    [
      'nested list items as items of their own, the parent without its children’s words',
      '<ul><li>Første<ul><li>Under A</li><li>Under B</li></ul></li><li>Andre</li></ul>',
      [
        ['li', 'Første'],
        ['li', 'Under A'],
        ['li', 'Under B'],
        ['li', 'Andre'],
      ],
    ],
    [
      'a parent item’s words after its sub-list as its own',
      '<ol><li>Før <ol><li>Inne</li></ol> etter</li></ol>',
      [
        ['li', 'Før etter'],
        ['li', 'Inne'],
      ],
    ],
    [
      'three levels of lists',
      '<ul><li>1<ul><li>1.1<ul><li>1.1.1</li></ul></li></ul></li></ul>',
      [
        ['li', '1'],
        ['li', '1.1'],
        ['li', '1.1.1'],
      ],
    ],
    [
      'a table cell by cell, header cells too, paragraphs in a cell as its text',
      '<table><thead><tr><th>År</th><th>Leger</th></tr></thead><tbody><tr><td><p>2022</p></td><td><p>1 200</p><p>leger</p></td></tr></tbody></table>',
      [
        ['cell', 'År'],
        ['cell', 'Leger'],
        ['cell', '2022'],
        ['cell', '1 200 leger'],
      ],
    ],
    [
      'a footnote marker as [n] inside the text around it',
      '<p>Planen<sup class="fn-ref" id="fnref-3"><a href="#fn-3">3</a></sup> og meldingen<sup class="fn-ref"><a href="#fn-4">4</a></sup>.</p>',
      [['p', 'Planen[3] og meldingen[4].']],
    ],
    [
      'headings h2–h4 with their anchors’ text, and a line break as a space',
      '<h2 id="a">Mål<a class="anchor" href="#a" aria-hidden="true"></a></h2><h3>Del</h3><h4>Ledd</h4><p>En<br>to</p>',
      [
        ['h', 'Mål'],
        ['h', 'Del'],
        ['h', 'Ledd'],
        ['p', 'En to'],
      ],
    ],
    [
      'entities of every kind',
      '<p>&laquo;Fastlege&raquo; &amp; legevakt &#8211; 100&nbsp;%</p>',
      [['p', '«Fastlege» & legevakt – 100 %']],
    ],
    [
      'a tag’s look-alike in an attribute without splitting the block',
      '<p title="a</p><p>b">Én blokk</p>',
      [['p', 'Én blokk']],
    ],
    ['no empty blocks', '<p></p><p> </p><ul><li><ul><li>Bare under</li></ul></li></ul>', [['li', 'Bare under']]],
  ])('reads %s', (_name, html, expected) => {
    expect(htmlBlocks(html).map((b) => [b.kind, b.text])).toEqual(expected)
  })

  it('marks a change to a sub-item on that sub-item alone', () => {
    expect(
      compare(
        '<ul><li>Første<ul><li>Under A</li></ul></li></ul>',
        '<ul><li>Første<ul><li>Under A endret</li></ul></li></ul>',
      ),
    ).toEqual(['=li: Første', '~li: Under A{+ endret+}'])
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
    expect(
      parts
        .filter((p) => p.op !== 1)
        .map((p) => p.text)
        .join(''),
    ).toBe(a)
    expect(
      parts
        .filter((p) => p.op !== -1)
        .map((p) => p.text)
        .join(''),
    ).toBe(b)
  })
})
