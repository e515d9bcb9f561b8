/**
 * The imported report in content/: what the importer writes and the CMS seed reads. (The
 * published snapshot the site builds from has its own schema: packages/contracts/src/snapshot.ts.)
 */
import { z } from 'zod'

import * as field from './fields'

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
  licence: field.licenceSchema,
  sources: z.array(z.object({ publisher: z.string(), url: z.string() })),
})

export const editionSchema = z.object({
  slug: field.slug,
  title: z.string(),
  year: z.number().int(),
  publishedAt: field.isoDay,
  status: field.editionStatus,
  parts: z.array(z.object({ number: field.ordinal, title: z.string(), slug: field.slug })),
  source: sourceSchema,
})
export type Edition = z.infer<typeof editionSchema>

export const goalAreaSchema = z.object({
  number: field.goalAreaNumber,
  editions: z.array(z.object({ edition: field.slug, title: z.string(), effectGoals: z.array(z.string()) })),
})
export type GoalArea = z.infer<typeof goalAreaSchema>

export const measureSchema = z.object({
  number: field.measureNumber,
  title: z.string(),
  goalArea: field.goalAreaNumber,
  description: z.string(),
  statuses: z.array(z.object({ edition: field.slug, status: field.measureStatusSchema })),
  source: z.string(),
})
export type Measure = z.infer<typeof measureSchema>

export const chapterSchema = z.object({
  edition: field.slug,
  kind: field.chapterKind,
  number: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .nullable(),
  part: field.ordinal.nullable(),
  title: z.string(),
  slug: field.slug,
  goalArea: field.goalAreaNumber.nullable(),
  measures: z.array(field.measureNumber),
  lastProfessionalChange: field.isoDay,
  body: lexical,
  footnotes: z.array(z.object({ number: field.ordinal, text: z.string() })),
  source: sourceSchema,
})
export type ImportedChapter = z.infer<typeof chapterSchema>

export const newsSchema = z.object({
  slug: field.slug,
  kicker: z.string().nullable(),
  title: z.string(),
  historicalArchive: z.boolean(),
  publishedUnder: z.string().nullable(),
  publisher: z.string().nullable(),
  publishedAt: field.isoDay.nullable(),
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
  goalAreas: z.array(z.object({ number: field.goalAreaNumber, titles: z.record(z.string(), z.string()) })),
  pages: z.array(
    z.object({
      file: z.string(),
      edition: field.slug.nullable(),
      kind: z.enum(['chapter', 'partIntro', 'news']),
      part: field.ordinal.nullable().default(null),
      goalArea: field.goalAreaNumber.nullable().default(null),
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
