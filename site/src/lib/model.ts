/**
 * The reader site's page data, worked out from the snapshot: plain functions, no Astro.
 */
import { compareChapterNumbers } from './chapterNumbers'
import type { Chapter, Edition, GoalArea, Measure, News, Revision, Snapshot } from './snapshot/schema'

export type SiteData = { snapshot: Snapshot; chapters: Chapter[] }

export const chapterUrl = (c: { edition: string; slug: string }) => `/${c.edition}/${c.slug}/`
export const editionUrl = (slug: string) => `/${slug}/`
export const measureUrl = (n: number) => `/tiltak/${n}/`
export const goalAreaUrl = (n: number) => `/malomrader/${n}/`
export const newsUrl = (slug: string) => `/nyheter/${slug}/`

/** The last revision: what a chapter page shows. */
export const currentRevision = (c: Chapter): Revision => c.revisions[c.revisions.length - 1]

/** "Tiltak 7" when no source confirms a title, else "Tiltak 10: Bedre kvaliteten …". */
export const measureLabel = (m: Pick<Measure, 'number' | 'title'>) => (m.title ? `Tiltak ${m.number}: ${m.title}` : `Tiltak ${m.number}`)

/** "Kapittel 2.1", or "Del 1" for a part's introduction. */
export const chapterLabel = (c: Chapter) => {
  const r = currentRevision(c)
  if (c.kind === 'partIntro') return c.part ? `Del ${c.part}` : 'Innledning'
  return r.number ? `Kapittel ${r.number}` : 'Kapittel'
}

/** The current edition: the one marked current (the newest, should there be several). */
export const currentEdition = (s: Snapshot): Edition | undefined =>
  [...s.editions].filter((e) => e.status === 'current').sort((a, b) => b.year - a.year)[0]

export type TocEntry = { label: string; title: string; url: string; lastProfessionalChange: string; kind: Chapter['kind'] }
export type TocGroup = { part: { number: number; title: string } | null; entries: TocEntry[] }

/** An edition's table of contents: its parts in order, each with its chapters in reading order. */
export const editionToc = (data: SiteData, edition: string): TocGroup[] => {
  const e = data.snapshot.editions.find((x) => x.slug === edition)
  const chapters = data.chapters
    .filter((c) => c.edition === edition)
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'partIntro' ? -1 : 1) || compareChapterNumbers(currentRevision(a).number, currentRevision(b).number))
  const entry = (c: Chapter): TocEntry => ({
    label: chapterLabel(c),
    title: currentRevision(c).title,
    url: chapterUrl(c),
    lastProfessionalChange: currentRevision(c).lastProfessionalChange,
    kind: c.kind,
  })
  const groups: TocGroup[] = (e?.parts ?? []).map((p) => ({
    part: { number: p.number, title: p.title },
    entries: chapters.filter((c) => c.part === p.number).map(entry),
  }))
  const loose = chapters.filter((c) => !e?.parts.some((p) => p.number === c.part))
  if (loose.length > 0) groups.push({ part: null, entries: loose.map(entry) })
  return groups.filter((g) => g.entries.length > 0 || g.part)
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
  showContents: boolean
}

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
    goalArea: revision.goalArea ? { number: revision.goalArea, title: gaTitle ?? `Målområde ${revision.goalArea}`, url: goalAreaUrl(revision.goalArea) } : null,
    measures: revision.measures.map((n) => {
      const m = data.snapshot.measures.find((x) => x.number === n)
      return { number: n, label: measureLabel(m ?? { number: n, title: '' }), url: measureUrl(n) }
    }),
    isCurrentEdition: edition.status === 'current',
    currentEdition: current,
    showContents: revision.headings.filter((h) => h.level === 2).length >= 3,
  }
}

const STATUS_LABELS = { notStarted: 'Ikke startet', inProgress: 'Pågår', completed: 'Gjennomført' } as const

export type MeasureView = {
  measure: Measure
  label: string
  goalArea: { number: number; title: string; url: string } | null
  statuses: Array<{ edition: string; editionTitle: string; status: string }>
  chapters: Array<{ label: string; title: string; url: string; editionTitle: string }>
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
    goalArea: m.goalArea ? { number: m.goalArea, title: gaTitle ?? `Målområde ${m.goalArea}`, url: goalAreaUrl(m.goalArea) } : null,
    statuses: m.statuses.map((s) => ({ edition: s.edition, editionTitle: editions.get(s.edition)?.title ?? s.edition, status: STATUS_LABELS[s.status] })),
    chapters: data.chapters
      .filter((c) => currentRevision(c).measures.includes(m.number))
      .sort((a, b) => (editions.get(b.edition)?.year ?? 0) - (editions.get(a.edition)?.year ?? 0) || compareChapterNumbers(currentRevision(a).number, currentRevision(b).number))
      .map((c) => ({ label: chapterLabel(c), title: currentRevision(c).title, url: chapterUrl(c), editionTitle: editions.get(c.edition)?.title ?? c.edition })),
  }
}

/** What a goal area page shows: its wording and effect goals in each edition, newest first. */
export const goalAreaView = (data: SiteData, g: GoalArea) => {
  const editions = new Map(data.snapshot.editions.map((e) => [e.slug, e]))
  const rows = [...g.editions].sort((a, b) => (editions.get(b.edition)?.year ?? 0) - (editions.get(a.edition)?.year ?? 0))
  return {
    number: g.number,
    title: rows[0]?.title ?? `Målområde ${g.number}`,
    editions: rows.map((r) => ({ ...r, editionTitle: editions.get(r.edition)?.title ?? r.edition, editionUrl: editionUrl(r.edition) })),
    measures: data.snapshot.measures.filter((m) => m.goalArea === g.number).map((m) => ({ label: measureLabel(m), url: measureUrl(m.number) })),
  }
}

export const newsList = (s: Snapshot): News[] => [...s.news].sort((a, b) => a.slug.localeCompare(b.slug))

/**
 * Adds a visible "link to this section" anchor to every heading with an id: a plain link that
 * works without JavaScript (copy it from the browser's context menu).
 * @example addHeadingAnchors('<h2 id="a">Mål</h2>') // '<h2 id="a">Mål <a class="anchor" href="#a" …>#</a></h2>'
 */
export const addHeadingAnchors = (html: string): string =>
  html.replace(/<(h[2-4]) id="([^"]+)">(.*?)<\/\1>/g, (_m, tag: string, id: string, inner: string) => {
    const text = inner.replace(/<[^>]+>/g, '')
    return `<${tag} id="${id}">${inner} <a class="anchor" href="#${id}" aria-label="Lenke til denne delen: ${text}">#</a></${tag}>`
  })
