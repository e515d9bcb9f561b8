/**
 * The imported report in content/: what the importer writes and the CMS seed reads. (The
 * published snapshot the site builds from has its own schema: site/src/lib/snapshot/schema.ts.)
 */
import { z } from 'zod'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
const lexical = z.object({ root: z.object({ type: z.literal('root'), children: z.array(z.object({ type: z.string() }).passthrough()) }).passthrough() })

export const sourceSchema = z.object({ publisher: z.string(), url: z.string().nullable(), licence: z.string(), file: z.string().optional() })

export const reportSchema = z.object({
  title: z.string(),
  publisher: z.string(),
  licence: z.object({ name: z.string(), url: z.string() }),
  sources: z.array(z.object({ publisher: z.string(), url: z.string() })),
})

export const editionSchema = z.object({
  slug,
  title: z.string(),
  year: z.number().int(),
  publishedAt: day,
  status: z.enum(['current', 'superseded']),
  parts: z.array(z.object({ number: z.number().int().positive(), title: z.string(), slug })),
  source: sourceSchema,
})

export const goalAreaSchema = z.object({
  number: z.number().int().min(1).max(3),
  editions: z.array(z.object({ edition: slug, title: z.string(), effectGoals: z.array(z.string()) })),
})

export const measureSchema = z.object({
  number: z.number().int().min(1).max(17),
  title: z.string(),
  goalArea: z.number().int().min(1).max(3),
  description: z.string(),
  statuses: z.array(z.object({ edition: slug, status: z.enum(['notStarted', 'inProgress', 'completed']) })),
  source: z.string(),
})

export const chapterSchema = z.object({
  edition: slug,
  kind: z.enum(['chapter', 'partIntro']),
  number: z.string().regex(/^\d+(\.\d+)?$/).nullable(),
  part: z.number().int().positive().nullable(),
  title: z.string(),
  slug,
  goalArea: z.number().int().min(1).max(3).nullable(),
  measures: z.array(z.number().int().min(1).max(17)),
  lastProfessionalChange: day,
  body: lexical,
  footnotes: z.array(z.object({ number: z.number().int().positive(), text: z.string() })),
  source: sourceSchema,
})

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

/** content/sources.json: which pages to import, and what the pages do not say themselves. */
export const sourcesSchema = z.object({
  report: reportSchema,
  measures: z.string(),
  editions: z.array(editionSchema.omit({ parts: true })),
  goalAreas: z.array(z.object({ number: z.number().int().min(1).max(3), titles: z.record(z.string(), z.string()) })),
  pages: z.array(
    z.object({
      file: z.string(),
      edition: slug.nullable(),
      kind: z.enum(['chapter', 'partIntro', 'news']),
      part: z.number().int().positive().nullable().default(null),
      goalArea: z.number().int().min(1).max(3).nullable().default(null),
      source: sourceSchema,
      /**
       * The addresses of links the scraped text keeps only the words of, by those words: a
       * press release's «Les handlingsplanen her» and where it goes.
       */
      links: z.record(z.string(), z.url({ protocol: /^https?$/ })).default({}),
    }),
  ),
})

export type Edition = z.infer<typeof editionSchema>
export type GoalArea = z.infer<typeof goalAreaSchema>
export type Measure = z.infer<typeof measureSchema>
export type ImportedChapter = z.infer<typeof chapterSchema>
export type NewsItem = z.infer<typeof newsSchema>
export type Sources = z.infer<typeof sourcesSchema>
export type PageSource = Sources['pages'][number]
