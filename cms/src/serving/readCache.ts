/**
 * A cache of the REST API's answers to anonymous reads of the content collections
 * (`GET /api/chapters/4`, `GET /api/chapters?limit=10`, …), in front of the admin app that
 * computes them. An answer depends on the request's address and query, on who asks (here: no
 * one, the public, who sees published content only) and on the stored content; so:
 *
 * - only a GET without an `Authorization` header and without cookies is answered from it or
 *   kept in it: a logged-in user (an editor who may see drafts) never gets a cached answer,
 *   and never leaves one behind;
 * - the key is the whole address with its query, with the headers the answer can vary by
 *   (Host, Origin, Accept-Language, Accept-Encoding);
 * - an answer is kept for the content's generation it was read under (lib/readGeneration.ts,
 *   moved on by every save or delete of any document, at once and at its commit), and, for the
 *   embedded database, for the state of its files (a write by another process, a script);
 * - and for MAX_AGE_MS at the most: what another process writes to MongoDB (a script, a second
 *   server) moves no generation here and changes no file, and is seen within that time;
 * - only a complete 200 answer that sets no cookie is kept; at most MAX_ENTRIES answers of at most
 *   MAX_BODY_BYTES each and MAX_TOTAL_BYTES in all, the least recently used going first.
 */
import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'

import { databaseKind, sqliteUrl } from '../lib/database'
import { readGeneration } from '../lib/readGeneration'
import { COLLECTIONS } from '../lib/slugs'

const MAX_ENTRIES = 500
const MAX_BODY_BYTES = 1024 * 1024
const MAX_TOTAL_BYTES = 32 * 1024 * 1024
/** How long an answer is kept at the most, whatever else it depends on. */
export const MAX_AGE_MS = 5_000

/** The collections whose documents the public reads: what the cache may hold. */
const CACHED_COLLECTIONS = new Set<string>([
  COLLECTIONS.editions,
  COLLECTIONS.chapters,
  COLLECTIONS.goalAreas,
  COLLECTIONS.measures,
  COLLECTIONS.news,
])

/** `/api/<collection>` or `/api/<collection>/<id>` (a whole number or 24 hexadecimal digits): a list or one document, no other endpoint. */
const READ_PATH = /^\/api\/([a-z-]+)(?:\/(\d+|[0-9a-f]{24}))?\/?$/

/** Headers an answer is not replayed with: the connection's own, and those set before the app answers (security headers, with a fresh nonce). */
const NOT_REPLAYED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length'])

type RequestLike = { method?: string; url?: string; headers: IncomingMessage['headers'] }

/**
 * The key of an anonymous read of a content collection, or null when the request may not be
 * answered from the cache (another method, a logged-in user, any cookie, another path).
 */
export const readCacheKey = (req: RequestLike): string | null => {
  if (req.method !== 'GET' || !req.url) return null
  if (req.headers.authorization !== undefined || req.headers.cookie !== undefined) return null
  const pathname = req.url.split('?')[0]
  const match = READ_PATH.exec(pathname)
  if (!match || !CACHED_COLLECTIONS.has(match[1])) return null
  const header = (name: string) => {
    const value = req.headers[name]
    return Array.isArray(value) ? value.join(', ') : (value ?? '')
  }
  return JSON.stringify([
    req.url,
    header('host'),
    header('origin'),
    header('accept-language'),
    header('accept-encoding'),
  ])
}

/** The state of the database files: changes when another process writes to the embedded database. */
export const fileStamp = (files: string[]) => () =>
  files
    .map((file) => {
      const stat = fs.statSync(file, { throwIfNoEntry: false, bigint: true })
      return stat ? `${stat.mtimeNs}:${stat.size}` : '-'
    })
    .join('|')

/** The embedded database's files, whose state changes when another process writes to it; nothing to watch for MongoDB. */
export const databaseFileStamp = (databaseUrl: string | undefined, dataDir: string) => {
  if (databaseKind(databaseUrl) !== 'sqlite') return undefined
  const file = sqliteUrl(databaseUrl, dataDir)
    .replace(/^file:/, '')
    .split('?')[0]
  return file && !file.startsWith(':') ? fileStamp([file, `${file}-wal`]) : undefined
}

/** A kept answer: always a 200. */
type Entry = {
  /** When it was read (ms, the cache's clock). */
  at: number
  generation: number
  stamp: string
  headers: Array<[string, string | string[]]>
  body: Buffer
}

export type ReadCache = {
  /** Answers from the cache when it can, or lets `next` answer (giving what it gives) and keeps that answer when it may. */
  handle: (req: IncomingMessage, res: ServerResponse, next: () => unknown) => unknown
  size: () => number
}

/**
 * The cache. `stamp` says what the stored content's generation cannot see (the database files'
 * state; '' when nothing); `now` is its clock.
 */
export const createReadCache = (
  stamp: () => string = () => '',
  { maxAgeMs = MAX_AGE_MS, now = Date.now }: { maxAgeMs?: number; now?: () => number } = {},
): ReadCache => {
  const entries = new Map<string, Entry>()
  let totalBytes = 0
  let generationSeen = readGeneration()

  const current = (entry: Entry) =>
    entry.generation === readGeneration() && now() - entry.at < maxAgeMs && entry.stamp === stamp()

  const forget = (key: string) => {
    const entry = entries.get(key)
    if (!entry) return
    totalBytes -= entry.body.length
    entries.delete(key)
  }

  const keep = (key: string, entry: Entry) => {
    forget(key)
    entries.set(key, entry)
    totalBytes += entry.body.length
    while (entries.size > MAX_ENTRIES || totalBytes > MAX_TOTAL_BYTES) forget(entries.keys().next().value!)
  }

  const handle: ReadCache['handle'] = (req, res, next) => {
    const key = readCacheKey(req)
    if (key === null) return next()
    // Answers of an earlier generation are never served again: let them go.
    if (readGeneration() !== generationSeen) {
      generationSeen = readGeneration()
      entries.clear()
      totalBytes = 0
    }
    const hit = entries.get(key)
    if (hit && current(hit)) {
      // Most recently used last.
      entries.delete(key)
      entries.set(key, hit)
      res.statusCode = 200
      for (const [name, value] of hit.headers) res.setHeader(name, value)
      res.end(hit.body)
      return undefined
    }
    if (hit) forget(key)

    // Read under this generation and state; kept only if the whole answer came out as a 200.
    const generation = readGeneration()
    const at = now()
    const state = stamp()
    const before = new Set(Object.keys(res.getHeaders()))
    const chunks: Buffer[] = []
    let bytes = 0
    let tooLarge = false
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (tooLarge || chunk === undefined || chunk === null || typeof chunk === 'function') return
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : Buffer.from(chunk as Uint8Array)
      bytes += buffer.length
      if (bytes > MAX_BODY_BYTES) tooLarge = true
      else chunks.push(buffer)
    }
    const write = res.write.bind(res) as (...args: unknown[]) => boolean
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0])
      return write(chunk, ...rest)
    }) as ServerResponse['write']
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0])
      return end(chunk, ...rest)
    }) as ServerResponse['end']
    res.once('finish', () => {
      if (tooLarge || res.statusCode !== 200 || res.getHeader('set-cookie') !== undefined) return
      const headers = Object.entries(res.getHeaders())
        .filter(([name, value]) => !before.has(name) && !NOT_REPLAYED.has(name) && value !== undefined)
        .map(
          ([name, value]) => [name, typeof value === 'number' ? String(value) : value] as [string, string | string[]],
        )
      keep(key, { at, generation, stamp: state, headers, body: Buffer.concat(chunks) })
    })
    return next()
  }

  return { handle, size: () => entries.size }
}
