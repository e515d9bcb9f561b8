/**
 * The site's generated pages, route by route: each page's address, its output file and its
 * inputs. A page renders only from its inputs (its props), so the hash of the inputs says when
 * it must be rendered again; an incremental build renders the pages whose inputs changed and
 * reuses the rest from the previous build. Plain TypeScript: the build script works out the
 * plan from the snapshot without Astro, and the pages' getStaticPaths use the same entries.
 */
import { createHash } from 'node:crypto'

import { CITATION_FILES, citationInput } from './citation'
import {
  chapterLabel,
  chapterView,
  currentEdition,
  currentRevision,
  editionToc,
  goalAreaView,
  measureView,
  type SiteData,
} from './model'
import { PRINT_SLUG, printDocument } from './print'
import { compareIndex, consecutiveReleaseChanges } from './releaseChanges'
import { releases, stateAt } from './releases'
import { jsonByHash } from '@rapport/contracts/readSnapshot'
import type { Chapter, Revision } from '@rapport/contracts/snapshot'
import { withdrawalOf } from './withdrawal'
import {
  consecutivePairs,
  counterparts,
  editionsWithout,
  effectGoals,
  history,
  measuresOf,
  otherEditions,
  type ChapterRef,
  type EditionSide,
} from './versions'

type Params = Record<string, string>
type Entry<P> = { params: Params; props: P }

/** A dynamic route: its pages' output files and their inputs. */
export type Route<P> = {
  /** The output file of a page, relative to the site's root. */
  file: (params: Params) => string
  entries: (data: SiteData) => Array<Entry<P>>
}

const route = <P>(file: Route<P>['file'], entries: Route<P>['entries']): Route<P> => ({ file, entries })

const ref = (c: Chapter): ChapterRef => ({ edition: c.edition, slug: c.slug })
const editionOf = (data: SiteData, slug: string) => data.snapshot.editions.find((e) => e.slug === slug)!
const chapterParams = (c: Chapter) => ({ edition: c.edition, chapter: c.slug })

/** What a page about a chapter names it by: the chapter, its edition and its label («Kapittel 2.1»). */
const chapterNaming = (data: SiteData, c: Chapter) => {
  const edition = editionOf(data, c.edition)
  return { chapter: ref(c), edition: { slug: edition.slug, title: edition.title }, label: chapterLabel(c) }
}

/** A revision without its text: for pages that list revisions. */
const revisionSummary = (r: Revision) => ({
  revision: r.revision,
  publishedAt: r.publishedAt,
  updateType: r.updateType,
  number: r.number,
  title: r.title,
  lastProfessionalChange: r.lastProfessionalChange,
})

/** /<edition>/: the edition's table of contents. */
export const editionPage = route(
  (p) => `${p.edition}/index.html`,
  (data) =>
    data.snapshot.editions.map((edition) => ({
      params: { edition: edition.slug },
      props: {
        edition,
        current: currentEdition(data.snapshot),
        report: { title: data.snapshot.report.title, publisher: data.snapshot.report.publisher },
        toc: editionToc(data, edition.slug),
      },
    })),
)

/**
 * /<edition>/utskrift/: the whole edition as one document. Its inputs are every chapter of the
 * edition (each current revision's text counted by its hash), so any publish in the edition
 * renders it again.
 */
export const printPage = route(
  (p) => `${p.edition}/${PRINT_SLUG}/index.html`,
  (data) =>
    data.snapshot.editions.flatMap((edition) => {
      const doc = printDocument(data, edition.slug)
      return doc ? [{ params: { edition: edition.slug }, props: { doc } }] : []
    }),
)

/** /<edition>/<chapter>/: the chapter at its current revision. */
export const chapterPage = route(
  (p) => `${p.edition}/${p.chapter}/index.html`,
  (data) =>
    data.chapters.map((c) => ({
      params: chapterParams(c),
      props: {
        chapter: ref(c),
        view: chapterView(data, c),
        withdrawal: withdrawalOf(c),
        otherEditions: otherEditions(data, c),
        citation: citationInput(data, c),
      },
    })),
)

/** /<edition>/<chapter>/versjoner/: every revision of the chapter. */
export const historyPage = route(
  (p) => `${p.edition}/${p.chapter}/versjoner/index.html`,
  (data) =>
    data.chapters.map((c) => ({
      params: chapterParams(c),
      props: {
        ...chapterNaming(data, c),
        title: currentRevision(c).title,
        rows: history(c),
        withdrawal: withdrawalOf(c),
      },
    })),
)

/** /<edition>/<chapter>/versjoner/<n>/: a revision's permanent page. */
export const revisionPage = route(
  (p) => `${p.edition}/${p.chapter}/versjoner/${p.revision}/index.html`,
  (data) =>
    data.chapters.flatMap((c) =>
      c.revisions.map((r) => ({
        params: { ...chapterParams(c), revision: String(r.revision) },
        props: {
          chapter: ref(c),
          view: chapterView(data, c, r),
          isCurrent: currentRevision(c).revision === r.revision,
          withdrawal: withdrawalOf(c, r),
          citation: citationInput(data, c, r),
        },
      })),
    ),
)

/** /<edition>/<chapter>/versjoner/<n>/sitering.ris and .bib: a version's citation for reference managers. */
const citationFile = (name: string) =>
  route(
    (p) => `${p.edition}/${p.chapter}/versjoner/${p.revision}/${name}`,
    (data) =>
      data.chapters.flatMap((c) =>
        c.revisions.map((r) => ({
          params: { ...chapterParams(c), revision: String(r.revision) },
          props: { chapter: ref(c), citation: citationInput(data, c, r) },
        })),
      ),
  )
export const citationRis = citationFile(CITATION_FILES.ris)
export const citationBib = citationFile(CITATION_FILES.bib)

/** Each chapter with more than one revision, with its revisions: the data of its version files. */
const chaptersWithHistory = (data: SiteData) =>
  data.chapters
    .filter((c) => c.revisions.length > 1)
    .map((c) => ({ params: chapterParams(c), props: { revisions: c.revisions } }))

/**
 * /<edition>/<chapter>/versjoner/avsnitt.json: each paragraph id the chapter's text lost, with
 * the comparison where it did, so that a link to a paragraph a version lacks lands there.
 */
export const removedParagraphsFile = route(
  (p) => `${p.edition}/${p.chapter}/versjoner/avsnitt.json`,
  chaptersWithHistory,
)

/** /<edition>/<chapter>/versjoner/tekst.json: every revision's text, for comparing any two in the browser. */
export const revisionTexts = route((p) => `${p.edition}/${p.chapter}/versjoner/tekst.json`, chaptersWithHistory)

/** /<edition>/<chapter>/sammenlign/<a>...<b>/: a revision against the one before. */
export const comparisonPage = route(
  (p) => `${p.edition}/${p.chapter}/sammenlign/${p.pair}/index.html`,
  (data) =>
    data.chapters.flatMap((c) =>
      consecutivePairs(c).map(([a, b]) => ({
        params: { ...chapterParams(c), pair: `${a.revision}...${b.revision}` },
        props: { ...chapterNaming(data, c), a, b, measures: measuresOf(data, a, b) },
      })),
    ),
)

/** /<edition>/<chapter>/sammenlign-utgave/<other>/: the chapter against the same chapter in another edition. */
export const editionComparisonPage = route(
  (p) => `${p.edition}/${p.chapter}/sammenlign-utgave/${p.other}/index.html`,
  (data) =>
    data.chapters.flatMap((c) =>
      counterparts(data, c).map((other) => {
        const side = (x: Chapter): EditionSide => {
          const r = currentRevision(x)
          return {
            chapter: ref(x),
            editionTitle: editionOf(data, x.edition).title,
            revision: r,
            effectGoals: effectGoals(data, r.goalArea, x.edition),
          }
        }
        const [older, newer] =
          editionOf(data, other.edition).year < editionOf(data, c.edition).year ? [other, c] : [c, other]
        return {
          params: { ...chapterParams(c), other: other.edition },
          props: {
            ...chapterNaming(data, c),
            title: currentRevision(c).title,
            older: side(older),
            newer: side(newer),
            measures: measuresOf(data, currentRevision(older), currentRevision(newer)),
          },
        }
      }),
    ),
)

/**
 * /<edition>/<chapter>/sammenlign-utgave/<other>/ where the other edition has no chapter of that
 * number: says so, with the way to that edition's contents, instead of a dead end.
 */
export const editionComparisonMissingPage = route(
  (p) => `${p.edition}/${p.chapter}/sammenlign-utgave/${p.other}/index.html`,
  (data) =>
    data.chapters.flatMap((c) =>
      editionsWithout(data, c).map((other) => {
        return {
          params: { ...chapterParams(c), other: other.slug },
          props: {
            ...chapterNaming(data, c),
            number: currentRevision(c).number,
            title: currentRevision(c).title,
            other: { slug: other.slug, title: other.title },
          },
        }
      }),
    ),
)

/** /tiltak/<n>/: a measure. */
export const measurePage = route(
  (p) => `tiltak/${p.n}/index.html`,
  (data) =>
    data.snapshot.measures.map((m) => ({ params: { n: String(m.number) }, props: { view: measureView(data, m) } })),
)

/** /malomrader/<n>/: a goal area. */
export const goalAreaPage = route(
  (p) => `malomrader/${p.n}/index.html`,
  (data) =>
    data.snapshot.goalAreas.map((g) => ({ params: { n: String(g.number) }, props: { view: goalAreaView(data, g) } })),
)

/** /nyheter/<slug>/: a news item. */
export const newsPage = route(
  (p) => `nyheter/${p.slug}/index.html`,
  (data) => data.snapshot.news.map((item) => ({ params: { slug: item.slug }, props: { item } })),
)

/** /arkiv/<release>/: the report as it stood at a release. */
export const releasePage = route(
  (p) => `arkiv/${p.release}/index.html`,
  (data) =>
    releases(data).map((release, i, list) => {
      const state = stateAt(data, release.publishedAt).map((s) => ({
        chapter: { ...ref(s.chapter), kind: s.chapter.kind },
        revision: revisionSummary(s.revision),
        label: s.label,
        url: s.url,
      }))
      const editions = data.snapshot.editions
        .filter((e) => state.some((s) => s.chapter.edition === e.slug))
        .map((e) => ({ slug: e.slug, title: e.title }))
      return { params: { release: release.id }, props: { release, previous: list[i - 1]?.id ?? null, state, editions } }
    }),
)

/**
 * /arkiv/<from>...<to>/: what changed in the report between two consecutive releases. A new
 * release adds the page of it and the one before; the pages before it never change. Any other
 * two releases the server compares on request, from /arkiv/sammenlign/kapitler.json.
 */
export const releaseComparisonPage = route(
  (p) => `arkiv/${p.from}...${p.to}/index.html`,
  (data) =>
    consecutiveReleaseChanges(compareIndex(data)).map((changes) => ({
      params: { from: changes.from.id, to: changes.to.id },
      props: { changes },
    })),
)

/** Every dynamic route, by name. The other pages (front page, lists, feed) depend on all content and are always rendered. */
export const routes = {
  edition: editionPage,
  print: printPage,
  chapter: chapterPage,
  history: historyPage,
  revision: revisionPage,
  citationRis,
  citationBib,
  removedParagraphs: removedParagraphsFile,
  revisionTexts,
  comparison: comparisonPage,
  editionComparison: editionComparisonPage,
  editionComparisonMissing: editionComparisonMissingPage,
  measure: measurePage,
  goalArea: goalAreaPage,
  news: newsPage,
  release: releasePage,
  releaseComparison: releaseComparisonPage,
} as const

/**
 * The hash of a page's inputs. A revision's HTML counts by its SHA-256 (the snapshot has it),
 * so hashing a plan of thousands of pages does not read their text twice.
 */
export const inputHash = (route: string, props: unknown): string =>
  createHash('sha256').update(route).update(jsonByHash(props)).digest('hex').slice(0, 32)

export type PagePlan = Record<string, string>

/** Every generated page's output file with the hash of its inputs, in a stable order. */
export const pagePlan = (data: SiteData): PagePlan => {
  const plan: PagePlan = {}
  for (const [name, r] of Object.entries(routes) as Array<[string, Route<unknown>]>) {
    for (const e of r.entries(data)) plan[r.file(e.params)] = inputHash(name, e.props)
  }
  return Object.fromEntries(Object.entries(plan).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** The output files a partial build renders, from SITE_RENDER_ONLY (a JSON list in a file); null renders all. */
export type RenderOnly = ReadonlySet<string> | null

/**
 * A route's static paths for Astro: every page, or only those named in `only`.
 * @example staticPaths(routes.chapter, data, new Set(['arsrapport-2023/innledning/index.html']))
 */
export const staticPaths = <P>(r: Route<P>, data: SiteData, only: RenderOnly) =>
  r.entries(data).filter((e) => !only || only.has(r.file(e.params)))

/**
 * The addresses of every page for the sitemap: the fixed pages and each route's pages, sorted.
 * @example sitemapUrls(['/', '/om/'], data) // ['/', '/arkiv/20220519T100000Z/', …, '/om/', …]
 */
export const sitemapUrls = (fixedPages: string[], data: SiteData): string[] => {
  const generated = Object.values(routes as Record<string, Route<unknown>>).flatMap((r) =>
    r
      .entries(data)
      .map((e) => r.file(e.params))
      .filter((f) => f.endsWith('index.html'))
      .map((f) => `/${f.slice(0, -'index.html'.length)}`),
  )
  return [...new Set([...fixedPages, ...generated])].sort()
}
