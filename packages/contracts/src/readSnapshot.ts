import fs from 'node:fs'
import path from 'node:path'

import type { ZodType } from 'zod'

import { chapterSchema, snapshotSchema, type Chapter, type Snapshot } from './snapshot'

/** Where the snapshot is: SNAPSHOT_DIR, or content/snapshot of the repository. */
export const snapshotDir = (): string =>
  path.resolve(process.env.SNAPSHOT_DIR ?? path.join(import.meta.dirname, '../../../content/snapshot'))

/** A snapshot file that does not match the schema, or disagrees with the rest of the snapshot. */
export class SnapshotError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid content snapshot: ${file}\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'SnapshotError'
  }
}

/**
 * JSON of snapshot data with each revision's HTML left out where its SHA-256 stands beside it:
 * the same text whenever the content is the same, without serialising the text itself.
 * @example jsonByHash({ html: '<p>…</p>', htmlSha256: 'ab12…' }) // '{"htmlSha256":"ab12…"}'
 */
export const jsonByHash = (value: unknown): string =>
  JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    return key === 'html' && typeof this.htmlSha256 === 'string' ? undefined : v
  })

/** A value as it appears in the file, shortened. */
export const shown = (value: unknown): string => {
  const text = JSON.stringify(value)
  return text === undefined ? 'nothing' : text.length > 60 ? `${text.slice(0, 57)}…` : text
}

/** The field path of a schema issue, as it reads in the file: `revisions[1].lastProfessionalChange`. */
export const fieldPath = (p: readonly PropertyKey[]): string =>
  p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '') ||
  '(the whole file)'

const valueAt = (data: unknown, p: readonly PropertyKey[]) =>
  p.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), data)

/** Checks parsed JSON against a schema; the error names the file, each wrong field and its value. */
export const validate = <T>(file: string, data: unknown, schema: ZodType<T>): T => {
  const result = schema.safeParse(data)
  if (result.success) return result.data
  const issues = result.error.issues
  const problems = issues
    .slice(0, 8)
    .map((i) => `${fieldPath(i.path)}: ${i.message} (found ${shown(valueAt(data, i.path))})`)
  if (issues.length > 8) problems.push(`… and ${issues.length - 8} more`)
  throw new SnapshotError(file, problems)
}

/** JSON text of a file, parsed; an error names the file. */
export const parseJson = (file: string, text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new SnapshotError(file, [`not valid JSON: ${(error as Error).message}`])
  }
}

/** A JSON file checked against a schema; an error names the file and the field that is wrong. */
export const parseJsonFile = <T>(file: string, schema: ZodType<T>): T =>
  validate(file, parseJson(file, fs.readFileSync(file, 'utf8')), schema)

/** The message for a folder without a snapshot: names the folder and how to get one. */
export const missingSnapshotMessage = (dir: string): string =>
  `No content snapshot at ${dir} (${fs.existsSync(dir) ? 'snapshot.json is missing' : 'the folder does not exist'}): run \`npm run export\`, or set SNAPSHOT_DIR to a snapshot folder (e.g. SNAPSHOT_DIR=tests/fixtures/snapshot).`

/** The chapter files of a snapshot folder: chapters/<edition>/<slug>.json, in a stable order. */
export const chapterFiles = (dir: string): string[] => {
  const root = path.join(dir, 'chapters')
  if (!fs.existsSync(root)) return []
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(root, f))
}

/** Reads and validates a snapshot folder; a bad file is named with the field that is wrong. */
export const readSnapshot = (dir = snapshotDir()): { snapshot: Snapshot; chapters: Chapter[] } => {
  const main = path.join(dir, 'snapshot.json')
  if (!fs.existsSync(main)) throw new Error(missingSnapshotMessage(dir))
  const snapshot = parseJsonFile(main, snapshotSchema)
  const chapters = chapterFiles(dir).map((f) => parseJsonFile(f, chapterSchema))
  return { snapshot, chapters }
}

/** A file's identity for "has it changed": size, modification time and inode. */
export const fileStamp = (file: string): string => {
  const stat = fs.statSync(file)
  return `${stat.size}:${stat.mtimeMs}:${stat.ino}`
}

/**
 * Chapter files' text as the content loader read it, for the pages of the same build to parse
 * instead of reading each file again; one process-wide store (the loader and the pages are
 * separate module graphs), each text taken once.
 */
const chapterTexts: Map<string, { stamp: string; text: string }> = ((globalThis as Record<symbol, unknown>)[
  Symbol.for('rapport.chapterTexts')
] ??= new Map()) as Map<string, { stamp: string; text: string }>

/** Keeps a chapter file's text, read by the loader, for the pages. */
export const keepChapterText = (file: string, stamp: string, text: string) => chapterTexts.set(file, { stamp, text })
/** Forgets the texts an earlier build left untaken. */
export const forgetChapterTexts = () => chapterTexts.clear()

/** A chapter file's text: the one the loader kept if the file is still the same, else read now. */
export const chapterText = (file: string): string => {
  const kept = chapterTexts.get(file)
  if (kept) {
    chapterTexts.delete(file)
    if (kept.stamp === fileStamp(file)) return kept.text
  }
  return fs.readFileSync(file, 'utf8')
}
