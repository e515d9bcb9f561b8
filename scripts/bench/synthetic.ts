import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import type { Chapter, Snapshot } from '../../site/src/lib/snapshot/schema'

const WORDS = (
  'allmennlegetjenesten fastlegeordningen kvalitet tilgjengelighet kontinuitet samhandling kommunen legevakt ' +
  'rekruttering stabilitet spesialisering veiledning finansiering tiltak effektmål målområde pasienter brukere ' +
  'teambasert arbeidsdeling kompetanse ledelse digitalisering e-konsultasjon helsetjenesten innbyggerne planen'
).split(' ')

/** A deterministic pseudo-random sequence, so the same arguments give the same report. */
const random = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return seed / 0x7fffffff
}

const sentence = (rnd: () => number) => {
  const n = 8 + Math.floor(rnd() * 14)
  const words = Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)])
  return `${words[0][0].toUpperCase()}${words.join(' ').slice(1)}.`
}

/** About `bytes` of chapter HTML: sections with paragraphs and lists, as the export writes it. */
export const chapterHtml = (rnd: () => number, bytes: number) => {
  const parts: string[] = []
  const headings: Array<{ id: string; level: number; text: string }> = []
  let size = 0
  let section = 0
  while (size < bytes) {
    if (size === 0 || rnd() < 0.08) {
      section++
      const text = `Del ${section}: ${WORDS[Math.floor(rnd() * WORDS.length)]}`
      const id = `del-${section}`
      headings.push({ id, level: 2, text })
      parts.push(`<h2 id="${id}">${text}</h2>`)
    }
    const block = rnd() < 0.2
      ? `<ul>${Array.from({ length: 4 }, () => `<li>${sentence(rnd)}</li>`).join('')}</ul>`
      : `<p>${Array.from({ length: 4 + Math.floor(rnd() * 4) }, () => sentence(rnd)).join(' ')}</p>`
    parts.push(block)
    size += block.length
  }
  return { html: parts.join(''), headings }
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex')

/** Writes a synthetic snapshot: `chapters` chapters of ~`bytes` each, `revisions` revisions each. */
export const writeSyntheticSnapshot = (dir: string, opts: { chapters: number; bytes?: number; revisions?: number }) => {
  const rnd = random(42)
  const bytes = opts.bytes ?? 50_000
  const revisions = opts.revisions ?? 1
  const snapshot: Snapshot = {
    schemaVersion: 1,
    report: { title: 'Oppfølging av handlingsplan for allmennlegetjenesten', publisher: 'Helsedirektoratet', licence: { name: 'NLOD 2.0', url: 'https://data.norge.no/nlod/no/2.0' } },
    editions: [{ slug: 'syntetisk', title: 'Syntetisk utgave', year: 2025, publishedAt: '2025-05-01', status: 'current', parts: [{ number: 1, title: 'Del 1', slug: 'del-1' }], source: null }],
    goalAreas: [1, 2, 3].map((number) => ({ number, editions: [{ edition: 'syntetisk', title: `Målområde ${number}`, effectGoals: ['Et effektmål'] }] })),
    measures: Array.from({ length: 17 }, (_, i) => ({ number: i + 1, title: `Tiltak nummer ${i + 1}`, goalArea: (i % 3) + 1, description: '', statuses: [] })),
    news: [],
  }
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(path.join(dir, 'chapters', 'syntetisk'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'snapshot.json'), `${JSON.stringify(snapshot, null, 2)}\n`)
  for (let c = 0; c < opts.chapters; c++) {
    const major = Math.floor(c / 100) + 1
    const minor = (c % 100) + 1
    const revs = Array.from({ length: revisions }, (_, r) => {
      const { html, headings } = chapterHtml(rnd, bytes)
      return {
        revision: r + 1,
        publishedAt: new Date(Date.UTC(2022, 0, 1 + r * 30)).toISOString(),
        updateType: r === 0 || r % 2 === 1 ? ('major' as const) : ('minor' as const),
        changeNote: r === 0 ? 'Først publisert.' : `Endring ${r + 1}.`,
        lastProfessionalChange: new Date(Date.UTC(2022, 0, 1 + r * 30)).toISOString().slice(0, 10),
        number: `${major}.${minor}`,
        title: `Kapittel om ${WORDS[c % WORDS.length]} ${c + 1}`,
        goalArea: (c % 3) + 1,
        measures: [(c % 17) + 1],
        html,
        htmlSha256: sha(html),
        headings,
        footnotes: [],
      }
    })
    const chapter: Chapter = { edition: 'syntetisk', slug: `kapittel-${c + 1}`, kind: 'chapter', part: 1, firstPublishedAt: revs[0].publishedAt, revisions: revs }
    fs.writeFileSync(path.join(dir, 'chapters', 'syntetisk', `kapittel-${c + 1}.json`), `${JSON.stringify(chapter)}\n`)
  }
}
