/**
 * «Siter denne versjonen»: how to cite one version of a chapter, as text and as RIS and BibTeX
 * files for reference managers.
 *
 * The year is the year the cited version was published (Oslo time), not the edition's: a
 * reference names the work the reader saw, and a version published in 2024 of a chapter in the
 * edition «årsrapport 2023» is a 2024 text (as a revised edition of a book is cited by its own
 * year). The edition's year is in its title, which the reference names. The address is the
 * version's permanent address, never the chapter's, which shows whatever version is current.
 */
import { norwegianDay, osloDay } from './dates'
import { currentRevision, type SiteData } from './model'
import type { Chapter, Revision } from '@rapport/contracts/snapshot'
import { revisionUrl, type ChapterRef } from './versions'

export type CitationInput = {
  /** The author: the report's publisher (Helsedirektoratet). */
  publisher: string
  /** The report's title, the series the editions belong to. */
  reportTitle: string
  editionTitle: string
  /** The chapter's number («1.1»), or null for a part introduction or an unnumbered chapter. */
  chapterNumber: string | null
  /** The version's title. */
  title: string
  revision: number
  /** When the version was published (UTC). */
  publishedAt: string
  /** «Siste faglige endring» as the version states it. */
  lastProfessionalChange: string
  /** The version's permanent address on the site (a path). */
  path: string
}

export type Citation = CitationInput & { year: string; publishedDay: string; url: string }

/** The site's address joined to a path: the configured site (Astro.site) with the path. */
export const absoluteUrl = (site: URL | string | undefined, pathname: string): string =>
  new URL(pathname, site ?? 'http://localhost:3000').toString()

/** What a citation of a version is made from, out of the snapshot. */
export const citationInput = (data: SiteData, c: Chapter, r: Revision = currentRevision(c)): CitationInput => ({
  publisher: data.snapshot.report.publisher,
  reportTitle: data.snapshot.report.title,
  editionTitle: data.snapshot.editions.find((e) => e.slug === c.edition)?.title ?? c.edition,
  chapterNumber: c.kind === 'partIntro' ? null : r.number,
  title: r.title,
  revision: r.revision,
  publishedAt: r.publishedAt,
  lastProfessionalChange: r.lastProfessionalChange,
  path: revisionUrl(c, r.revision),
})

/** A version's citation, its address made absolute with the site's (Astro.site). */
export const citationOf = (input: CitationInput, site: URL | string | undefined): Citation => {
  const publishedDay = osloDay(input.publishedAt)
  return { ...input, publishedDay, year: publishedDay.slice(0, 4), url: absoluteUrl(site, input.path) }
}

/** The citation's parts as the page shows them: the title in italics between the rest. */
export type CitationParts = { before: string; title: string; after: string; url: string }

/**
 * The citation as readers copy it, in parts: «Helsedirektoratet (2024). *Målbildet for
 * arbeidet*. I: <edition>, versjon 1, sist faglig endret 31. mai 2024. <address>».
 */
export const citationParts = (c: Citation): CitationParts => ({
  before: `${c.publisher} (${c.year}). `,
  title: c.title,
  after: `${/[.?!]$/.test(c.title) ? '' : '.'} I: ${c.editionTitle}, versjon ${c.revision}, sist faglig endret ${norwegianDay(c.lastProfessionalChange)}. `,
  url: c.url,
})

/**
 * The citation as plain text, the title without its italics.
 * @example citationText(citationOf({ publisher: 'Helsedirektoratet', title: 'Mål', editionTitle: 'Årsrapport 2023', revision: 1, publishedAt: '2024-05-31T10:00:00.000Z', lastProfessionalChange: '2024-05-31', path: '/a/b/versjoner/1/', … }, 'https://x.no')) // 'Helsedirektoratet (2024). Mål. I: Årsrapport 2023, versjon 1, sist faglig endret 31. mai 2024. https://x.no/a/b/versjoner/1/'
 */
export const citationText = (c: Citation): string => {
  const p = citationParts(c)
  return `${p.before}${p.title}${p.after}${p.url}`
}

/** One line of text for a tagged format: no line breaks, runs of whitespace as one space. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim()

/**
 * The citation in RIS, the tagged format reference managers (Zotero, EndNote, Mendeley) import:
 * a book chapter (CHAP) in the edition (T2) of the report (T3), CRLF line ends as the format has them.
 */
export const citationRis = (c: Citation): string => {
  const lines: Array<[string, string]> = [
    ['TY', 'CHAP'],
    ['AU', c.publisher],
    ['PY', c.year],
    ['DA', c.publishedDay.replaceAll('-', '/')],
    ['TI', c.title],
    ['T2', c.editionTitle],
    ['T3', c.reportTitle],
    ...(c.chapterNumber ? ([['SE', `Kapittel ${c.chapterNumber}`]] as Array<[string, string]>) : []),
    ['PB', c.publisher],
    ['ET', `Versjon ${c.revision}`],
    ['LA', 'nb'],
    ['UR', c.url],
    [
      'N1',
      `Versjon ${c.revision}, publisert ${norwegianDay(c.publishedDay)}, sist faglig endret ${norwegianDay(c.lastProfessionalChange)}.`,
    ],
    ['ER', ''],
  ]
  return (
    lines.map(([tag, value]) => `${tag}  - ${oneLine(value)}`.trimEnd() + (tag === 'ER' ? ' ' : '')).join('\r\n') +
    '\r\n'
  )
}

const BIBTEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
}

/**
 * A value for a BibTeX field: LaTeX's special characters escaped, on one line. Letters such as
 * æ, ø and å stay as they are (UTF-8, as biblatex and BibTeX with inputenc read them).
 * @example bibtexValue('Fag & forskning 100 %') // 'Fag \\& forskning 100 \\%'
 */
export const bibtexValue = (s: string): string => oneLine(s).replace(/[\\{}&%$#_~^]/g, (ch) => BIBTEX_SPECIAL[ch])

/** Letters and digits only, in ASCII: for a BibTeX key. */
const keyPart = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/æ/gi, 'ae')
    .replace(/ø/gi, 'o')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/[^a-z0-9-]/gi, '')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()

/**
 * The citation as a BibTeX entry (@incollection: a chapter with a title of its own in the
 * edition), the author in double braces as a body, not a person's name, and the title braced
 * so that styles keep its capitals. The key names publisher, year, chapter and version.
 */
export const citationBibtex = (c: Citation, chapter: ChapterRef): string => {
  const key = [keyPart(c.publisher), c.year, keyPart(chapter.slug), `v${c.revision}`].filter(Boolean).join('-')
  const fields: Array<[string, string]> = [
    ['author', `{${bibtexValue(c.publisher)}}`],
    ['title', `{${bibtexValue(c.title)}}`],
    ['booktitle', bibtexValue(c.editionTitle)],
    ['series', bibtexValue(c.reportTitle)],
    ...(c.chapterNumber ? ([['chapter', bibtexValue(c.chapterNumber)]] as Array<[string, string]>) : []),
    ['publisher', bibtexValue(c.publisher)],
    ['year', c.year],
    ['date', c.publishedDay],
    ['version', String(c.revision)],
    ['note', bibtexValue(`Versjon ${c.revision}, sist faglig endret ${norwegianDay(c.lastProfessionalChange)}`)],
    ['url', c.url],
    ['langid', 'norsk'],
  ]
  return `@incollection{${key},\n${fields.map(([name, value]) => `  ${name} = {${value}},`).join('\n')}\n}\n`
}

/** The files a version's citation is offered in, beside its page. */
export const CITATION_FILES = { ris: 'sitering.ris', bib: 'sitering.bib' } as const

/** The address of a version's citation file (.ris or .bib). */
export const citationFileUrl = (c: ChapterRef, revision: number, format: keyof typeof CITATION_FILES) =>
  `${revisionUrl(c, revision)}${CITATION_FILES[format]}`
