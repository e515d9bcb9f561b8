/**
 * Page data for archivists: a chapter's history, its permanent revision pages, comparisons,
 * and the report-wide change list.
 */
import { norwegianDay } from './dates'
import { compareBlocks, revisionBlocks, type BlockChange } from './diff'
import { chapterLabel, chapterUrl, currentRevision, editionUrl, measureLabel, type SiteData } from './model'
import { comparisonIds } from './paragraphs'
import type { Chapter, Measure, Revision } from '@rapport/contracts/snapshot'

/** What a chapter's addresses are made of. */
export type ChapterRef = Pick<Chapter, 'edition' | 'slug'>

export const UPDATE_TYPE = {
  major: 'Faglig endring',
  minor: 'Redaksjonell endring',
  withdrawal: 'Trukket tilbake',
} as const

export const historyUrl = (c: ChapterRef) => `${chapterUrl(c)}versjoner/`
export const revisionUrl = (c: ChapterRef, n: number) => `${chapterUrl(c)}versjoner/${n}/`
export const compareUrl = (c: ChapterRef, a: number, b: number) => `${chapterUrl(c)}sammenlign/${a}...${b}/`

export type HistoryRow = {
  revision: number
  publishedAt: string
  /** «Siste faglige endring» as this revision states it: not the day it was published. */
  lastProfessionalChange: string
  updateType: string
  changeNote: string | null
  url: string
  compareUrl: string | null
}

/** Every revision of a chapter, newest first, with links to view it and to compare it with the one before. */
export const history = (c: Chapter): HistoryRow[] =>
  [...c.revisions].reverse().map((r) => ({
    revision: r.revision,
    publishedAt: r.publishedAt,
    lastProfessionalChange: r.lastProfessionalChange,
    updateType: UPDATE_TYPE[r.updateType],
    changeNote: r.changeNote,
    url: revisionUrl(c, r.revision),
    compareUrl:
      r.revision > 1 && c.revisions.some((x) => x.revision === r.revision - 1)
        ? compareUrl(c, r.revision - 1, r.revision)
        : null,
  }))

/** The consecutive pairs of revisions that get a static comparison page. */
export const consecutivePairs = (c: Chapter): Array<[Revision, Revision]> =>
  c.revisions.slice(1).map((r, i) => [c.revisions[i], r])

export type StructuredChange = { label: string; before: string; after: string }

/** The measures two revisions name, for labelling their changes. */
export const measuresOf = (data: SiteData, ...revisions: Revision[]): Measure[] =>
  data.snapshot.measures.filter((m) => revisions.some((r) => r.measures.includes(m.number)))

/** A measure named in running text: «tiltak 11» (lists such as «tiltakene 3 og 4» are not read). */
const MEASURE_IN_TEXT = /\btiltak\s+(\d{1,2})\b/giu
const MEASURE_LINK = /href="\/tiltak\/(\d{1,2})\/?(?:#[^"]*)?"/g

/**
 * The measures a revision refers to, in number order: those it lists, those its text links to
 * (/tiltak/N/), and those its text names («tiltak N»), within 1–17.
 * @example referencedMeasures({ measures: [3], html: '<p>Se <a href="/tiltak/11/">tiltak 11</a> og tiltak 4.</p>' }) // [3, 4, 11]
 */
export const referencedMeasures = (r: Pick<Revision, 'measures' | 'html'>): number[] => {
  let found = referenced.get(r)
  if (!found) referenced.set(r, (found = findReferencedMeasures(r)))
  return found
}

/** Worked out once per revision object: a build compares each revision with its neighbours. */
const referenced = new WeakMap<object, number[]>()

const findReferencedMeasures = (r: Pick<Revision, 'measures' | 'html'>): number[] => {
  const numbers = new Set(r.measures)
  for (const m of r.html.matchAll(MEASURE_LINK)) numbers.add(Number(m[1]))
  for (const block of revisionBlocks({ html: r.html, footnotes: [] }))
    for (const m of block.text.matchAll(MEASURE_IN_TEXT)) numbers.add(Number(m[1]))
  return [...numbers].filter((n) => n >= 1 && n <= 17).sort((x, y) => x - y)
}

/** A list of footnote numbers as readers say it: «Fotnote 3», «Fotnote 3 og 4», «Fotnote 3, 4 og 7». */
const footnoteList = (numbers: number[]) =>
  `Fotnote ${numbers.length === 1 ? numbers[0] : `${numbers.slice(0, -1).join(', ')} og ${numbers.at(-1)}`}`

/**
 * What changed besides the text. The title and chapter number are always listed (marked
 * «uendret» when so), then what changed of the goal area, the measures the chapter refers to
 * (listed, linked or named in the text), the footnotes and «Siste faglige endring».
 */
export const structuredChanges = (measures: Measure[], a: Revision, b: Revision): StructuredChange[] => {
  const measure = (n: number) => measureLabel(measures.find((m) => m.number === n) ?? { number: n, title: '' })
  const changes: StructuredChange[] = []
  const add = (label: string, before: string, after: string) => {
    if (before !== after) changes.push({ label, before, after })
  }
  const always = (label: string, before: string, after: string) =>
    changes.push({ label, before, after: before === after ? `${after} (uendret)` : after })
  always('Tittel', a.title, b.title)
  always('Kapittelnummer', a.number ?? '–', b.number ?? '–')
  add('Målområde', a.goalArea ? `Målområde ${a.goalArea}` : '–', b.goalArea ? `Målområde ${b.goalArea}` : '–')
  const [before, after] = [referencedMeasures(a), referencedMeasures(b)]
  const removed = before.filter((n) => !after.includes(n))
  const added = after.filter((n) => !before.includes(n))
  if (removed.length) changes.push({ label: 'Tiltak fjernet', before: removed.map(measure).join(', '), after: '' })
  if (added.length) changes.push({ label: 'Tiltak lagt til', before: '', after: added.map(measure).join(', ') })
  const [notesBefore, notesAfter] = [a, b].map((r) => r.footnotes.map((f) => f.number))
  const notesRemoved = notesBefore.filter((n) => !notesAfter.includes(n))
  const notesAdded = notesAfter.filter((n) => !notesBefore.includes(n))
  if (notesRemoved.length) changes.push({ label: 'Fotnoter fjernet', before: footnoteList(notesRemoved), after: '' })
  if (notesAdded.length) changes.push({ label: 'Fotnoter lagt til', before: '', after: footnoteList(notesAdded) })
  add('Siste faglige endring', norwegianDay(a.lastProfessionalChange), norwegianDay(b.lastProfessionalChange))
  return changes
}

export type Comparison = {
  chapter: ChapterRef
  label: string
  a: Revision
  b: Revision
  structured: StructuredChange[]
  blocks: BlockChange[]
  /** Per block, the id of a removed or changed paragraph in the earlier revision (see paragraphs.ts). */
  ids: Array<string | null>
  counts: { added: number; removed: number; changed: number }
}

/** Revision a against revision b of a chapter (labelled `label`): the structured changes and the redline. */
export const comparison = (measures: Measure[], c: ChapterRef, label: string, a: Revision, b: Revision): Comparison => {
  const before = revisionBlocks(a)
  const blocks = compareBlocks(before, revisionBlocks(b))
  return {
    chapter: { edition: c.edition, slug: c.slug },
    label,
    a,
    b,
    structured: structuredChanges(measures, a, b),
    blocks,
    ids: comparisonIds(before, blocks),
    counts: {
      added: blocks.filter((x) => x.type === 'added').length,
      removed: blocks.filter((x) => x.type === 'removed').length,
      changed: blocks.filter((x) => x.type === 'changed').length,
    },
  }
}

export type ChangeLogEntry = {
  /** The chapter's edition and slug, which name it for good (its address and its Atom id). */
  edition: string
  chapterSlug: string
  chapterLabel: string
  chapterTitle: string
  editionTitle: string
  revision: number
  publishedAt: string
  /** «Siste faglige endring» as this revision states it: not the day it was published. */
  lastProfessionalChange: string
  updateType: string
  major: boolean
  /** A withdrawal: in the feed with the major changes. */
  withdrawal: boolean
  changeNote: string | null
  url: string
  /** The revision's own permanent address. */
  permalink: string
  compareUrl: string | null
}

/** Every revision of every chapter, newest first: the report's change list and feed. */
export const changeLog = (data: SiteData): ChangeLogEntry[] => {
  const editions = new Map(data.snapshot.editions.map((e) => [e.slug, e.title]))
  return data.chapters
    .flatMap((c) =>
      c.revisions.map((r) => ({
        edition: c.edition,
        chapterSlug: c.slug,
        chapterLabel: chapterLabel(c),
        chapterTitle: r.title,
        editionTitle: editions.get(c.edition) ?? c.edition,
        revision: r.revision,
        publishedAt: r.publishedAt,
        lastProfessionalChange: r.lastProfessionalChange,
        updateType: UPDATE_TYPE[r.updateType],
        major: r.updateType === 'major',
        withdrawal: r.updateType === 'withdrawal',
        changeNote: r.changeNote,
        url: r.revision === currentRevision(c).revision ? chapterUrl(c) : revisionUrl(c, r.revision),
        permalink: revisionUrl(c, r.revision),
        compareUrl: r.revision > 1 ? compareUrl(c, r.revision - 1, r.revision) : null,
      })),
    )
    .sort((x, y) => y.publishedAt.localeCompare(x.publishedAt) || x.url.localeCompare(y.url))
}

const byNumber = new WeakMap<SiteData, Map<string, Chapter[]>>()

/** The same chapter (by number) in the other editions, oldest edition first, for comparing editions. */
export const counterparts = (data: SiteData, c: Chapter): Chapter[] => {
  const number = currentRevision(c).number
  if (!number) return []
  let index = byNumber.get(data)
  if (!index) {
    const year = (slug: string) => data.snapshot.editions.find((e) => e.slug === slug)?.year ?? 0
    index = new Map()
    for (const x of data.chapters) {
      const n = currentRevision(x).number
      if (n) index.set(n, [...(index.get(n) ?? []), x])
    }
    for (const list of index.values()) list.sort((a, b) => year(a.edition) - year(b.edition))
    byNumber.set(data, index)
  }
  return (index.get(number) ?? []).filter((x) => x.edition !== c.edition)
}

export const editionCompareUrl = (c: Chapter, other: string) => `${chapterUrl(c)}sammenlign-utgave/${other}/`

/** What a chapter page says of another edition: a comparison with its chapter of the same number, or that it has none. */
export type OtherEdition =
  { kind: 'compare'; title: string; url: string } | { kind: 'missing'; title: string; url: string; label: string }

/**
 * Every other edition, oldest first, as a numbered chapter's page offers it: a comparison where
 * that edition has a chapter of the same number, and elsewhere that it has none, with a link to
 * its contents. Part introductions and unnumbered chapters are compared with no other edition.
 */
export const otherEditions = (data: SiteData, c: Chapter): OtherEdition[] => {
  if (!currentRevision(c).number) return []
  const found = new Map(counterparts(data, c).map((o) => [o.edition, o]))
  return [...data.snapshot.editions]
    .filter((e) => e.slug !== c.edition)
    .sort((a, b) => a.year - b.year)
    .map((e) =>
      found.has(e.slug)
        ? { kind: 'compare' as const, title: e.title, url: editionCompareUrl(c, e.slug) }
        : { kind: 'missing' as const, title: e.title, url: editionUrl(e.slug), label: chapterLabel(c) },
    )
}

/** The other editions of a numbered chapter that have no chapter of its number. */
export const editionsWithout = (data: SiteData, c: Chapter) => {
  if (!currentRevision(c).number) return []
  const found = new Set(counterparts(data, c).map((o) => o.edition))
  return data.snapshot.editions.filter((e) => e.slug !== c.edition && !found.has(e.slug))
}

/** Effect goals of a goal area in an edition. */
export const effectGoals = (data: SiteData, goalArea: number | null, edition: string): string[] =>
  goalArea
    ? (data.snapshot.goalAreas.find((g) => g.number === goalArea)?.editions.find((e) => e.edition === edition)
        ?.effectGoals ?? [])
    : []

/** One side of a comparison across editions: the chapter, its current revision and its goal area's effect goals there. */
export type EditionSide = { chapter: ChapterRef; editionTitle: string; revision: Revision; effectGoals: string[] }

/**
 * The same chapter in two editions: the older edition's text against the newer's, with the
 * effect goals of its goal area among the structured changes.
 */
export const editionComparison = (
  measures: Measure[],
  label: string,
  older: EditionSide,
  newer: EditionSide,
): Comparison => {
  const base = comparison(measures, newer.chapter, label, older.revision, newer.revision)
  const removedGoals = older.effectGoals.filter((g) => !newer.effectGoals.includes(g))
  const addedGoals = newer.effectGoals.filter((g) => !older.effectGoals.includes(g))
  const extra: StructuredChange[] = []
  if (removedGoals.length) extra.push({ label: 'Effektmål fjernet', before: removedGoals.join('; '), after: '' })
  if (addedGoals.length) extra.push({ label: 'Effektmål lagt til', before: '', after: addedGoals.join('; ') })
  return { ...base, structured: [...base.structured, ...extra] }
}
