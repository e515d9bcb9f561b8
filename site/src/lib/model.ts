/**
 * The reader site's page data, worked out from the snapshot: plain functions, no Astro.
 */
import { compareChapterNumbers } from './chapterNumbers'
import type { Chapter, Edition, GoalArea, Measure, News, Revision, Snapshot } from '@rapport/contracts/snapshot'

export type SiteData = { snapshot: Snapshot; chapters: Chapter[] }

/** The snapshot in the site's order: editions by year, goal areas and measures by number, chapters by address. */
export const toSiteData = (s: Snapshot, chapters: Chapter[]): SiteData => ({
  snapshot: {
    ...s,
    editions: [...s.editions].sort((a, b) => a.year - b.year || a.slug.localeCompare(b.slug)),
    goalAreas: [...s.goalAreas].sort((a, b) => a.number - b.number),
    measures: [...s.measures].sort((a, b) => a.number - b.number),
    news: [...s.news].sort((a, b) => a.slug.localeCompare(b.slug)),
  },
  chapters: [...chapters].sort((a, b) => `${a.edition}/${a.slug}`.localeCompare(`${b.edition}/${b.slug}`)),
})

export const chapterUrl = (c: { edition: string; slug: string }) => `/${c.edition}/${c.slug}/`
export const editionUrl = (slug: string) => `/${slug}/`
export const measureUrl = (n: number) => `/tiltak/${n}/`
export const goalAreaUrl = (n: number) => `/malomrader/${n}/`
export const newsUrl = (slug: string) => `/nyheter/${slug}/`

/** The last revision: what a chapter page shows. */
export const currentRevision = (c: Chapter): Revision => c.revisions[c.revisions.length - 1]

/** "Tiltak 7" when no source confirms a title, else "Tiltak 10: Bedre kvaliteten …". */
export const measureLabel = (m: Pick<Measure, 'number' | 'title'>) =>
  m.title ? `Tiltak ${m.number}: ${m.title}` : `Tiltak ${m.number}`

/** "Kapittel 2.1", or "Del 1" for a part's introduction. */
export const chapterLabel = (c: Chapter) => {
  const r = currentRevision(c)
  if (c.kind === 'partIntro') return c.part ? `Del ${c.part}` : 'Innledning'
  return r.number ? `Kapittel ${r.number}` : 'Kapittel'
}

/**
 * Whether a title starts with the chapter's label, as a part introduction's «Del 1 – Tiltak,
 * status og effekter» does with «Del 1».
 */
export const titleRepeatsLabel = (label: string, title: string): boolean =>
  title.toLocaleLowerCase('nb').startsWith(label.toLocaleLowerCase('nb')) &&
  /^($|[\s–—:,.-])/.test(title.slice(label.length))

/**
 * A chapter's label and title as one name, the label said once.
 * @example labelledTitle('Kapittel 2.1', 'Beskrivelse av målområde 2') // 'Kapittel 2.1 Beskrivelse av målområde 2'
 * @example labelledTitle('Del 1', 'Del 1 – Tiltak, status og effekter') // 'Del 1 – Tiltak, status og effekter'
 */
export const labelledTitle = (label: string, title: string): string =>
  titleRepeatsLabel(label, title) ? title : `${label} ${title}`

/** The current edition: the one marked current (the newest, should there be several). */
export const currentEdition = (s: Snapshot): Edition | undefined =>
  [...s.editions].filter((e) => e.status === 'current').sort((a, b) => b.year - a.year)[0]

export type TocEntry = {
  number: string | null
  title: string
  url: string
  lastProfessionalChange: string
  withdrawn: boolean
}
export type TocGroup = {
  /** The part, with its introduction's page when it has one; null for chapters outside any part. */
  part: { number: number; title: string; intro: TocEntry | null } | null
  entries: TocEntry[]
}

const tocEntry = (c: Chapter): TocEntry => {
  const r = currentRevision(c)
  return {
    number: c.kind === 'partIntro' ? null : r.number,
    title: r.title,
    url: chapterUrl(c),
    lastProfessionalChange: r.lastProfessionalChange,
    withdrawn: r.updateType === 'withdrawal',
  }
}

/**
 * An edition's table of contents: its parts in order, each with its introduction and its
 * chapters in reading order (1.2 before 1.10); chapters outside the parts come last.
 */
export const editionToc = (data: SiteData, edition: string): TocGroup[] => {
  const e = data.snapshot.editions.find((x) => x.slug === edition)
  const inEdition = data.chapters.filter((c) => c.edition === edition)
  const chapters = inEdition
    .filter((c) => c.kind === 'chapter')
    .sort((a, b) => compareChapterNumbers(currentRevision(a).number, currentRevision(b).number))
  const parts = [...(e?.parts ?? [])].sort((a, b) => a.number - b.number)
  const groups: TocGroup[] = parts.map((p) => {
    const intro = inEdition.find((c) => c.kind === 'partIntro' && c.part === p.number)
    return {
      part: { number: p.number, title: p.title, intro: intro ? tocEntry(intro) : null },
      entries: chapters.filter((c) => c.part === p.number).map(tocEntry),
    }
  })
  const loose = inEdition
    .filter((c) => !parts.some((p) => p.number === c.part))
    .sort(
      (a, b) =>
        (a.kind === b.kind ? 0 : a.kind === 'partIntro' ? -1 : 1) ||
        compareChapterNumbers(currentRevision(a).number, currentRevision(b).number),
    )
  if (loose.length > 0) groups.push({ part: null, entries: loose.map(tocEntry) })
  return groups
}

export type ChapterView = {
  url: string
  edition: Edition
  label: string
  revision: Revision
  firstPublishedAt: string
  goalArea: { number: number; title: string; url: string } | null
  measures: Array<{ number: number; label: string; url: string }>
  isCurrentEdition: boolean
  currentEdition: Edition | undefined
  /** A contents list for chapters with three sections or more. */
  showContents: boolean
  /** The change note of the newest major revision after the first, shown as inset text. */
  latestChange: { date: string; note: string; revision: number } | null
  /** Long footnote lists go in a details element the reader can fold away. */
  collapseFootnotes: boolean
}

/** Footnote lists longer than this are foldable. */
export const FOOTNOTES_FOLD_AFTER = 5

/** What a chapter page shows: its current revision, or the given one on a revision's own page. */
export const chapterView = (data: SiteData, c: Chapter, revision: Revision = currentRevision(c)): ChapterView => {
  const edition = data.snapshot.editions.find((e) => e.slug === c.edition)!
  const current = currentEdition(data.snapshot)
  const ga = revision.goalArea ? data.snapshot.goalAreas.find((g) => g.number === revision.goalArea) : undefined
  const gaTitle = ga?.editions.find((x) => x.edition === c.edition)?.title ?? ga?.editions.at(-1)?.title
  return {
    url: chapterUrl(c),
    edition,
    label: chapterLabel(c),
    revision,
    firstPublishedAt: c.firstPublishedAt,
    goalArea: revision.goalArea
      ? {
          number: revision.goalArea,
          title: gaTitle ?? `Målområde ${revision.goalArea}`,
          url: goalAreaUrl(revision.goalArea),
        }
      : null,
    measures: revision.measures.map((n) => {
      const m = data.snapshot.measures.find((x) => x.number === n)
      return { number: n, label: measureLabel(m ?? { number: n, title: '' }), url: measureUrl(n) }
    }),
    isCurrentEdition: edition.status === 'current',
    currentEdition: current,
    showContents: revision.headings.filter((h) => h.level === 2).length >= 3,
    latestChange: latestChange(c, revision),
    collapseFootnotes: revision.footnotes.length > FOOTNOTES_FOLD_AFTER,
  }
}

/** The newest major revision after the first, up to `upTo`, that has a change note. */
const latestChange = (c: Chapter, upTo: Revision): ChapterView['latestChange'] => {
  const major = c.revisions
    .filter((r) => r.revision > 1 && r.revision <= upTo.revision && r.updateType === 'major' && r.changeNote)
    .at(-1)
  return major ? { date: major.lastProfessionalChange, note: major.changeNote!, revision: major.revision } : null
}

const STATUS_LABELS = { notStarted: 'Ikke startet', inProgress: 'Pågår', completed: 'Gjennomført' } as const

export type MeasureView = {
  measure: Measure
  label: string
  goalArea: { number: number; title: string; url: string } | null
  /** Every edition, oldest first, with the measure's status there (null when not reported). */
  statuses: Array<{ edition: string; editionTitle: string; status: string | null }>
  chapters: Array<{
    label: string
    number: string | null
    title: string
    url: string
    editionTitle: string
    current: boolean
  }>
}

/** What a measure page shows: its goal area, status per edition and the chapters naming it. */
export const measureView = (data: SiteData, m: Measure): MeasureView => {
  const editions = new Map(data.snapshot.editions.map((e) => [e.slug, e]))
  const ga = m.goalArea ? data.snapshot.goalAreas.find((g) => g.number === m.goalArea) : undefined
  const current = currentEdition(data.snapshot)
  const gaTitle = ga?.editions.find((x) => x.edition === current?.slug)?.title ?? ga?.editions.at(-1)?.title
  return {
    measure: m,
    label: measureLabel(m),
    goalArea: m.goalArea
      ? { number: m.goalArea, title: gaTitle ?? `Målområde ${m.goalArea}`, url: goalAreaUrl(m.goalArea) }
      : null,
    statuses: [...data.snapshot.editions]
      .sort((a, b) => a.year - b.year)
      .map((e) => {
        const s = m.statuses.find((x) => x.edition === e.slug)
        return { edition: e.slug, editionTitle: e.title, status: s ? STATUS_LABELS[s.status] : null }
      }),
    chapters: data.chapters
      .filter((c) => currentRevision(c).measures.includes(m.number))
      .sort(
        (a, b) =>
          (editions.get(b.edition)?.year ?? 0) - (editions.get(a.edition)?.year ?? 0) ||
          compareChapterNumbers(currentRevision(a).number, currentRevision(b).number),
      )
      .map((c) => ({
        label: chapterLabel(c),
        number: c.kind === 'partIntro' ? null : currentRevision(c).number,
        title: currentRevision(c).title,
        url: chapterUrl(c),
        editionTitle: editions.get(c.edition)?.title ?? c.edition,
        current: editions.get(c.edition)?.status === 'current',
      })),
  }
}

/** What a goal area page shows: its wording and effect goals in each edition, newest first. */
export const goalAreaView = (data: SiteData, g: GoalArea) => {
  const editions = new Map(data.snapshot.editions.map((e) => [e.slug, e]))
  const rows = [...g.editions].sort(
    (a, b) => (editions.get(b.edition)?.year ?? 0) - (editions.get(a.edition)?.year ?? 0),
  )
  return {
    number: g.number,
    title: rows[0]?.title ?? `Målområde ${g.number}`,
    editions: rows.map((r) => ({
      ...r,
      editionTitle: editions.get(r.edition)?.title ?? r.edition,
      editionUrl: editionUrl(r.edition),
    })),
    measures: data.snapshot.measures
      .filter((m) => m.goalArea === g.number)
      .map((m) => ({ label: measureLabel(m), url: measureUrl(m.number) })),
  }
}

export const newsList = (s: Snapshot): News[] => [...s.news].sort((a, b) => a.slug.localeCompare(b.slug))

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/**
 * Gives every section heading with an id a link to itself, after the heading (so the heading's
 * own text stays clean for screen readers and search): a plain link that works without
 * JavaScript; readers copy it from the browser's context menu.
 * @example addHeadingAnchors('<h2 id="a">Mål</h2>') // '<div class="heading"><h2 id="a">Mål</h2><a class="anchor" href="#a" …>…</a></div>'
 */
export const addHeadingAnchors = (html: string): string =>
  html.replace(/<(h[2-4]) id="([^"]+)">(.*?)<\/\1>/g, (heading, _tag: string, id: string, inner: string) => {
    const text = inner.replace(/<[^>]+>/g, '')
    return `<div class="heading">${heading}<a class="anchor" href="#${escapeAttr(id)}"><span class="vh">Kopier lenke til denne delen: ${text}</span></a></div>`
  })
