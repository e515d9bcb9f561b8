/**
 * Synthetic content snapshots for benchmarks: N chapters of about B bytes of chapter HTML each,
 * optionally R revisions each, in the snapshot format (packages/contracts/src/snapshot.ts).
 *
 * The text is drawn word by word from the vocabulary of the fixture report (real Norwegian
 * wording, with its word frequencies), so that it compresses about as well as real text does
 * (somewhat worse, if anything: it has no phrases). Chapters have sections, paragraphs, lists,
 * a table now and then, and footnotes, as the export writes them.
 *
 *   npx tsx scripts/bench/synthetic.ts <dir> [--chapters 2000] [--bytes 50000] [--revisions 1]
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import type { Chapter, Revision, Snapshot } from '@rapport/contracts/snapshot'
import { jsonText, sha256 } from '@rapport/files'

/**
 * The size of a synthetic report, as every benchmark takes it on its command line
 * (`--chapters`, `--revisions`, `--bytes`), with that benchmark's defaults.
 */
export const sizeOptions = (defaults: { chapters: number; revisions: number; bytes?: number }) =>
  ({
    chapters: { type: 'string', default: String(defaults.chapters) },
    revisions: { type: 'string', default: String(defaults.revisions) },
    bytes: { type: 'string', default: String(defaults.bytes ?? 50_000) },
  }) as const

/** The size a benchmark was asked for, as numbers. */
export const sizeOf = (values: { chapters: string; revisions: string; bytes: string }) => ({
  chapters: Number(values.chapters),
  revisions: Number(values.revisions),
  bytes: Number(values.bytes),
})

const FIXTURE = path.resolve(import.meta.dirname, '../../tests/fixtures/snapshot')

/** The words of the fixture's chapter texts, each as often as it occurs there. */
const vocabulary = (): string[] => {
  const texts: string[] = []
  const dir = path.join(FIXTURE, 'chapters')
  for (const file of (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).sort()) {
    const chapter = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Chapter
    texts.push(chapter.revisions[0].html)
  }
  return texts
    .join(' ')
    .replace(/<[^>]+>/g, ' ')
    .toLowerCase()
    .split(/[^a-zæøå0-9-]+/)
    .filter((w) => w.length > 0 && !/^\d+$/.test(w))
}

/** A deterministic pseudo-random sequence, so the same arguments give the same report. */
const random = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return seed / 0x7fffffff
}

export type SyntheticText = { html: string; headings: Revision['headings']; footnotes: Revision['footnotes'] }

/** About `bytes` of chapter HTML: sections with paragraphs, lists, tables and footnote markers. */
export const chapterHtml = (rnd: () => number, bytes: number, words: string[] = vocabulary()): SyntheticText => {
  const word = () => words[Math.floor(rnd() * words.length)]
  const sentence = () => {
    const w = Array.from({ length: 8 + Math.floor(rnd() * 14) }, word).join(' ')
    return `${w[0].toUpperCase()}${w.slice(1)}.`
  }
  const parts: string[] = []
  const headings: SyntheticText['headings'] = []
  const footnotes: SyntheticText['footnotes'] = []
  let size = 0
  let section = 0
  while (size < bytes) {
    let block: string
    if (size === 0 || rnd() < 0.06) {
      section++
      const text = `${word()[0].toUpperCase()}${[word(), word(), word()].join(' ').slice(1)}`
      const id = `del-${section}`
      headings.push({ id, level: 2, text })
      block = `<h2 id="${id}">${text}</h2>`
    } else {
      const r = rnd()
      if (r < 0.15)
        block = `<ul>${Array.from({ length: 3 + Math.floor(rnd() * 4) }, () => `<li>${sentence()}</li>`).join('')}</ul>`
      else if (r < 0.18) {
        const row = (cell: string) =>
          `<tr>${Array.from({ length: 3 }, () => `<${cell}>${word()} ${word()}</${cell}>`).join('')}</tr>`
        block = `<table><thead>${row('th')}</thead><tbody>${Array.from({ length: 5 }, () => row('td')).join('')}</tbody></table>`
      } else {
        const sentences = Array.from({ length: 3 + Math.floor(rnd() * 4) }, sentence)
        if (rnd() < 0.1) {
          const n = footnotes.length + 1
          footnotes.push({ number: n, html: `${sentence()} ${word()}.no` })
          sentences[0] = `${sentences[0].slice(0, -1)}<sup class="fn-ref" id="fnref-${n}"><a href="#fn-${n}">${n}</a></sup>.`
        }
        block = `<p>${sentences.join(' ')}</p>`
      }
    }
    parts.push(block)
    size += block.length
  }
  return { html: parts.join(''), headings, footnotes }
}

/** Writes a synthetic snapshot: `chapters` chapters of ~`bytes` each, `revisions` revisions each. */
export const writeSyntheticSnapshot = (dir: string, opts: { chapters: number; bytes?: number; revisions?: number }) => {
  const rnd = random(42)
  const words = vocabulary()
  const bytes = opts.bytes ?? 50_000
  const revisions = opts.revisions ?? 1
  const snapshot: Snapshot = {
    schemaVersion: 1,
    report: {
      title: 'Oppfølging av handlingsplan for allmennlegetjenesten',
      publisher: 'Helsedirektoratet',
      licence: { name: 'Norsk lisens for offentlige data (NLOD) 2.0', url: 'https://data.norge.no/nlod/no/2.0' },
    },
    editions: [
      {
        slug: 'syntetisk',
        title: 'Syntetisk utgave',
        year: 2025,
        publishedAt: '2025-05-01',
        status: 'current',
        parts: [{ number: 1, title: 'Del 1', slug: 'del-1' }],
        source: null,
      },
    ],
    goalAreas: [1, 2, 3].map((number) => ({
      number,
      editions: [{ edition: 'syntetisk', title: `Målområde ${number}`, effectGoals: ['Et effektmål'] }],
    })),
    measures: Array.from({ length: 17 }, (_, i) => ({
      number: i + 1,
      title: i >= 5 && i <= 8 ? '' : `Tiltak nummer ${i + 1}`,
      goalArea: (i % 3) + 1,
      description: '',
      statuses: [],
    })),
    news: [],
  }
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(path.join(dir, 'chapters', 'syntetisk'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'snapshot.json'), jsonText(snapshot))
  for (let c = 0; c < opts.chapters; c++) {
    const major = Math.floor(c / 100) + 1
    const minor = (c % 100) + 1
    const revs: Revision[] = []
    let text = chapterHtml(rnd, bytes, words)
    for (let r = 0; r < revisions; r++) {
      // A later revision changes a few paragraphs of the one before, as an editor would.
      if (r > 0)
        text = {
          ...text,
          html: text.html.replace(/<p>([^<]{0,200})/g, (m, start: string) =>
            rnd() < 0.05 ? `<p>${words[Math.floor(rnd() * words.length)]} ${start}` : m,
          ),
        }
      const at = new Date(Date.UTC(2022, 0, 1 + r * 30)).toISOString()
      const updateType = r === 0 || r % 2 === 1 ? 'major' : 'minor'
      revs.push({
        revision: r + 1,
        publishedAt: at,
        updateType,
        changeNote: updateType === 'major' ? (r === 0 ? 'Først publisert.' : `Faglig endring ${r + 1}.`) : null,
        lastProfessionalChange: updateType === 'major' ? at.slice(0, 10) : revs[r - 1].lastProfessionalChange,
        number: `${major}.${minor}`,
        title: `Kapittel om ${words[c % words.length]} ${c + 1}`,
        goalArea: (c % 3) + 1,
        measures: [(c % 17) + 1],
        html: text.html,
        htmlSha256: sha256(text.html),
        headings: text.headings,
        footnotes: text.footnotes,
      })
    }
    const chapter: Chapter = {
      edition: 'syntetisk',
      slug: `kapittel-${c + 1}`,
      kind: 'chapter',
      part: 1,
      firstPublishedAt: revs[0].publishedAt,
      revisions: revs,
    }
    fs.writeFileSync(path.join(dir, 'chapters', 'syntetisk', `kapittel-${c + 1}.json`), `${JSON.stringify(chapter)}\n`)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: sizeOptions({ chapters: 2000, revisions: 1 }),
  })
  if (!positionals[0]) {
    console.log('Usage: npx tsx scripts/bench/synthetic.ts <dir> [--chapters 2000] [--bytes 50000] [--revisions 1]')
    process.exit(2)
  }
  writeSyntheticSnapshot(positionals[0], sizeOf(values))
  console.log(
    `Wrote ${values.chapters} chapters of ~${values.bytes} bytes (${values.revisions} revision(s) each) to ${positionals[0]}`,
  )
}
