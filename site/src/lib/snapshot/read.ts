import fs from 'node:fs'
import path from 'node:path'

import type { ZodType } from 'zod'

import { chapterSchema, snapshotSchema, type Chapter, type Snapshot } from './schema'

/** Where the snapshot is: SNAPSHOT_DIR, or content/snapshot of the repository. */
export const snapshotDir = (): string =>
  path.resolve(process.env.SNAPSHOT_DIR ?? path.join(import.meta.dirname, '../../../../content/snapshot'))

/** A JSON file checked against a schema; an error names the file and the field that is wrong. */
export const parseJsonFile = <T>(file: string, schema: ZodType<T>): T => {
  let value: unknown
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`)
  }
  const result = schema.safeParse(value)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new Error(`${file}: ${issue.path.join('.') || '(the file)'}: ${issue.message}`)
  }
  return result.data
}

/** Reads and validates a snapshot folder; a bad file is named with the field that is wrong. */
export const readSnapshot = (dir = snapshotDir()): { snapshot: Snapshot; chapters: Chapter[] } => {
  const main = path.join(dir, 'snapshot.json')
  if (!fs.existsSync(main)) {
    throw new Error(`No content snapshot at ${dir}: run \`npm run export\` (or set SNAPSHOT_DIR to a snapshot folder).`)
  }
  const snapshot = parseJsonFile(main, snapshotSchema)
  const chaptersDir = path.join(dir, 'chapters')
  const files = fs.existsSync(chaptersDir)
    ? (fs.readdirSync(chaptersDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).sort()
    : []
  const chapters = files.map((f) => parseJsonFile(path.join(chaptersDir, f), chapterSchema))
  return { snapshot, chapters }
}
