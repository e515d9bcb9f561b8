/**
 * Measures the redline: a ~50 KB chapter against a copy with ~5 % of its words changed
 * (median of many runs), and two unrelated ~50 KB chapters (worst of many runs).
 *
 *   npm run bench:diff
 */
import { compareBlocks, htmlBlocks, wordDiff } from '@rapport/site/lib/diff'
import { chapterHtml } from './synthetic'

const random = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return seed / 0x7fffffff
}

/** Changes about `share` of the words of some HTML (not inside tags). */
const changeWords = (html: string, share: number, rnd: () => number) =>
  html.replace(
    />([^<]+)</g,
    (_m, text: string) => `>${text.replace(/[\p{L}]+/gu, (w) => (rnd() < share ? `${w}x` : w))}<`,
  )

const time = (fn: () => void) => {
  const t = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - t) / 1e6
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const rnd = random(7)
const a = chapterHtml(rnd, 50_000).html
const b = changeWords(a, 0.05, rnd)
const unrelated = chapterHtml(random(99), 50_000).html
const blocksA = htmlBlocks(a)
const blocksB = htmlBlocks(b)
const blocksU = htmlBlocks(unrelated)
const textA = blocksA.map((x) => x.text).join('\n')
const textU = blocksU.map((x) => x.text).join('\n')

for (let i = 0; i < 5; i++) compareBlocks(blocksA, blocksB) // warm up
const similar = Array.from({ length: 50 }, () => time(() => compareBlocks(htmlBlocks(a), htmlBlocks(b))))
const different = Array.from({ length: 10 }, () => time(() => compareBlocks(htmlBlocks(a), htmlBlocks(unrelated))))
const wordsOnly = Array.from({ length: 10 }, () => time(() => wordDiff(textA, textU)))
const changed = compareBlocks(blocksA, blocksB).filter((c) => c.type !== 'same').length

console.log(
  `chapter: ${(a.length / 1024).toFixed(0)} KB HTML, ${blocksA.length} blocks; ${changed} blocks differ in the changed copy`,
)
console.log('\n| case | figure | target |\n| --- | --- | --- |')
console.log(`| ~50 KB chapter, ~5 % of words changed: median of 50 | ${median(similar).toFixed(1)} ms | ≤ 10 ms |`)
console.log(`| two unrelated ~50 KB chapters: worst of 10 | ${Math.max(...different).toFixed(1)} ms | ≤ 250 ms |`)
console.log(
  `| two unrelated texts as one word diff: worst of 10 | ${Math.max(...wordsOnly).toFixed(1)} ms | ≤ 250 ms |`,
)
