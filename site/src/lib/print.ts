/**
 * The whole edition as one document (/<edition>/utskrift/): every current chapter in reading
 * order, with its dates and footnotes, under one h1, ready to be printed from the browser.
 * Plain functions over the snapshot; the page only renders what they return.
 */
import { DomUtils, parseDocument } from 'htmlparser2'

import { chapterLabel, chapterUrl, currentRevision, editionUrl, titleRepeatsLabel, type SiteData } from './model'
import { compareChapterNumbers } from './chapterNumbers'
import type { Chapter, Edition, Revision } from '@rapport/contracts/snapshot'
import { revisionUrl } from './versions'
import { withdrawalOf, type Withdrawal } from './withdrawal'

/** The print document's address within an edition: a chapter may not take this slug. */
export const PRINT_SLUG = 'utskrift'
export const printUrl = (edition: string) => `${editionUrl(edition)}${PRINT_SLUG}/`

type HeadingLevel = 2 | 3 | 4 | 5 | 6

export type PrintFootnote = { number: number; id: string; backref: string; html: string }

export type PrintChapter = {
  /** The chapter's anchor in the document: `kap-<slug>`. Every id inside it starts with `kap-<slug>--`. */
  id: string
  slug: string
  kind: Chapter['kind']
  label: string
  number: string | null
  title: string
  /** Whether the title names the label itself («Del 1 – …»), so the label is not said twice. */
  titleRepeatsLabel: boolean
  level: HeadingLevel
  /** The chapter's own page and the permanent address of the version printed. */
  url: string
  permanentUrl: string
  revision: number
  publishedAt: string
  lastProfessionalChange: string
  /**
   * The revision printed, its text read only when the page is rendered (see printText); null when
   * the chapter is withdrawn. A plan hashes its text by its SHA-256.
   */
  source: Revision | null
  /** The id of the footnotes' heading. */
  footnotesId: string
  /** Set when the chapter is withdrawn: it is then listed and marked, and its text left out. */
  withdrawal: Withdrawal | null
}

export type PrintGroup = {
  /** A part of the edition (its heading is its introduction's when it has one), or null for chapters outside any part. */
  part: { number: number; title: string; id: string; intro: PrintChapter | null } | null
  chapters: PrintChapter[]
}

export type PrintDocument = {
  url: string
  report: { title: string; publisher: string; licence: { name: string; url: string } }
  edition: Pick<Edition, 'slug' | 'title' | 'year' | 'publishedAt' | 'status'>
  /** The current edition, when this one is superseded. */
  currentEdition: { slug: string; title: string; url: string } | null
  /**
   * When the document was made: the newest publish among the edition's chapters. The page is
   * rendered again exactly when one of them changes, so this is the day its content was made,
   * and a full and an incremental build give the same bytes.
   */
  generatedAt: string
  groups: PrintGroup[]
}

/** The anchor of a chapter in the document. */
export const chapterAnchor = (slug: string) => `kap-${slug}`
/** An id of a chapter's text as it is in the document: slugs never hold «--», so no two chapters' ids meet. */
export const scopedId = (slug: string, id: string) => `${chapterAnchor(slug)}--${id}`

const ID_LIST_ATTRIBUTES = ['aria-labelledby', 'aria-describedby', 'headers', 'for']

type Element = ReturnType<typeof DomUtils.findAll>[number]

/**
 * A chapter's HTML as part of the print document, read with a real parser: its headings `shift`
 * levels down (at most h6), every id and in-page link prefixed with the chapter's anchor, and
 * links to chapters that are in the document (`inDocument`: address → slug) turned into links to
 * their place in it.
 * @example printHtml('<h2 id="mal">Mål</h2><p>Se <a href="#fn-1">1</a></p>', 'innledning', 2, new Map())
 * // '<h4 id="kap-innledning--mal">Mål</h4><p>Se <a href="#kap-innledning--fn-1">1</a></p>'
 */
export const printHtml = (
  html: string,
  slug: string,
  shift: number,
  inDocument: ReadonlyMap<string, string>,
): string => {
  const doc = parseDocument(html)
  for (const el of DomUtils.findAll(() => true, doc.children) as Element[]) {
    const heading = /^h([1-6])$/.exec(el.name)
    if (heading) el.name = `h${Math.min(6, Number(heading[1]) + shift)}`
    if (el.attribs.id) el.attribs.id = scopedId(slug, el.attribs.id)
    for (const name of ID_LIST_ATTRIBUTES) {
      if (el.attribs[name])
        el.attribs[name] = el.attribs[name]
          .split(/\s+/)
          .filter(Boolean)
          .map((id) => scopedId(slug, id))
          .join(' ')
    }
    const href = el.name === 'a' ? el.attribs.href : undefined
    if (href?.startsWith('#')) el.attribs.href = `#${scopedId(slug, href.slice(1))}`
    else if (href) {
      const [path, fragment] = href.split('#', 2)
      const target = inDocument.get(path)
      if (target) el.attribs.href = `#${fragment ? scopedId(target, fragment) : chapterAnchor(target)}`
    }
  }
  return DomUtils.getOuterHTML(doc.children, { encodeEntities: 'utf8' })
}

/** The edition's chapters in reading order, grouped by part (introduction first), chapters outside any part last. */
const groupsOf = (data: SiteData, edition: Edition) => {
  const inEdition = data.chapters.filter((c) => c.edition === edition.slug)
  const byNumber = (a: Chapter, b: Chapter) =>
    compareChapterNumbers(currentRevision(a).number, currentRevision(b).number)
  const parts = [...edition.parts].sort((a, b) => a.number - b.number)
  const groups = parts.map((p) => ({
    part: p,
    intro: inEdition.find((c) => c.kind === 'partIntro' && c.part === p.number) ?? null,
    chapters: inEdition.filter((c) => c.kind === 'chapter' && c.part === p.number).sort(byNumber),
  }))
  const loose = inEdition
    .filter((c) => !parts.some((p) => p.number === c.part))
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'partIntro' ? -1 : 1) || byNumber(a, b))
  return { groups, loose }
}

/**
 * The print document of an edition, or null when there is no such edition or one of its chapters
 * has the document's own address (the chapter keeps its page).
 */
export const printDocument = (data: SiteData, editionSlug: string): PrintDocument | null => {
  const edition = data.snapshot.editions.find((e) => e.slug === editionSlug)
  if (!edition) return null
  const chapters = data.chapters.filter((c) => c.edition === editionSlug)
  if (chapters.some((c) => c.slug === PRINT_SLUG)) return null

  const chapter = (c: Chapter, level: HeadingLevel): PrintChapter => {
    const r = currentRevision(c)
    const withdrawal = withdrawalOf(c)
    const label = chapterLabel(c)
    return {
      id: chapterAnchor(c.slug),
      slug: c.slug,
      kind: c.kind,
      label,
      number: c.kind === 'partIntro' ? null : r.number,
      title: r.title,
      titleRepeatsLabel: titleRepeatsLabel(label, r.title),
      level,
      url: chapterUrl(c),
      permanentUrl: revisionUrl(c, r.revision),
      revision: r.revision,
      publishedAt: r.publishedAt,
      lastProfessionalChange: r.lastProfessionalChange,
      source: withdrawal ? null : r,
      footnotesId: scopedId(c.slug, 'fotnoter'),
      withdrawal,
    }
  }

  const { groups, loose } = groupsOf(data, edition)
  const printGroups: PrintGroup[] = groups.map((g) => ({
    part: {
      number: g.part.number,
      title: g.part.title,
      id: `del-${g.part.number}`,
      intro: g.intro ? chapter(g.intro, 2) : null,
    },
    chapters: g.chapters.map((c) => chapter(c, 3)),
  }))
  if (loose.length > 0) printGroups.push({ part: null, chapters: loose.map((c) => chapter(c, 2)) })

  const current = [...data.snapshot.editions].filter((e) => e.status === 'current').sort((a, b) => b.year - a.year)[0]
  const published = chapters.flatMap((c) => c.revisions.map((r) => r.publishedAt)).sort()
  return {
    url: printUrl(edition.slug),
    report: {
      title: data.snapshot.report.title,
      publisher: edition.source?.publisher ?? data.snapshot.report.publisher,
      licence: data.snapshot.report.licence,
    },
    edition: {
      slug: edition.slug,
      title: edition.title,
      year: edition.year,
      publishedAt: edition.publishedAt,
      status: edition.status,
    },
    currentEdition:
      edition.status === 'superseded' && current && current.slug !== edition.slug
        ? { slug: current.slug, title: current.title, url: editionUrl(current.slug) }
        : null,
    generatedAt: published.at(-1) ?? `${edition.publishedAt ?? `${edition.year}-01-01`}T00:00:00.000Z`,
    groups: printGroups,
  }
}

/** Every chapter of the document in order, part introductions included. */
export const printChapters = (doc: PrintDocument): PrintChapter[] =>
  doc.groups.flatMap((g) => [...(g.part?.intro ? [g.part.intro] : []), ...g.chapters])

/**
 * A chapter's text and footnotes as they stand in the document: its own h2 one level below the
 * chapter's heading, its ids unique in the document, and its links to chapters printed in it
 * pointing to their place in the document. Empty for a withdrawn chapter.
 */
export const printText = (doc: PrintDocument, chapter: PrintChapter): { html: string; footnotes: PrintFootnote[] } => {
  const r = chapter.source
  if (!r) return { html: '', footnotes: [] }
  const { slug } = chapter
  const inDocument = new Map(
    printChapters(doc)
      .filter((c) => c.source)
      .map((c) => [c.url, c.slug]),
  )
  const shift = chapter.level - 1
  return {
    html: printHtml(r.html, slug, shift, inDocument),
    footnotes: r.footnotes.map((f) => ({
      number: f.number,
      id: scopedId(slug, `fn-${f.number}`),
      backref: scopedId(slug, `fnref-${f.number}`),
      html: printHtml(f.html, slug, shift, inDocument),
    })),
  }
}
