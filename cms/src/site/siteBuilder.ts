import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import type { BuildRecord, RollbackOutcome, SiteBuildControl, SiteBuildsStatus } from './builderRegistry'
import { readOverlay } from '../../../scripts/site-build/overlay'
import { liveSiteDir, liveSiteLink, rebuildLiveSite, switchLiveSite } from './liveSite'

export type { BuildRecord } from './builderRegistry'

/** A request for a build, kept in the data folder until a build that covered it has finished. */
export type QueuedRequest = { id: string; reason: string; requestedAt: string }

export type SiteBuilderOptions = {
  /** How long to wait for more requests before building (default 150 ms). */
  debounceMs?: number
  /** How many successful builds to keep for rollback (default 5), besides the live one. */
  keep?: number
  /** Makes a build and switches the live site to it; resolves to the build's folder. */
  build?: (payload: Payload, dataDir: string) => Promise<string>
}

/** The builds shown by the API and the admin. */
export const HISTORY_SHOWN = 20
/** Records kept in the history file (more when older ones still have a kept folder). */
const HISTORY_KEPT = 50
const ERROR_EXCERPT = 2000

export const INTERRUPTED = 'interrupted'

/** Writes JSON so that a reader (or a crash) sees the old file or the new one, never half of one. */
export const writeJsonAtomic = (file: string, value: unknown) => {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`
  const fd = fs.openSync(tmp, 'w')
  try {
    fs.writeSync(fd, `${JSON.stringify(value, null, 2)}\n`)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(tmp, file)
}

const readJson = <T>(file: string, fallback: T): T => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T
  } catch {
    return fallback
  }
}

/** The real path of a folder, to compare it with the live link's target. */
const real = (folder: string): string => {
  try {
    return fs.realpathSync(folder)
  } catch {
    return path.resolve(folder)
  }
}

const buildId = (at: number) => new Date(at).toISOString().replace(/[:.]/g, '-')

/** Records written before rollbacks existed lack a kind and a folder. */
const normalize = (r: BuildRecord): BuildRecord => ({
  ...r,
  kind: r.kind ?? 'build',
  folder: r.folder !== undefined ? r.folder : r.result === 'succeeded' ? path.join('site-builds', r.id) : null,
})

/**
 * Rebuilds the live site when published content changes: requests that arrive while one waits
 * or runs are coalesced into a single next build, only one build runs at a time, and a
 * failed build leaves the live site as it was.
 *
 * Requests are written to `build-queue.json` in the data folder the moment they are made and
 * removed only when a build that covered them has finished, so a crash loses none: the next
 * start builds them, and marks a build the crash interrupted as failed. The history of builds
 * (`builds.json`) serves the health check and the admin. The last few successful builds are
 * kept for rollback; failed builds leave no folder behind.
 */
export class SiteBuilder implements SiteBuildControl {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private queue: QueuedRequest[]
  /** Ids of the queued requests the running build covers. */
  private readonly taken = new Set<string>()
  private readonly historyFile: string
  private readonly queueFile: string
  private readonly buildsDir: string
  private readonly debounceMs: number
  private readonly keep: number
  private readonly build: (payload: Payload, dataDir: string) => Promise<string>

  constructor(
    private readonly payload: Payload,
    private readonly dataDir: string,
    options: SiteBuilderOptions = {},
  ) {
    this.historyFile = path.join(dataDir, 'builds.json')
    this.queueFile = path.join(dataDir, 'build-queue.json')
    this.buildsDir = path.join(dataDir, 'site-builds')
    this.debounceMs = options.debounceMs ?? 150
    this.keep = options.keep ?? 5
    this.build = options.build ?? rebuildLiveSite
    const stored = readJson<unknown>(this.queueFile, [])
    this.queue = Array.isArray(stored) ? (stored as QueuedRequest[]).filter((q) => q && typeof q.reason === 'string') : []
    this.recover()
  }

  /** Asks for a rebuild; several asks in quick succession make one build. */
  request(reason: string) {
    this.queue.push({ id: randomUUID(), reason, requestedAt: new Date().toISOString() })
    this.writeQueue()
    this.schedule()
  }

  /** Builds what the queue still holds from before a restart, without a new request. */
  resume() {
    if (this.waiting().length > 0) this.schedule()
  }

  /** Resolves when nothing is waiting or running. */
  async idle(): Promise<void> {
    while (this.timer || this.running || this.waiting().length > 0) {
      if (this.running) await this.running
      else await new Promise((r) => setTimeout(r, 50))
    }
  }

  /** The history, newest first. */
  history(): BuildRecord[] {
    const stored = readJson<unknown>(this.historyFile, [])
    return Array.isArray(stored) ? (stored as BuildRecord[]).map(normalize) : []
  }

  /** The newest build (not rollback) in the history. */
  lastBuild(): BuildRecord | null {
    return this.history().find((r) => r.kind === 'build') ?? null
  }

  liveBuild(): string | null {
    const dir = liveSiteDir(this.dataDir)
    return dir ? path.basename(dir) : null
  }

  /** Reasons of requests waiting for a build that has not started. */
  queued(): string[] {
    return this.waiting().map((q) => q.reason)
  }

  isBuilding(): boolean {
    return this.running !== null
  }

  status(): SiteBuildsStatus {
    return {
      liveBuild: this.liveBuild(),
      building: this.isBuilding(),
      queued: this.queued(),
      builds: this.history().slice(0, HISTORY_SHOWN),
      rollbackTargets: this.rollbackTargets().map((r) => r.id),
    }
  }

  /**
   * Switches the live site to an earlier kept successful build, in one rename, and records
   * it in the history. Refused while a build runs or waits: that build would switch it again.
   */
  rollback(id: string, by: string): RollbackOutcome {
    const target = this.history().find((r) => r.kind === 'build' && r.id === id)
    if (!target) return { ok: false, reason: 'unknown', message: `Fant ikke bygget ${id}.` }
    if (this.running || this.timer || this.waiting().length > 0) {
      return { ok: false, reason: 'building', message: 'Et bygg pågår eller venter. Prøv igjen når det er ferdig.' }
    }
    if (!this.rollbackTargets().some((r) => r.id === id)) {
      const message = id === this.liveBuild() ? `Bygget ${id} er allerede publisert.` : `Bygget ${id} er ikke et vellykket bygg som er tatt vare på.`
      return { ok: false, reason: 'notRollbackTarget', message }
    }
    const started = Date.now()
    const previous = this.liveBuild()
    this.switchLive(path.join(this.dataDir, target.folder!))
    const record: BuildRecord = {
      id: `rollback-${buildId(started)}`,
      kind: 'rollback',
      reasons: [`rollback:${by}`],
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      result: 'succeeded',
      error: null,
      folder: null,
      target: id,
    }
    this.writeHistory([record, ...this.history()])
    this.payload.logger.info({ msg: 'site rolled back', target: id, previous, by })
    return { ok: true, record }
  }

  /** Successful builds whose folders are kept, newest first: the live one and the last `keep`. */
  private keptBuilds(): BuildRecord[] {
    const live = liveSiteDir(this.dataDir)
    const successful = this.history().filter((r) => r.kind === 'build' && r.result === 'succeeded' && r.folder && fs.existsSync(path.join(this.dataDir, r.folder)))
    return successful.filter((r, i) => i < this.keep || real(path.join(this.dataDir, r.folder!)) === live)
  }

  private rollbackTargets(): BuildRecord[] {
    const live = liveSiteDir(this.dataDir)
    return this.keptBuilds().filter((r) => real(path.join(this.dataDir, r.folder!)) !== live)
  }

  private waiting(): QueuedRequest[] {
    return this.queue.filter((q) => !this.taken.has(q.id))
  }

  private schedule() {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      void this.drain()
    }, this.debounceMs)
  }

  private writeQueue() {
    writeJsonAtomic(this.queueFile, this.queue)
  }

  private writeHistory(records: BuildRecord[]) {
    const kept = new Set(this.keptBuildsOf(records).map((r) => r.id))
    writeJsonAtomic(
      this.historyFile,
      records.filter((r, i) => i < HISTORY_KEPT || kept.has(r.id)),
    )
  }

  private keptBuildsOf(records: BuildRecord[]): BuildRecord[] {
    return records.filter((r) => r.kind === 'build' && r.result === 'succeeded' && r.folder && fs.existsSync(path.join(this.dataDir, r.folder)))
  }

  private replaceRecord(id: string, entry: BuildRecord) {
    const rest = this.history().filter((r) => r.id !== id && r.id !== entry.id)
    this.writeHistory([entry, ...rest])
  }

  private switchLive(folder: string) {
    const link = liveSiteLink(this.dataDir)
    const tmpLink = `${link}.${process.pid}.tmp`
    fs.rmSync(tmpLink, { force: true })
    fs.symlinkSync(path.relative(this.dataDir, folder), tmpLink)
    fs.renameSync(tmpLink, link)
  }

  private buildFolders(): string[] {
    try {
      return fs.readdirSync(this.buildsDir).filter((name) => !name.startsWith('.'))
    } catch {
      return []
    }
  }

  private remove(folder: string, why: string) {
    fs.rmSync(folder, { recursive: true, force: true })
    this.payload.logger.info({ msg: 'site build folder removed', folder: path.relative(this.dataDir, folder), why })
  }

  /**
   * Marks builds the last run left 'running' as interrupted, removes what they left in the
   * builds folder, and keeps only the builds a rollback may need.
   */
  private recover() {
    const history = this.history()
    const interrupted = history.filter((r) => r.result === 'running')
    if (interrupted.length > 0) {
      for (const r of interrupted) Object.assign(r, { result: 'failed', error: INTERRUPTED })
      this.writeHistory(history)
      // Stopped while its new pages were live over the previous build: that build again.
      const pages = liveSiteDir(this.dataDir)
      const base = pages ? readOverlay(pages)?.base : undefined
      if (base && fs.existsSync(base)) switchLiveSite(this.dataDir, base)
      const oldest = Math.min(...interrupted.map((r) => Date.parse(r.startedAt)))
      const live = liveSiteDir(this.dataDir)
      const recorded = new Set(this.keptBuildsOf(history).map((r) => real(path.join(this.dataDir, r.folder!))))
      for (const name of this.buildFolders()) {
        const folder = path.join(this.buildsDir, name)
        if (real(folder) === live || recorded.has(real(folder))) continue
        if (fs.statSync(folder).mtimeMs >= oldest - 1000) this.remove(folder, INTERRUPTED)
      }
      this.payload.logger.warn({ msg: 'site build interrupted by a stop of the server', buildIds: interrupted.map((r) => r.id) })
    }
    this.cleanup()
    if (this.queue.length > 0) this.payload.logger.info({ msg: 'site build requests restored', reasons: this.queue.map((q) => q.reason) })
  }

  /** Removes the folders of successful builds beyond the last `keep`, never the live one. */
  private cleanup() {
    const kept = new Set(this.keptBuilds().map((r) => r.id))
    const live = liveSiteDir(this.dataDir)
    for (const r of this.keptBuildsOf(this.history())) {
      const folder = path.join(this.dataDir, r.folder!)
      if (!kept.has(r.id) && real(folder) !== live) this.remove(folder, 'old')
    }
  }

  private async drain() {
    if (this.running) return // the running build's end picks up what waits
    while (this.waiting().length > 0) {
      const batch = this.waiting()
      for (const q of batch) this.taken.add(q.id)
      const reasons = batch.map((q) => q.reason)
      const started = Date.now()
      let id = buildId(started)
      if (this.history().some((r) => r.id === id)) id = `${id}-${randomUUID().slice(0, 4)}`
      const entry: BuildRecord = {
        id,
        kind: 'build',
        reasons,
        startedAt: new Date(started).toISOString(),
        finishedAt: null,
        durationMs: null,
        result: 'running',
        error: null,
        folder: null,
      }
      this.replaceRecord(id, entry)
      this.payload.logger.info({ msg: 'site build started', buildId: id, reasons })
      const before = new Set(this.buildFolders())
      this.running = this.build(this.payload, this.dataDir).then(
        (out) => {
          Object.assign(entry, { id: path.basename(out), result: 'succeeded', folder: path.relative(this.dataDir, path.resolve(out)) })
        },
        (error: unknown) => {
          const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
          Object.assign(entry, { result: 'failed', error: message.slice(-ERROR_EXCERPT) })
        },
      )
      try {
        await this.running
        entry.finishedAt = new Date().toISOString()
        entry.durationMs = Date.now() - started
        const done = new Set(batch.map((q) => q.id))
        this.queue = this.queue.filter((q) => !done.has(q.id))
        this.replaceRecord(id, entry)
        this.writeQueue()
        if (entry.result === 'failed') {
          const live = liveSiteDir(this.dataDir)
          for (const name of this.buildFolders()) {
            const folder = path.join(this.buildsDir, name)
            if (!before.has(name) && real(folder) !== live) this.remove(folder, 'failed')
          }
        }
        this.cleanup()
      } catch (error) {
        this.payload.logger.error({ err: error, msg: 'site build bookkeeping failed', buildId: entry.id })
      } finally {
        for (const q of batch) this.taken.delete(q.id)
        this.running = null
      }
      if (entry.result === 'succeeded') {
        this.payload.logger.info({ msg: 'site build succeeded', buildId: entry.id, reasons, durationMs: entry.durationMs })
      } else {
        this.payload.logger.error({ msg: 'site build failed', buildId: entry.id, reasons, durationMs: entry.durationMs, error: entry.error })
      }
    }
  }
}
