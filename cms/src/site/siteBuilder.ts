import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import { liveSiteDir, rebuildLiveSite } from './liveSite'

export type BuildRecord = {
  id: string
  reasons: string[]
  startedAt: string
  finishedAt: string | null
  durationMs: number | null
  result: 'running' | 'succeeded' | 'failed'
  error: string | null
}

/**
 * Rebuilds the live site when published content changes: requests that arrive while one waits
 * or runs are coalesced into a single next build, only one build runs at a time, and a
 * failed build leaves the live site as it was. The history of builds is kept in the data
 * folder for the health check and the admin.
 */
export class SiteBuilder {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private pending: string[] = []
  private readonly historyFile: string

  constructor(
    private readonly payload: Payload,
    private readonly dataDir: string,
    private readonly debounceMs = 300,
  ) {
    this.historyFile = path.join(dataDir, 'builds.json')
  }

  /** Asks for a rebuild; several asks in quick succession make one build. */
  request(reason: string) {
    this.pending.push(reason)
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      void this.drain()
    }, this.debounceMs)
  }

  /** Resolves when nothing is waiting or running. */
  async idle(): Promise<void> {
    while (this.timer || this.running || this.pending.length > 0) {
      if (this.running) await this.running
      else await new Promise((r) => setTimeout(r, 50))
    }
  }

  history(): BuildRecord[] {
    try {
      return JSON.parse(fs.readFileSync(this.historyFile, 'utf8')) as BuildRecord[]
    } catch {
      return []
    }
  }

  liveBuild(): string | null {
    const dir = liveSiteDir(this.dataDir)
    return dir ? path.basename(dir) : null
  }

  private record(entry: BuildRecord) {
    const rest = this.history().filter((b) => b.id !== entry.id)
    fs.mkdirSync(this.dataDir, { recursive: true })
    fs.writeFileSync(this.historyFile, `${JSON.stringify([entry, ...rest].slice(0, 20), null, 2)}\n`)
  }

  private async drain() {
    if (this.running) return // the running build's end picks up what waits
    while (this.pending.length > 0) {
      const reasons = this.pending.splice(0)
      const started = Date.now()
      const entry: BuildRecord = {
        id: new Date(started).toISOString().replace(/[:.]/g, '-'),
        reasons,
        startedAt: new Date(started).toISOString(),
        finishedAt: null,
        durationMs: null,
        result: 'running',
        error: null,
      }
      this.record(entry)
      this.payload.logger.info({ msg: 'site build started', buildId: entry.id, reasons })
      this.running = rebuildLiveSite(this.payload, this.dataDir).then(
        (out) => {
          Object.assign(entry, { id: path.basename(out), result: 'succeeded' })
        },
        (error: unknown) => {
          Object.assign(entry, { result: 'failed', error: String((error as Error)?.message ?? error).slice(-2000) })
        },
      )
      const runningId = entry.id
      await this.running
      this.running = null
      entry.finishedAt = new Date().toISOString()
      entry.durationMs = Date.now() - started
      const rest = this.history().filter((b) => b.id !== runningId)
      fs.writeFileSync(this.historyFile, `${JSON.stringify([entry, ...rest].slice(0, 20), null, 2)}\n`)
      const log = entry.result === 'succeeded' ? this.payload.logger.info.bind(this.payload.logger) : this.payload.logger.error.bind(this.payload.logger)
      log({ msg: `site build ${entry.result}`, buildId: entry.id, durationMs: entry.durationMs, error: entry.error ?? undefined })
    }
  }
}
