/** Paragraph anchors: ids from the words, kept where a paragraph is unchanged, and where a link to a lost one leads. */
import { describe, expect, it } from 'vitest'

import { compareBlocks, htmlBlocks } from '@rapport/site/lib/diff'
import { inlineRedline } from '@rapport/site/lib/redline'
import {
  addParagraphAnchors,
  comparisonIds,
  paragraphIds,
  paragraphKey,
  removalFor,
  removedParagraphs,
} from '@rapport/site/lib/paragraphs'

const idsOf = (html: string) => paragraphIds(htmlBlocks(html))
const anchorsIn = (html: string) => [...addParagraphAnchors(html).matchAll(/<(p|li) id="([^"]+)">/g)].map((m) => m[2])
const V1 =
  '<p>Første avsnitt.</p><h2 id="mal">Mål</h2><p>Andre avsnitt om fastleger.</p><ul><li>Punkt en</li><li>Punkt to</li></ul><p>Siste avsnitt.</p>'

describe('paragraph ids', () => {
  it('gives every paragraph and list item an id from its words, and headings, cells and footnotes none', () => {
    const ids = paragraphIds([
      { kind: 'p', text: 'Ja.' },
      { kind: 'h', text: 'Mål' },
      { kind: 'li', text: 'Punkt' },
      { kind: 'quote', text: 'Sitat' },
      { kind: 'cell', text: '12' },
      { kind: 'note', text: '[1] Kilde' },
    ])
    expect(ids.map((id) => (id === null ? null : /^avsnitt-[0-9a-f]{8}$/.test(id)))).toEqual([
      true,
      null,
      true,
      true,
      null,
      null,
    ])
  })

  it.each([
    [
      'an unchanged paragraph keeps its id, wherever it moves',
      '<p>Første avsnitt.</p>',
      '<p>Nytt avsnitt foran.</p><p>Første avsnitt.</p>',
      true,
    ],
    [
      'other markup, the same words: the same id',
      '<p>Første <strong>avsnitt</strong>.</p>',
      '<p>Første avsnitt.</p>',
      true,
    ],
    ['spaces and line breaks do not count', '<p>Første\n  avsnitt.</p>', '<p>Første avsnitt.</p>', true],
    [
      'a renumbered footnote leaves the paragraph as it was',
      '<p>Tekst<sup class="fn-ref" id="fnref-3"><a href="#fn-3">3</a></sup> her.</p>',
      '<p>Tekst<sup class="fn-ref" id="fnref-4"><a href="#fn-4">4</a></sup> her.</p>',
      true,
    ],
    ['a changed word gives a new id', '<p>Første avsnitt.</p>', '<p>Første avsnittet.</p>', false],
    ['a changed comma gives a new id', '<p>Ja, nei.</p>', '<p>Ja nei.</p>', false],
  ])('%s', (_, before, after, same) => {
    const a = idsOf(before)[0]
    const b = idsOf(after).at(-1)
    expect(a === b).toBe(same)
  })

  it.each([
    ['footnote markers are left out', 'Fastlegene  [15] har mange pasienter.', 'Fastlegene har mange pasienter.'],
    ['a run of spaces is one space, and space at either end goes', ' \n Første   avsnitt. ', 'Første avsnitt.'],
    ['one tab, line break or no-break space is a space', 'Første\tmål.\nOg\u00a0mer.', 'Første mål. Og mer.'],
    ['a letter with its accent apart is the one letter (NFC)', 'Kafe\u0301 åpnet.', 'Kafé åpnet.'],
  ])('the words of a paragraph: %s', (_, text, key) => {
    expect(paragraphKey(text)).toBe(key)
  })

  it('makes the ids of paragraphs with the same words unique, in order', () => {
    const ids = idsOf('<p>Se over.</p><p>Annet.</p><p>Se over.</p><ul><li>Se over.</li></ul>')
    expect(new Set(ids).size).toBe(4)
    expect(ids[2]).toBe(`${ids[0]}-2`)
    expect(ids[3]).toBe(`${ids[0]}-3`)
  })

  it('is the same id the page gives the paragraph and the comparison its removed text', () => {
    expect(anchorsIn(V1)).toEqual(idsOf(V1).filter(Boolean))
  })
})

describe('paragraph anchors in the page', () => {
  it('puts the id on the element and a link to it after its last word, the text left as it was', () => {
    const [id] = idsOf('<p>Ja.</p>')
    expect(addParagraphAnchors('<p>Ja.</p>')).toBe(
      `<p id="${id}">Ja.<a class="anchor anchor--paragraph" href="#${id}"><span class="vh">Lenke til avsnittet</span></a></p>`,
    )
  })

  it('links a list item before its sub-list, and each sub-item of its own', () => {
    const html = addParagraphAnchors('<ul><li>En<ul><li>To</li></ul></li></ul>')
    expect(html).toMatch(
      /^<ul><li id="(avsnitt-[0-9a-f]{8})">En<a class="anchor anchor--paragraph" href="#\1">.*?<\/a><ul><li id="(avsnitt-[0-9a-f]{8})">To<a [^>]*href="#\2">.*?<\/a><\/li><\/ul><\/li><\/ul>$/,
    )
  })

  it('keeps an id an element already has, and leaves headings, tables and footnote markers alone', () => {
    const html =
      '<h2 id="mal">Mål</h2><p id="egen">Tekst<sup class="fn-ref" id="fnref-1"><a href="#fn-1">1</a></sup>.</p><table><tbody><tr><td>Celle</td></tr></tbody></table>'
    const out = addParagraphAnchors(html)
    expect(out).toContain('<h2 id="mal">Mål</h2>')
    expect(out).toContain(
      '<p id="egen">Tekst<sup class="fn-ref" id="fnref-1"><a href="#fn-1">1</a></sup>.<a class="anchor anchor--paragraph" href="#egen">',
    )
    expect(out).toContain('<td>Celle</td>')
  })

  it('leaves the text the redline compares as it was', () => {
    expect(htmlBlocks(addParagraphAnchors(V1)).map((b) => b.text.replace(/Lenke til avsnittet$/, ''))).toEqual(
      htmlBlocks(V1).map((b) => b.text),
    )
  })
})

describe('links to paragraphs a version lacks', () => {
  const r = (revision: number, html: string) => ({ revision, html, footnotes: [] })
  const v2 = V1.replace('<p>Andre avsnitt om fastleger.</p>', '')
  const v3 = v2.replace('Punkt to', 'Punkt to, endret')
  const removedInV2 = idsOf('<p>Andre avsnitt om fastleger.</p>')[0]!
  const changedInV3 = idsOf('<ul><li>Punkt to</li></ul>')[0]!

  it('lists each paragraph id removed or changed, with the comparison where it was', () => {
    expect(removedParagraphs([r(1, V1), r(2, v2), r(3, v3)])).toEqual({
      [removedInV2]: [[1, 2]],
      [changedInV3]: [[2, 3]],
    })
  })

  it('lists nothing for a chapter whose paragraphs all stayed', () => {
    expect(removedParagraphs([r(1, V1), r(2, `${V1}<p>Nytt.</p>`)])).toEqual({})
  })

  it.each([
    ['a paragraph removed before the version read', 3, [1, 2]],
    ['the same, on the version that removed it', 2, [1, 2]],
    ['a version from before the paragraph was removed: nowhere', 1, null],
  ])('%s', (_, at, expected) => {
    expect(removalFor({ [removedInV2]: [[1, 2]] }, removedInV2, at)).toEqual(expected)
  })

  it('picks the latest removal at or before the version when a paragraph came back and went again', () => {
    const removedTwice: Parameters<typeof removalFor>[0] = {
      x: [
        [1, 2],
        [4, 5],
      ],
    }
    expect(removalFor(removedTwice, 'x', 6)).toEqual([4, 5])
    expect(removalFor(removedTwice, 'x', 4)).toEqual([1, 2])
    expect(removalFor({}, 'toString', 3)).toBeNull()
  })

  it('puts the old id on the removed and changed paragraphs of the comparison, and no other', () => {
    const before = htmlBlocks(v2)
    const blocks = compareBlocks(before, htmlBlocks(v3))
    const html = inlineRedline(blocks, comparisonIds(before, blocks))
    expect([...html.matchAll(/<p id="([^"]+)"/g)].map((m) => m[1])).toEqual([changedInV3])
    const removal = compareBlocks(htmlBlocks(V1), htmlBlocks(v2))
    expect(inlineRedline(removal, comparisonIds(htmlBlocks(V1), removal))).toContain(
      `<p id="${removedInV2}" class="block block--p block--removed">`,
    )
  })
})
