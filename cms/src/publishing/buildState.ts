/**
 * The site builder's state files in the data folder: `build-queue.json` (requests not yet
 * covered by a successful build) and `builds.json` (the history), and how they are read back.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'
import { z } from 'zod'

import { writeJsonAtomic } from '@rapport/files'

import type { BuildRecord } from './builderRegistry'

/** A request for a build, kept in the data folder until a build that covered it has succeeded. */
export type QueuedRequest = {
  id: string
  reason: string
  requestedAt: string
  /** How many builds that covered it have failed. */
  attempts?: number
}

/** The builds shown by the API and the admin. */
export const HISTORY_SHOWN = 20
/** Records kept in the history file (more when older ones still have a kept folder). */
export const HISTORY_KEPT = 50

/** What a record read back from builds.json must have for this builder to use it. */
const buildRecordShape = z.looseObject({
  id: z.string().min(1),
  kind: z.enum(['build', 'rollback']).optional(),
  reasons: z.array(z.string()),
  startedAt: z.string(),
  result: z.enum(['running', 'succeeded', 'failed']),
})

/** What a request read back from build-queue.json must have for this builder to use it. */
const queuedRequestShape = z.looseObject({
  id: z.string(),
  reason: z.string(),
  requestedAt: z.string(),
  attempts: z.int().optional(),
})

/** Whether a value read from builds.json is a record this builder can use. */
export const isBuildRecord = (r: unknown): r is BuildRecord => buildRecordShape.safeParse(r).success

/** Whether a value read from build-queue.json is a request this builder can use. */
export const isQueuedRequest = (q: unknown): q is QueuedRequest => queuedRequestShape.safeParse(q).success

/**
 * A list kept in a state file of the data folder: what it holds that is valid, and whether the
 * file was damaged (not JSON, not a list, or with entries that are not valid). A missing file
 * is an empty list, not damage.
 */
export const readStateList = <T>(
  file: string,
  valid: (entry: unknown) => entry is T,
): { entries: T[]; damaged: string | null } => {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], damaged: null }
    return { entries: [], damaged: (error as Error).message }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return { entries: [], damaged: `not JSON (${(error as Error).message})` }
  }
  if (!Array.isArray(parsed)) return { entries: [], damaged: 'not a list' }
  const entries = parsed.filter(valid)
  return {
    entries,
    damaged:
      entries.length === parsed.length
        ? null
        : `${parsed.length - entries.length} of ${parsed.length} entries are not valid`,
  }
}

/**
 * A build's id, from its start time: ISO 8601 with `:` and `.` as `-`, so it can name a folder.
 * @example buildId(Date.UTC(2026, 10, 29, 13, 2)) // '2026-11-29T13-02-00-000Z'
 */
export const buildId = (at: number) => new Date(at).toISOString().replace(/[:.]/g, '-')

/** Records written before rollbacks existed lack a kind and a folder. */
export const normalize = (r: BuildRecord): BuildRecord => ({
  ...r,
  kind: r.kind ?? 'build',
  folder: r.folder !== undefined ? r.folder : r.result === 'succeeded' ? path.join('site-builds', r.id) : null,
})

/**
 * A state file's valid entries. A damaged file is kept aside (`<name>.damaged-<time>`) and
 * logged, so what it held can still be looked at; the builder goes on with what was valid.
 */
export const readStateFile = <T>(
  file: string,
  valid: (entry: unknown) => entry is T,
  logger: Payload['logger'],
): T[] => {
  const { entries, damaged } = readStateList(file, valid)
  if (damaged) {
    const keptAs = `${file}.damaged-${buildId(Date.now())}`
    try {
      fs.copyFileSync(file, keptAs)
    } catch {
      // nothing to keep
    }
    writeJsonAtomic(file, entries)
    logger.error({
      msg: 'site build state file damaged: kept aside, going on with its valid entries',
      file: path.basename(file),
      keptAs: path.basename(keptAs),
      problem: damaged,
      kept: entries.length,
    })
  }
  return entries
}
