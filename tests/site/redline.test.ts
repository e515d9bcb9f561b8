import { describe, expect, it } from 'vitest'

import type { BlockChange } from '@rapport/site/lib/diff'
import { escapeText } from '@rapport/site/lib/html'
import { inlineRedline, sideBySideRows } from '@rapport/site/lib/redline'

const ADDED = '<ins><span class="vh">lagt til: </span>'
const REMOVED = '<del><span class="vh">slettet: </span>'

const same: BlockChange = { type: 'same', block: { kind: 'h', text: 'Mål & tiltak' } }
const SAME_ROW = '<tr> <td>Mål &amp; tiltak</td><td>Mål &amp; tiltak</td> </tr>'
const added: BlockChange = { type: 'added', block: { kind: 'p', text: 'Nytt <avsnitt>.' } }
const removed: BlockChange = { type: 'removed', block: { kind: 'li', text: 'Gammelt punkt' } }
const changed: BlockChange = {
  type: 'changed',
  before: { kind: 'p', text: 'Fem "tiltak" i år' },
  after: { kind: 'p', text: 'Seks "tiltak" i år' },
  parts: [
    { op: -1, text: 'Fem' },
    { op: 1, text: 'Seks' },
    { op: 0, text: ' "tiltak" i år' },
  ],
}

describe('the redline’s markup', () => {
  it.each([
    [
      'escapes the five characters Astro escapes in text',
      () => escapeText(`a & b < c > d 'e' "f"`),
      'a &amp; b &lt; c &gt; d &#39;e&#39; &quot;f&quot;',
    ],
    ['leaves text without them as it is', () => escapeText('Målområde 2'), 'Målområde 2'],
    [
      'shows an unchanged block as a paragraph of its kind',
      () => inlineRedline([same]),
      '<p class="block block--h">Mål &amp; tiltak</p>',
    ],
    [
      'marks an added block whole, with a label for screen readers',
      () => inlineRedline([added]),
      `<p class="block block--p block--added">${ADDED}Nytt &lt;avsnitt&gt;.</ins></p>`,
    ],
    [
      'marks a removed block whole',
      () => inlineRedline([removed]),
      `<p class="block block--li block--removed">${REMOVED}Gammelt punkt</del></p>`,
    ],
    [
      'marks a changed block word by word, inline',
      () => inlineRedline([changed]),
      `<p class="block block--p">${REMOVED}Fem</del>${ADDED}Seks</ins> &quot;tiltak&quot; i år</p>`,
    ],
    [
      'leaves out an unchanged block with no change beside it, counting it',
      () => sideBySideRows([same]),
      '<tr class="gap"><td colspan="2">1 avsnitt uten endringer</td></tr>',
    ],
    [
      'puts an added block on the right beside an empty cell',
      () => sideBySideRows([added]),
      `<tr> <td></td><td>${ADDED}Nytt &lt;avsnitt&gt;.</ins></td> </tr>`,
    ],
    [
      'puts a removed block on the left beside an empty cell',
      () => sideBySideRows([removed]),
      `<tr> <td>${REMOVED}Gammelt punkt</del></td><td></td> </tr>`,
    ],
    [
      'shows each side of a changed block with only its own words marked',
      () => sideBySideRows([changed]),
      `<tr> <td>${REMOVED}Fem</del> &quot;tiltak&quot; i år</td><td>${ADDED}Seks</ins> &quot;tiltak&quot; i år</td> </tr>`,
    ],
    [
      'shows the unchanged block before and after a change on both sides, and counts the rest',
      () => sideBySideRows([same, same, same, added, same, same, same, same]),
      `<tr class="gap"><td colspan="2">2 avsnitt uten endringer</td></tr>${SAME_ROW}<tr> <td></td><td>${ADDED}Nytt &lt;avsnitt&gt;.</ins></td> </tr>${SAME_ROW}<tr class="gap"><td colspan="2">3 avsnitt uten endringer</td></tr>`,
    ],
    [
      'shows two changes one unchanged block apart as one run, with no gap between them',
      () => sideBySideRows([removed, same, added]),
      `<tr> <td>${REMOVED}Gammelt punkt</del></td><td></td> </tr>${SAME_ROW}<tr> <td></td><td>${ADDED}Nytt &lt;avsnitt&gt;.</ins></td> </tr>`,
    ],
    [
      'counts the whole text when nothing in it changed',
      () => sideBySideRows([same, same, same]),
      '<tr class="gap"><td colspan="2">3 avsnitt uten endringer</td></tr>',
    ],
    [
      'keeps the blocks in order',
      () => inlineRedline([same, removed]),
      `<p class="block block--h">Mål &amp; tiltak</p><p class="block block--li block--removed">${REMOVED}Gammelt punkt</del></p>`,
    ],
    ['has nothing for no blocks', () => inlineRedline([]) + sideBySideRows([]), ''],
  ])('%s', (_name, actual, expected) => {
    expect(actual()).toBe(expected)
  })
})
