/**
 * The Astro content loader over a snapshot folder (content/snapshot, or SNAPSHOT_DIR): one
 * collection each for the report, editions, chapters, measures, goal areas and news. Every file
 * is checked against the shared schema; a bad file stops the build with an error that names the
 * file and the field. Entries whose digest is unchanged are left as they are in the data store.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Loader, LoaderContext } from 'astro/loaders'

import {
  chapterSchema,
  editionSchema,
  storedChapterSchema,
  goalAreaSchema,
  measureSchema,
  newsSchema,
  snapshotSchema,
  type Chapter,
  type Snapshot,
} from '@rapport/contracts/snapshot'
import {
  chapterFiles,
  fileStamp,
  forgetChapterTexts,
  keepChapterText,
  missingSnapshotMessage,
  parseJson,
  shown,
  SnapshotError,
  snapshotDir,
  validate,
} from '@rapport/contracts/readSnapshot'
import { sha256 } from '@rapport/files'

export const reportSchema = snapshotSchema.shape.report

export const COLLECTIONS = {
  report: reportSchema,
  editions: editionSchema,
  chapters: storedChapterSchema,
  measures: measureSchema,
  goalAreas: goalAreaSchema,
  news: newsSchema,
} as const
export type CollectionName = keyof typeof COLLECTIONS

type MainFile = { file: string; snapshot: Snapshot }
const mainCache = new Map<string, { stamp: string; value: MainFile }>()

/** snapshot.json of a folder, validated; read once while it is unchanged on disk. */
export const readMain = (dir: string): MainFile => {
  const file = path.join(dir, 'snapshot.json')
  if (!fs.existsSync(file)) {
    throw new Error(missingSnapshotMessage(dir))
  }
  const stat = fs.statSync(file)
  const stamp = `${stat.mtimeMs}:${stat.size}`
  const cached = mainCache.get(file)
  if (cached?.stamp === stamp) return cached.value
  const snapshot = validate(file, parseJson(file, fs.readFileSync(file, 'utf8')), snapshotSchema)
  const problems: string[] = []
  snapshot.news.forEach((n, i) => {
    if (sha256(n.html) !== n.htmlSha256)
      problems.push(`news[${i}].htmlSha256: does not match the SHA-256 of news[${i}].html`)
  })
  const duplicates = (label: string, keys: Array<string | number>) =>
    keys
      .filter((k, i) => keys.indexOf(k) !== i)
      .forEach((k) => problems.push(`${label}: ${shown(k)} occurs more than once`))
  const keys: Array<[string, Array<string | number>]> = [
    ['editions[].slug', snapshot.editions.map((e) => e.slug)],
    ['measures[].number', snapshot.measures.map((m) => m.number)],
    ['goalAreas[].number', snapshot.goalAreas.map((g) => g.number)],
    ['news[].slug', snapshot.news.map((n) => n.slug)],
  ]
  for (const [label, values] of keys) duplicates(label, values)
  if (problems.length) throw new SnapshotError(file, problems)
  const value = { file, snapshot }
  mainCache.set(file, { stamp, value })
  return value
}

/** Checks what the schema cannot: where the file is, revision order, dates and hashes. */
export const checkChapter = (file: string, chapter: Chapter, editions: string[]): void => {
  const problems: string[] = []
  const expected = path.join(chapter.edition, `${chapter.slug}.json`)
  if (!file.endsWith(expected))
    problems.push(
      `edition/slug: the file should be chapters/${expected} for edition ${shown(chapter.edition)} and slug ${shown(chapter.slug)}`,
    )
  if (!editions.includes(chapter.edition))
    problems.push(`edition: ${shown(chapter.edition)} is not an edition in snapshot.json (${editions.join(', ')})`)
  chapter.revisions.forEach((r, i) => {
    if (r.revision !== i + 1)
      problems.push(
        `revisions[${i}].revision: expected ${i + 1} (revisions are numbered 1, 2, 3… oldest first), found ${r.revision}`,
      )
    if (sha256(r.html) !== r.htmlSha256)
      problems.push(`revisions[${i}].htmlSha256: does not match the SHA-256 of revisions[${i}].html`)
    const before = chapter.revisions[i - 1]
    if (before && r.publishedAt < before.publishedAt)
      problems.push(
        `revisions[${i}].publishedAt: ${r.publishedAt} is before the previous revision's ${before.publishedAt}`,
      )
  })
  if (chapter.firstPublishedAt !== chapter.revisions[0].publishedAt) {
    problems.push(
      `firstPublishedAt: ${chapter.firstPublishedAt} is not the first revision's publishedAt (${chapter.revisions[0].publishedAt})`,
    )
  }
  if (problems.length) throw new SnapshotError(file, problems)
}

type Context = Pick<LoaderContext, 'store' | 'parseData' | 'generateDigest' | 'logger'>

/** Replaces a collection's entries with `entries`, keeping those whose digest is unchanged. */
const sync = async (ctx: Context, entries: Array<{ id: string; data: Record<string, unknown>; filePath?: string }>) => {
  const ids = new Set(entries.map((e) => e.id))
  for (const id of ctx.store.keys()) if (!ids.has(id)) ctx.store.delete(id)
  for (const e of entries) {
    const digest = ctx.generateDigest(e.data)
    if (ctx.store.get(e.id)?.digest === digest) continue
    const data = await ctx.parseData({ id: e.id, data: e.data, filePath: e.filePath })
    ctx.store.set({ id: e.id, data, digest })
  }
}

/** What the store holds for a chapter; a change here makes every chapter load again. */
const STORE_FORMAT = 'chapter without html, 2'

/**
 * Digests of chapter files by path, size, time and inode, kept across builds of a long-lived
 * process (the site's build worker), so files the export did not rewrite are not read again.
 */
const digests: Map<string, { stamp: string; digest: string }> = ((globalThis as Record<symbol, unknown>)[
  Symbol.for('rapport.chapterDigests')
] ??= new Map()) as Map<string, { stamp: string; digest: string }>

const loadChapters = async (ctx: Context, dir: string) => {
  const { snapshot } = readMain(dir)
  const editions = snapshot.editions.map((e) => e.slug)
  const files = chapterFiles(dir)
  const ids = new Set<string>()
  let changed = 0
  forgetChapterTexts()
  for (const file of files) {
    const stamp = fileStamp(file)
    let text: string | null = null
    let digest = digests.get(file)?.stamp === stamp ? digests.get(file)!.digest : null
    if (!digest) {
      text = fs.readFileSync(file, 'utf8')
      digest = ctx.generateDigest(`${STORE_FORMAT}\n${text}`)
      digests.set(file, { stamp, digest })
      keepChapterText(file, stamp, text) // the pages of this build parse it rather than read it again
    }
    const id = path
      .relative(path.join(dir, 'chapters'), file)
      .replace(/\\/g, '/')
      .replace(/\.json$/, '')
    ids.add(id)
    const edition = id.split('/')[0]
    if (!editions.includes(edition))
      throw new SnapshotError(file, [
        `edition: ${shown(edition)} is not an edition in snapshot.json (${editions.join(', ')})`,
      ])
    // A file that has not changed since the last build was checked then: keep its entry.
    if (ctx.store.get(id)?.digest === digest) continue
    const chapter = validate(file, parseJson(file, text ?? fs.readFileSync(file, 'utf8')), chapterSchema)
    checkChapter(file, chapter, editions)
    // The HTML stays in the file (checked above against its hash); the store gets the rest.
    const stored = { ...chapter, revisions: chapter.revisions.map(({ html: _html, ...r }) => r) }
    const data = await ctx.parseData({ id, data: stored, filePath: file })
    ctx.store.set({ id, data, digest })
    changed++
  }
  for (const id of ctx.store.keys()) if (!ids.has(id)) ctx.store.delete(id)
  return { total: files.length, changed }
}

/**
 * The loader of one collection of the snapshot in `dir` (default: SNAPSHOT_DIR or content/snapshot).
 * It carries the collection's schema, which types the collection's entries for getCollection.
 */
export const snapshotLoader = <C extends CollectionName>(
  collection: C,
  dir?: string,
): Loader & { schema: (typeof COLLECTIONS)[C] } => ({
  name: `snapshot-${collection}`,
  schema: COLLECTIONS[collection],
  load: async (ctx) => {
    const folder = dir ?? snapshotDir()
    if (collection === 'chapters') {
      const { total, changed } = await loadChapters(ctx, folder)
      ctx.logger.info(`${total} chapters from ${folder} (${changed} new or changed)`)
      return
    }
    const { file, snapshot } = readMain(folder)
    const entries =
      collection === 'report'
        ? [{ id: 'report', data: snapshot.report }]
        : collection === 'editions'
          ? snapshot.editions.map((e) => ({ id: e.slug, data: e }))
          : collection === 'measures'
            ? snapshot.measures.map((m) => ({ id: String(m.number), data: m }))
            : collection === 'goalAreas'
              ? snapshot.goalAreas.map((g) => ({ id: String(g.number), data: g }))
              : snapshot.news.map((n) => ({ id: n.slug, data: n }))
    await sync(
      ctx,
      entries.map((e) => ({ ...e, filePath: file })),
    )
  },
})
