import fs from 'node:fs'
import path from 'node:path'

import type { Payload, Where } from 'payload'
import type { z, ZodType } from 'zod'

import { chapterSchema, editionSchema, goalAreaSchema, measureSchema, newsSchema } from '@rapport/contracts/content'
import { parseJsonFile } from '@rapport/contracts/readSnapshot'

import { IMPORTED_PUBLISHED_AT } from '../collections/Chapters/hooks/stampRevision'
import { storedDay } from '../lib/dates'
import { COLLECTIONS } from '../lib/slugs'

/** The imported report in content/: what the importer wrote, read back as its schemas give it. */
export type ContentFiles = {
  editions: z.infer<typeof editionSchema>[]
  goalAreas: z.infer<typeof goalAreaSchema>[]
  measures: z.infer<typeof measureSchema>[]
  chapters: z.infer<typeof chapterSchema>[]
  news: z.infer<typeof newsSchema>[]
}

const readJsonDir = <T>(dir: string, schema: ZodType<T>, recursive = false): T[] => {
  if (!fs.existsSync(dir)) return []
  const files = (fs.readdirSync(dir, { recursive }) as string[]).filter((f) => f.endsWith('.json')).sort()
  return files.map((f) => parseJsonFile(path.join(dir, f), schema))
}

/** Reads and validates the imported content folder (editions, goal areas, measures, chapters, news). */
export const readContent = (contentDir: string): ContentFiles => ({
  editions: readJsonDir(path.join(contentDir, 'editions'), editionSchema),
  goalAreas: readJsonDir(path.join(contentDir, 'goal-areas'), goalAreaSchema),
  measures: readJsonDir(path.join(contentDir, 'measures'), measureSchema),
  chapters: readJsonDir(path.join(contentDir, 'chapters'), chapterSchema, true),
  news: readJsonDir(path.join(contentDir, 'news'), newsSchema),
})

export type SeedReport = Record<
  'editions' | 'goalAreas' | 'measures' | 'chapters' | 'news',
  { created: number; existing: number }
>

const source = (s: ContentFiles['chapters'][number]['source'] | undefined | null) =>
  s ? { publisher: s.publisher ?? null, url: s.url ?? null, licence: s.licence ?? 'NLOD 2.0' } : undefined

/**
 * Loads the imported report into the CMS as published content: each chapter as its published
 * revision 1 with its real "Siste faglige endring" and publication date. Documents that exist
 * already (by slug or number) are left as they are, so seeding twice never duplicates and
 * never overwrites an editor's work. All or nothing: references are checked first, and a
 * failure part-way takes back what the run had made.
 */
export const seedContent = async (payload: Payload, content: ContentFiles): Promise<SeedReport> => {
  checkReferences(content)
  const created: Array<{ collection: string; id: number | string }> = []
  try {
    return await seedWithin(payload, content, created)
  } catch (error) {
    // All or nothing on every database: take back what this run made, history included.
    for (const { collection, id } of created.reverse()) {
      await payload.db.deleteVersions({ collection, where: { parent: { equals: id } } } as never)
      await payload.db.deleteOne({ collection, where: { id: { equals: id } } } as never)
    }
    throw error
  }
}

/** Every edition, goal area and measure that content refers to must be in content too. */
const checkReferences = (content: ContentFiles) => {
  const editions = new Set(content.editions.map((e) => e.slug))
  const goalAreas = new Set(content.goalAreas.map((g) => g.number))
  const measures = new Set(content.measures.map((m) => m.number))
  const problems: string[] = []
  const edition = (slug: string, where: string) => {
    if (!editions.has(slug)) problems.push(`${where} refers to edition "${slug}", which content/editions does not have`)
  }
  for (const g of content.goalAreas) for (const row of g.editions ?? []) edition(row.edition, `goal area ${g.number}`)
  for (const m of content.measures) {
    for (const row of m.statuses ?? []) edition(row.edition, `measure ${m.number}`)
    if (m.goalArea && !goalAreas.has(m.goalArea))
      problems.push(`measure ${m.number} refers to goal area ${m.goalArea}, which content/goal-areas does not have`)
  }
  for (const c of content.chapters) {
    const where = `chapter ${c.edition}/${c.slug}`
    edition(c.edition, where)
    if (c.goalArea && !goalAreas.has(c.goalArea))
      problems.push(`${where} refers to goal area ${c.goalArea}, which content/goal-areas does not have`)
    for (const n of c.measures ?? [])
      if (!measures.has(n)) problems.push(`${where} refers to measure ${n}, which content/measures does not have`)
  }
  if (problems.length > 0) throw new Error(`content/ is inconsistent, nothing was seeded:\n- ${problems.join('\n- ')}`)
}

const seedWithin = async (
  payload: Payload,
  content: ContentFiles,
  created: Array<{ collection: string; id: number | string }>,
): Promise<SeedReport> => {
  const report: SeedReport = {
    editions: { created: 0, existing: 0 },
    goalAreas: { created: 0, existing: 0 },
    measures: { created: 0, existing: 0 },
    chapters: { created: 0, existing: 0 },
    news: { created: 0, existing: 0 },
  }
  const find = async (collection: string, where: Where) =>
    (
      await payload.find({
        collection: collection as 'chapters',
        where,
        limit: 1,
        depth: 0,
        draft: true,
        overrideAccess: true,
      })
    ).docs[0]

  const ensure = async (
    kind: keyof SeedReport,
    collection: string,
    where: Where,
    data: () => Record<string, unknown>,
    context: Record<string, unknown> = {},
    label: string = kind,
  ) => {
    const existing = await find(collection, where)
    if (existing) {
      report[kind].existing++
      return existing.id
    }
    const made = await payload
      .create({
        collection: collection as 'chapters',
        data: { ...data(), _status: 'published' } as never,
        overrideAccess: true,
        context,
      })
      .catch((error: { message: string; data?: { errors?: Array<{ message: string; path: string }> } }) => {
        const details = error.data?.errors?.map((e) => `${e.path}: ${e.message}`).join('; ')
        throw new Error(`${label}: ${details || error.message}`)
      })
    created.push({ collection, id: made.id })
    report[kind].created++
    return made.id
  }

  /** Each item found by its key, or made; their ids by key. */
  const ensureEach = async <T, K extends string | number>(
    kind: keyof SeedReport,
    collection: string,
    items: T[],
    key: { field: string; of: (item: T) => K },
    data: (item: T) => Record<string, unknown>,
  ) => {
    const ids = new Map<K, number | string>()
    for (const item of items)
      ids.set(key.of(item), await ensure(kind, collection, { [key.field]: { equals: key.of(item) } }, () => data(item)))
    return ids
  }

  const editionIds = await ensureEach(
    'editions',
    COLLECTIONS.editions,
    content.editions,
    { field: 'slug', of: (e) => e.slug },
    (e) => ({
      title: e.title,
      slug: e.slug,
      year: e.year,
      publishedAt: e.publishedAt ? storedDay(e.publishedAt) : null,
      status: e.status,
      parts: (e.parts ?? []).map((p) => ({ number: p.number, title: p.title, slug: p.slug ?? null })),
      source: source(e.source),
    }),
  )
  const editionId = (slug: string) => {
    const id = editionIds.get(slug)
    if (id === undefined) throw new Error(`content refers to edition "${slug}", which content/editions does not have`)
    return id
  }

  const byNumber = { field: 'number', of: (item: { number: number }) => item.number }
  const goalAreaIds = await ensureEach('goalAreas', COLLECTIONS.goalAreas, content.goalAreas, byNumber, (g) => ({
    number: g.number,
    editions: (g.editions ?? []).map((row) => ({
      edition: editionId(row.edition),
      title: row.title,
      effectGoals: (row.effectGoals ?? []).map((text: string) => ({ text })),
    })),
  }))

  const measureIds = await ensureEach('measures', COLLECTIONS.measures, content.measures, byNumber, (m) => ({
    number: m.number,
    title: m.title || null,
    goalArea: m.goalArea ? (goalAreaIds.get(m.goalArea) ?? null) : null,
    description: m.description || null,
    statuses: (m.statuses ?? []).map((s) => ({ edition: editionId(s.edition), status: s.status })),
    source: typeof m.source === 'string' ? { publisher: m.source, licence: 'NLOD 2.0' } : source(m.source),
  }))

  for (const c of content.chapters) {
    const edition = editionId(c.edition)
    await ensure(
      'chapters',
      COLLECTIONS.chapters,
      { and: [{ edition: { equals: edition } }, { slug: { equals: c.slug } }] },
      () => ({
        edition,
        kind: c.kind ?? 'chapter',
        number: c.number ?? null,
        part: c.part ?? null,
        title: c.title,
        slug: c.slug,
        goalArea: c.goalArea ? (goalAreaIds.get(c.goalArea) ?? null) : null,
        measures: (c.measures ?? []).map((n: number) => measureIds.get(n)).filter((id: unknown) => id !== undefined),
        body: c.body,
        footnotes: (c.footnotes ?? []).map((f) => ({ number: f.number, text: f.text })),
        lastProfessionalChange: c.lastProfessionalChange,
        source: source(c.source),
      }),
      // Revision 1 of an imported page was published on its "Siste faglige endring".
      { [IMPORTED_PUBLISHED_AT]: c.lastProfessionalChange ? storedDay(c.lastProfessionalChange) : undefined },
      `chapter ${c.edition}/${c.slug}`,
    )
  }

  for (const n of content.news) {
    await ensure('news', COLLECTIONS.news, { slug: { equals: n.slug } }, () => ({
      kicker: n.kicker ?? null,
      title: n.title,
      slug: n.slug,
      historicalArchive: Boolean(n.historicalArchive),
      publishedUnder: n.publishedUnder ?? null,
      publisher: n.publisher ?? null,
      publishedAt: n.publishedAt ? storedDay(n.publishedAt) : null,
      body: n.body,
      importantMeasures: (n.importantMeasures ?? []).map((text: string) => ({ text })),
      source: source(n.source),
    }))
  }
  return report
}

/** Seeds only a database that has no editions yet: what a first start does. */
export const seedIfEmpty = async (payload: Payload, contentDir: string): Promise<SeedReport | null> => {
  const { totalDocs } = await payload.count({ collection: COLLECTIONS.editions, overrideAccess: true })
  if (totalDocs > 0 || !fs.existsSync(path.join(contentDir, 'editions'))) return null
  return seedContent(payload, readContent(contentDir))
}
