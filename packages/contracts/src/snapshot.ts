/**
 * The content snapshot: what the export writes to content/snapshot/ from the CMS's published
 * content, and what the site builds from. One schema for both sides.
 *
 * Layout (all JSON, 2-space indent, keys in schema order, LF, no timestamps of the export):
 *   content/snapshot/snapshot.json                     Snapshot (everything but chapter bodies)
 *   content/snapshot/chapters/<edition>/<slug>.json    Chapter (with every published revision)
 *
 * HTML in the snapshot is sanitized at export, once per revision, and stored with its SHA-256:
 *   - headings carry stable ids: <h2 id="effektmal">…</h2> (also listed in `headings`)
 *   - a footnote marker is <sup class="fn-ref" id="fnref-15"><a href="#fn-15">15</a></sup>;
 *     the notes are in `footnotes` (their HTML has no wrapper), rendered by the site as
 *     <li id="fn-15">… <a href="#fnref-15">↩</a></li>
 *   - links to measures are <a href="/tiltak/10/">…</a>, to chapters /<edition>/<slug>/
 *   - lists, tables (<table><thead>/<tbody>), <blockquote>, <p>, <strong>, <em> as usual
 */
import { z } from 'zod'

import {
  chapterKind,
  editionStatus,
  goalAreaNumber,
  isoDay,
  licenceSchema,
  measureNumber,
  measureStatusSchema,
  ordinal,
  slug,
} from './fields'

export { measureStatusSchema, SLUG_MAX_LENGTH } from './fields'

const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'a UTC time as ISO 8601')
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex')

export const sourceSchema = z.object({
  publisher: z.string().nullable(),
  url: z.string().nullable(),
  licence: z.string().nullable(),
})

export const editionSchema = z.object({
  slug,
  title: z.string().min(1),
  year: z.number().int(),
  publishedAt: isoDay.nullable(),
  status: editionStatus,
  parts: z.array(z.object({ number: ordinal, title: z.string(), slug: slug.nullable() })),
  source: sourceSchema.nullable(),
})

export const goalAreaSchema = z.object({
  number: goalAreaNumber,
  editions: z.array(z.object({ edition: slug, title: z.string().min(1), effectGoals: z.array(z.string().min(1)) })),
})

export const measureSchema = z.object({
  number: measureNumber,
  /** Empty while unconfirmed: show "Tiltak N" only, never a made-up title. */
  title: z.string(),
  goalArea: goalAreaNumber.nullable(),
  description: z.string(),
  statuses: z.array(z.object({ edition: slug, status: measureStatusSchema })),
})

export const newsSchema = z.object({
  slug,
  kicker: z.string().nullable(),
  title: z.string().min(1),
  historicalArchive: z.boolean(),
  publishedUnder: z.string().nullable(),
  publisher: z.string().nullable(),
  publishedAt: isoDay.nullable(),
  html: z.string(),
  htmlSha256: sha256,
  importantMeasures: z.array(z.string()),
  source: sourceSchema.nullable(),
})

export const headingSchema = z.object({
  id: z.string().min(1),
  level: z.number().int().min(2).max(4),
  text: z.string(),
})
export const footnoteSchema = z.object({ number: ordinal, html: z.string() })

/**
 * One published revision of a chapter: immutable once published. A `withdrawal` revision
 * withdraws the chapter: it keeps the previous revision's content and "Siste faglige
 * endring", its change note is the explanation, and its publishedAt the day of withdrawal. A
 * later major or minor revision reinstates the chapter.
 */
export const revisionSchema = z.object({
  revision: z.number().int().positive(),
  publishedAt: isoDateTime,
  updateType: z.enum(['major', 'minor', 'withdrawal']),
  changeNote: z.string().nullable(),
  lastProfessionalChange: isoDay,
  number: z.string().nullable(),
  title: z.string().min(1),
  goalArea: goalAreaNumber.nullable(),
  measures: z.array(measureNumber),
  html: z.string(),
  htmlSha256: sha256,
  headings: z.array(headingSchema),
  footnotes: z.array(footnoteSchema),
})

export const chapterSchema = z.object({
  edition: slug,
  slug,
  kind: chapterKind,
  part: ordinal.nullable(),
  /** The first revision's publishedAt: derived, also written here for readers of the file. */
  firstPublishedAt: isoDateTime,
  /** Oldest first; the last one is the current text. */
  revisions: z.array(revisionSchema).min(1),
})

/**
 * A chapter as the site's content collection stores it: every revision without its HTML, which
 * stays in the snapshot file and is read when a page shows it (see lib/site.ts). The store then
 * holds kilobytes per chapter, not the whole text of every revision.
 */
export const storedChapterSchema = chapterSchema.extend({
  revisions: z.array(revisionSchema.omit({ html: true })).min(1),
})
export type StoredChapter = z.infer<typeof storedChapterSchema>

export const snapshotSchema = z.object({
  schemaVersion: z.literal(1),
  report: z.object({
    title: z.string(),
    publisher: z.string(),
    licence: licenceSchema,
  }),
  editions: z.array(editionSchema),
  goalAreas: z.array(goalAreaSchema),
  measures: z.array(measureSchema),
  news: z.array(newsSchema),
})

export type Source = z.infer<typeof sourceSchema>
export type Edition = z.infer<typeof editionSchema>
export type GoalArea = z.infer<typeof goalAreaSchema>
export type Measure = z.infer<typeof measureSchema>
export type News = z.infer<typeof newsSchema>
export type Heading = z.infer<typeof headingSchema>
export type Footnote = z.infer<typeof footnoteSchema>
export type Revision = z.infer<typeof revisionSchema>
export type Chapter = z.infer<typeof chapterSchema>
export type Snapshot = z.infer<typeof snapshotSchema>
