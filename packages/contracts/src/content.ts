/**
 * The imported report in content/: what the importer writes and the CMS seed reads. (The
 * published snapshot the site builds from has its own schema: packages/contracts/src/snapshot.ts.)
 */
import { z } from 'zod'

import {
  chapterKind,
  editionStatus,
  goalAreaNumber,
  isoDay as day,
  licenceSchema,
  measureNumber,
  measureStatusSchema,
  ordinal,
  slug,
} from './fields'

const lexical = z.object({
  root: z
    .object({ type: z.literal('root'), children: z.array(z.object({ type: z.string() }).passthrough()) })
    .passthrough(),
})

export const sourceSchema = z.object({
  publisher: z.string(),
  url: z.string().nullable(),
  licence: z.string(),
  file: z.string().optional(),
})

export const reportSchema = z.object({
  title: z.string(),
  publisher: z.string(),
  licence: licenceSchema,
  sources: z.array(z.object({ publisher: z.string(), url: z.string() })),
})

export const editionSchema = z.object({
  slug,
  title: z.string(),
  year: z.number().int(),
  publishedAt: day,
  status: editionStatus,
  parts: z.array(z.object({ number: ordinal, title: z.string(), slug })),
  source: sourceSchema,
})
export type Edition = z.infer<typeof editionSchema>

export const goalAreaSchema = z.object({
  number: goalAreaNumber,
  editions: z.array(z.object({ edition: slug, title: z.string(), effectGoals: z.array(z.string()) })),
})
export type GoalArea = z.infer<typeof goalAreaSchema>

export const measureSchema = z.object({
  number: measureNumber,
  title: z.string(),
  goalArea: goalAreaNumber,
  description: z.string(),
  statuses: z.array(z.object({ edition: slug, status: measureStatusSchema })),
  source: z.string(),
})
export type Measure = z.infer<typeof measureSchema>

export const chapterSchema = z.object({
  edition: slug,
  kind: chapterKind,
  number: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .nullable(),
  part: ordinal.nullable(),
  title: z.string(),
  slug,
  goalArea: goalAreaNumber.nullable(),
  measures: z.array(measureNumber),
  lastProfessionalChange: day,
  body: lexical,
  footnotes: z.array(z.object({ number: ordinal, text: z.string() })),
  source: sourceSchema,
})
export type ImportedChapter = z.infer<typeof chapterSchema>

export const newsSchema = z.object({
  slug,
  kicker: z.string().nullable(),
  title: z.string(),
  historicalArchive: z.boolean(),
  publishedUnder: z.string().nullable(),
  publisher: z.string().nullable(),
  publishedAt: day.nullable(),
  body: lexical,
  importantMeasures: z.array(z.string()),
  source: sourceSchema,
})
export type NewsItem = z.infer<typeof newsSchema>

/** content/sources.json: which pages to import, and what the pages do not say themselves. */
export const sourcesSchema = z.object({
  report: reportSchema,
  measures: z.string(),
  editions: z.array(editionSchema.omit({ parts: true })),
  goalAreas: z.array(z.object({ number: goalAreaNumber, titles: z.record(z.string(), z.string()) })),
  pages: z.array(
    z.object({
      file: z.string(),
      edition: slug.nullable(),
      kind: z.enum(['chapter', 'partIntro', 'news']),
      part: ordinal.nullable().default(null),
      goalArea: goalAreaNumber.nullable().default(null),
      source: sourceSchema,
      /**
       * The addresses of links the scraped text keeps only the words of, by those words: a
       * press release's «Les handlingsplanen her» and where it goes.
       */
      links: z.record(z.string(), z.url({ protocol: /^https?$/ })).default({}),
    }),
  ),
})
export type Sources = z.infer<typeof sourcesSchema>
export type PageSource = Sources['pages'][number]
