import { randomUUID } from 'node:crypto'
import path from 'node:path'

import type { Payload } from 'payload'

import { writeJsonAtomic } from '@rapport/files'

import type {
  BuildPhase,
  BuildRecord,
  Degraded,
  HeldBackDocument,
  RetryState,
  RollbackOutcome,
  SiteBuildControl,
  SiteBuildsStatus,
} from './builderRegistry'
import { buildErrorSummary, cleanBuildError } from './buildErrors'
import {
  folderEntries,
  keptBuildsOf,
  markInterrupted,
  real,
  removeUnnamedFolders,
  restoreBaseBuild,
} from './buildFolders'
import {
  buildId,
  HISTORY_KEPT,
  HISTORY_SHOWN,
  isBuildRecord,
  isQueuedRequest,
  normalize,
  readStateFile,
  type QueuedRequest,
} from './buildState'
import { siteFolders, type FolderLeases } from './folderLeases'
import { liveSiteDir, rebuildLiveSite, switchLiveSite, type BuildRequest, type BuildResult } from './liveSite'

export type { BuildRecord } from './builderRegistry'
export type { QueuedRequest } from './buildState'

export type SiteBuilderOptions = {
  /** How long to wait for more requests before building (default 150 ms). */
  debounceMs?: number
  /** How many successful builds to keep for rollback (default 5), besides the live one. */
  keep?: number
  /** Makes a build and switches the live site to it. */
  build?: (payload: Payload, dataDir: string, request: BuildRequest) => Promise<BuildResult | string>
  /**
   * The waits before each automatic retry of a failed build (default 5 s, 15 s, 45 s, 2 min,
   * 5 min); after the last, the builder gives up until the next request or «Prøv igjen nå».
   */
  retryDelaysMs?: number[]
  /** The requests' leases on build folders (default: the process's). */
  leases?: FolderLeases
  /** A new build's id, from its start time (default: the time in ISO 8601, `:` and `.` as `-`). */
  newId?: (startedAt: number) => string
}

const RETRY_DELAYS_MS = [5_000, 15_000, 45_000, 120_000, 300_000]

export const INTERRUPTED = 'interrupted'

const clockTime = new Intl.DateTimeFormat('nb-NO', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'Europe/Oslo',
})

/**
 * Rebuilds the live site when published content changes: requests that arrive while one waits
 * or runs are coalesced into a single next build, only one build runs at a time, and a
 * failed build leaves the live site as it was.
 *
 * Requests are written to `build-queue.json` in the data folder the moment they are made and
 * removed only when a build that covered them has succeeded, so neither a crash nor a failed
 * build loses one: a failed build is tried again after 5 s, 15 s, 45 s, 2 and 5 minutes (and
 * by the next request or start), and until then the status says since when published content
 * is not live. The history of builds (`builds.json`) serves the health check and the admin. A
 * damaged state file is kept aside and logged, never silently replaced. The last few
 * successful builds are kept for rollback; other build folders are removed once no request
 * reads from them.
 */
export class SiteBuilder implements SiteBuildControl {
  private timer: NodeJS.Timeout | null = null
  private retryTimer: NodeJS.Timeout | null = null
  private retryAt: number | null = null
  /** Set when waiting requests that failed before are due for another build. */
  private retryDue = false
  private running: Promise<void> | null = null
  private queue: QueuedRequest[]
  private records: BuildRecord[]
  /** Ids of the queued requests the running build covers. */
  private readonly taken = new Set<string>()
  private readonly historyFile: string
  private readonly queueFile: string
  private readonly buildsDir: string
  private readonly debounceMs: number
  private readonly keep: number
  private readonly retryDelaysMs: number[]
  private readonly leases: FolderLeases
  private readonly newId: (startedAt: number) => string
  private readonly build: (payload: Payload, dataDir: string, request: BuildRequest) => Promise<BuildResult | string>

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
    this.retryDelaysMs = options.retryDelaysMs ?? RETRY_DELAYS_MS
    this.leases = options.leases ?? siteFolders
    this.newId = options.newId ?? buildId
    this.build = options.build ?? rebuildLiveSite
    this.queue = readStateFile(this.queueFile, isQueuedRequest, payload.logger)
    this.records = readStateFile(this.historyFile, isBuildRecord, payload.logger).map(normalize)
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
    if (this.queue.length > 0) {
      this.retryDue = true
      this.schedule()
    }
  }

  /** Builds what waits now, failed requests included, instead of at the next automatic try. */
  retryNow(): boolean {
    if (this.queue.length === 0 || this.running) return false
    this.clearRetry()
    this.retryDue = true
    this.schedule()
    return true
  }

  /** Resolves when nothing is waiting or running (a failed build's next automatic try is not waited for). */
  async idle(): Promise<void> {
    while (this.timer || this.running || this.retryDue || this.fresh().length > 0) {
      if (this.running) await this.running
      else await new Promise((r) => setTimeout(r, 20))
    }
    await this.leases.settled()
  }

  /** Stops the timers (on shutdown); what waits stays in the queue file for the next start. */
  stop() {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.clearRetry()
  }

  /** The history, newest first. */
  history(): BuildRecord[] {
    return this.records.map((r) => ({ ...r }))
  }

  /** The newest build (not rollback) in the history: the running one while a build runs. */
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

  /** Failed builds of what still waits, and when the next automatic try is. */
  retryState(): RetryState | null {
    const failures = Math.max(0, ...this.queue.map((q) => q.attempts ?? 0))
    if (failures === 0) return null
    return {
      failures,
      limit: this.retryDelaysMs.length,
      at: this.retryAt === null ? null : new Date(this.retryAt).toISOString(),
    }
  }

  /**
   * Why the live site does not show everything that is published, and since when: requests
   * whose builds failed, and documents the last build held back. Null when it shows it all.
   */
  degraded(): Degraded | null {
    const reasons: string[] = []
    const since: string[] = []
    const failed = this.queue.filter((q) => (q.attempts ?? 0) > 0)
    const retry = this.retryState()
    if (failed.length > 0 && retry) {
      since.push(failed.map((q) => q.requestedAt).sort()[0])
      const next = retry.at
        ? `Nytt forsøk kl. ${clockTime.format(new Date(retry.at))}.`
        : 'Byggeren har gitt opp å prøve på nytt av seg selv: neste publisering eller «Prøv igjen nå» prøver igjen.'
      reasons.push(
        `${failed.length === 1 ? 'En publisering er' : `${failed.length} publiseringer er`} ikke på nettstedet fordi bygget feilet (${retry.failures} ${retry.failures === 1 ? 'gang' : 'ganger'}). ${next}`,
      )
    }
    const held = this.heldBack()
    if (held.length > 0) {
      since.push(held.map((h) => h.since).sort()[0])
      reasons.push(
        `${held.length === 1 ? 'Ett dokument holdes' : `${held.length} dokumenter holdes`} tilbake fordi eksporten ikke kan ta det slik det er.`,
      )
    }
    return reasons.length ? { since: since.sort()[0], reasons } : null
  }

  status(): SiteBuildsStatus {
    return {
      liveBuild: this.liveBuild(),
      building: this.isBuilding(),
      queued: this.queued(),
      builds: this.history().slice(0, HISTORY_SHOWN),
      rollbackTargets: this.rollbackTargets().map((r) => r.id),
      retry: this.retryState(),
      degraded: this.degraded(),
    }
  }

  /**
   * Switches the live site to an earlier kept successful build, in one rename, and records
   * it in the history. Refused while a build runs or waits, or a failed one is about to be
   * tried again: that build would switch it again.
   */
  rollback(id: string, by: string): RollbackOutcome {
    const target = this.records.find((r) => r.kind === 'build' && r.id === id)
    if (!target) return { ok: false, reason: 'unknown', message: `Fant ikke bygget ${id}.` }
    if (this.running || this.timer || this.fresh().length > 0) {
      return { ok: false, reason: 'building', message: 'Et bygg pågår eller venter. Prøv igjen når det er ferdig.' }
    }
    if (this.retryTimer) {
      return {
        ok: false,
        reason: 'building',
        message: 'Et nytt forsøk på et bygg som feilet er planlagt. Prøv igjen når det er ferdig.',
      }
    }
    if (!this.rollbackTargets().some((r) => r.id === id)) {
      const message =
        id === this.liveBuild()
          ? `Bygget ${id} er allerede publisert.`
          : `Bygget ${id} er ikke et vellykket bygg som er tatt vare på.`
      return { ok: false, reason: 'notRollbackTarget', message }
    }
    const started = Date.now()
    const previous = this.liveBuild()
    switchLiveSite(this.dataDir, path.join(this.dataDir, target.folder!))
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
    this.writeHistory([record, ...this.records])
    this.payload.logger.info({ msg: 'site rolled back', target: id, previous, by })
    return { ok: true, record }
  }

  /** Documents the newest successful build held back, with since when each has been held back. */
  private heldBack(): Array<HeldBackDocument & { since: string }> {
    const builds = this.records.filter((r) => r.kind === 'build' && r.result === 'succeeded')
    const key = (p: HeldBackDocument) => `${p.collection}:${p.id}`
    return (builds[0]?.problems ?? []).map((p) => {
      let since = builds[0].startedAt
      for (const b of builds.slice(1)) {
        if (!(b.problems ?? []).some((q) => key(q) === key(p))) break
        since = b.startedAt
      }
      return { ...p, since }
    })
  }

  /** Successful builds whose folders are kept, newest first: the live one and the last `keep`. */
  private keptBuilds(): BuildRecord[] {
    const live = liveSiteDir(this.dataDir)
    const successful = keptBuildsOf(this.dataDir, this.records)
    return successful.filter((r, i) => i < this.keep || real(path.join(this.dataDir, r.folder!)) === live)
  }

  private rollbackTargets(): BuildRecord[] {
    const live = liveSiteDir(this.dataDir)
    return this.keptBuilds().filter((r) => real(path.join(this.dataDir, r.folder!)) !== live)
  }

  /** Requests no running build covers. */
  private waiting(): QueuedRequest[] {
    return this.queue.filter((q) => !this.taken.has(q.id))
  }

  /** Waiting requests that no build has failed on yet. */
  private fresh(): QueuedRequest[] {
    return this.waiting().filter((q) => !q.attempts)
  }

  private schedule() {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      void this.drain()
    }, this.debounceMs)
  }

  private clearRetry() {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.retryAt = null
  }

  /** After a failed build: the next try after the wait for this many failures, or none past the last. */
  private scheduleRetry(failures: number) {
    this.clearRetry()
    const delay = this.retryDelaysMs[failures - 1]
    if (delay === undefined) {
      this.payload.logger.error({
        msg: 'site build retries given up',
        failures,
        waiting: this.queue.map((q) => q.reason),
      })
      return
    }
    this.retryAt = Date.now() + delay
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.retryAt = null
      this.retryDue = true
      void this.drain()
    }, delay)
    this.retryTimer.unref?.()
    this.payload.logger.warn({ msg: 'site build retry scheduled', failures, inMs: delay })
  }

  private writeQueue() {
    writeJsonAtomic(this.queueFile, this.queue)
  }

  private writeHistory(records: BuildRecord[]) {
    const kept = new Set(keptBuildsOf(this.dataDir, records).map((r) => r.id))
    this.records = records.filter((r, i) => i < HISTORY_KEPT || kept.has(r.id))
    writeJsonAtomic(this.historyFile, this.records)
  }

  private replaceRecord(entry: BuildRecord) {
    this.writeHistory([entry, ...this.records.filter((r) => r.id !== entry.id)])
  }

  /** Removes a folder once no request reads from it. */
  private retire(folder: string, why: string) {
    this.leases.retire(folder)
    this.payload.logger.info({ msg: 'site build folder removed', folder: path.relative(this.dataDir, folder), why })
  }

  /**
   * On start: marks builds the last run left 'running' as interrupted, serves the build before
   * again if the stop came between a build's two switches, and removes every folder in the
   * builds folder that no kept record names and that is not live.
   */
  private recover() {
    const interrupted = markInterrupted(this.records, Date.now(), INTERRUPTED)
    if (interrupted.length > 0) {
      this.writeHistory(this.records)
      restoreBaseBuild(this.dataDir)
      this.payload.logger.warn({
        msg: 'site build interrupted by a stop of the server',
        buildIds: interrupted.map((r) => r.id),
      })
    }
    for (const folder of removeUnnamedFolders(this.dataDir, this.buildsDir, this.records)) {
      this.payload.logger.info({
        msg: 'site build folder removed',
        folder: path.relative(this.dataDir, folder),
        why: 'named by no build record',
      })
    }
    this.cleanup()
    if (this.queue.length > 0)
      this.payload.logger.info({ msg: 'site build requests restored', reasons: this.queue.map((q) => q.reason) })
  }

  /** Retires the folders of successful builds beyond the last `keep`, never the live one. */
  private cleanup() {
    const kept = new Set(this.keptBuilds().map((r) => r.id))
    const live = liveSiteDir(this.dataDir)
    let changed = false
    for (const r of keptBuildsOf(this.dataDir, this.records)) {
      const folder = path.join(this.dataDir, r.folder!)
      if (!kept.has(r.id) && real(folder) !== live) {
        this.retire(folder, 'old')
        r.folder = null // no longer one to roll back to, even while it waits for its last reader
        changed = true
      }
    }
    if (changed) this.writeHistory(this.records)
  }

  /** The requests the next build covers: new ones, with those that failed before; or those alone when their retry is due. */
  private nextBatch(): QueuedRequest[] {
    if (this.retryDue || this.fresh().length > 0) return this.waiting()
    return []
  }

  private async drain() {
    if (this.running) return // the running build's end picks up what waits
    for (let batch = this.nextBatch(); batch.length > 0; batch = this.nextBatch()) {
      this.retryDue = false
      this.clearRetry()
      for (const q of batch) this.taken.add(q.id)
      const reasons = batch.map((q) => q.reason)
      const failedBefore = Math.max(0, ...batch.map((q) => q.attempts ?? 0))
      const started = Date.now()
      let id = this.newId(started)
      if (this.records.some((r) => r.id === id)) id = `${id}-${randomUUID().slice(0, 4)}`
      const entry: BuildRecord = {
        id,
        kind: 'build',
        reasons,
        startedAt: new Date(started).toISOString(),
        finishedAt: null,
        durationMs: null,
        result: 'running',
        error: null,
        phase: null,
        folder: null,
        ...(failedBefore > 0 ? { attempt: failedBefore + 1 } : {}),
      }
      this.replaceRecord(entry)
      this.payload.logger.info({
        msg: 'site build started',
        buildId: id,
        reasons,
        ...(failedBefore > 0 ? { attempt: failedBefore + 1 } : {}),
      })
      const before = new Set(folderEntries(this.buildsDir))
      let failure: unknown = null
      const onPhase = (phase: BuildPhase) => {
        entry.phase = phase
        try {
          this.replaceRecord(entry)
        } catch {
          // the history is written again when the build ends
        }
      }
      this.running = this.build(this.payload, this.dataDir, { id, onPhase }).then(
        (out) => {
          const result = typeof out === 'string' ? { folder: out, problems: [] } : out
          Object.assign(entry, {
            result: 'succeeded',
            phase: null,
            folder: path.relative(this.dataDir, path.resolve(result.folder)),
          })
          if (result.problems.length) entry.problems = result.problems
        },
        (error: unknown) => {
          failure = error
          Object.assign(entry, {
            result: 'failed',
            error: cleanBuildError(error),
            summary: buildErrorSummary(entry.phase ?? null, error),
          })
        },
      )
      try {
        await this.running
        entry.finishedAt = new Date().toISOString()
        entry.durationMs = Date.now() - started
        const covered = new Set(batch.map((q) => q.id))
        if (entry.result === 'succeeded') this.queue = this.queue.filter((q) => !covered.has(q.id))
        else for (const q of this.queue) if (covered.has(q.id)) q.attempts = (q.attempts ?? 0) + 1
        this.replaceRecord(entry)
        this.writeQueue()
        if (entry.result === 'failed') {
          const live = liveSiteDir(this.dataDir)
          for (const name of folderEntries(this.buildsDir)) {
            const folder = path.join(this.buildsDir, name)
            if (!before.has(name) && real(folder) !== live) this.retire(folder, 'failed')
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
        this.payload.logger.info({
          msg: 'site build succeeded',
          buildId: entry.id,
          reasons,
          durationMs: entry.durationMs,
          heldBack: entry.problems?.length ?? 0,
        })
      } else {
        this.payload.logger.error({
          msg: 'site build failed',
          buildId: entry.id,
          reasons,
          durationMs: entry.durationMs,
          error: entry.error,
          err: failure,
        })
        // Tried again after a wait, unless a new request builds it sooner.
        const failures = Math.max(0, ...this.queue.map((q) => q.attempts ?? 0))
        if (failures > 0 && this.fresh().length === 0) this.scheduleRetry(failures)
      }
    }
    this.retryDue = false
  }
}
