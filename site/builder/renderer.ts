/**
 * Runs Astro builds in a worker process (worker.ts) that stays loaded between builds. If the
 * worker dies (killed, out of memory) the build in hand fails with that reason, and the next
 * build starts a new worker.
 *
 * Each build runs in a working folder made beside its output folder, so the renames Astro makes
 * from its prerender bundle into the output stay on one file system (the output may be on a
 * volume of its own). The folder links the project's node_modules, so the bundle's imports
 * resolve as they would inside the project.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import type { RenderJob, RenderReply } from './worker'

const root = path.resolve(import.meta.dirname, '../..')
const NODE_MODULES = path.join(root, 'node_modules')

/**
 * A build's working folder, new and of its own (two workers may build beside each other),
 * beside its output, with the project's node_modules linked in.
 */
const makeWorkDir = (outDir: string): string => {
  const parent = path.dirname(path.resolve(outDir))
  fs.mkdirSync(parent, { recursive: true })
  const dir = fs.mkdtempSync(path.join(parent, '.astro-work-'))
  fs.symlinkSync(NODE_MODULES, path.join(dir, 'node_modules'), 'dir')
  return dir
}

type Pending = { id: number; resolve: (ms: number) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }

export class AstroRenderer {
  private child: ChildProcess | null = null
  private ready: Promise<void> | null = null
  private pending: Pending | null = null
  private nextId = 1
  private builds = 0
  private output = ''

  constructor(private readonly opts: { quiet?: boolean; timeoutMs?: number; maxBuildsPerWorker?: number } = {}) {}

  /**
   * Whether the worker has made as many builds as it should (each leaves modules behind): the
   * next build will start a new one, unless the caller replaces it first, while idle.
   */
  get worn(): boolean {
    return this.builds >= (this.opts.maxBuildsPerWorker ?? 25)
  }

  /** The worker's process id, while one runs. */
  get pid(): number | undefined {
    return this.child?.pid
  }

  private start(): Promise<void> {
    this.builds = 0
    const quiet = this.opts.quiet ?? true
    // A larger young generation: rendering allocates many short-lived strings, and the default
    // makes the collector run far more often than it needs to. The worker is plain TypeScript
    // that Node runs as it is (types stripped), with no loader hooks on Astro's thousands of modules.
    const child = spawn(process.execPath, ['--max-semi-space-size=64', path.join(import.meta.dirname, 'worker.ts')], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit', 'ipc'],
    })
    this.child = child
    this.output = ''
    const keep = (d: Buffer) => {
      this.output = (this.output + d.toString()).slice(-20_000)
    }
    child.stdout?.on('data', keep)
    child.stderr?.on('data', keep)
    this.ready = new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve())
      child.once('exit', (code, signal) =>
        reject(new Error(`the site build process ended before it was ready (${signal ?? `exit ${code}`})`)),
      )
    })
    this.ready.catch(() => {})
    child.on('message', (reply: RenderReply | { ready: true }) => {
      if (!('id' in reply) || !this.pending || reply.id !== this.pending.id) return
      const p = this.pending
      this.pending = null
      clearTimeout(p.timer)
      if (reply.ok) p.resolve(reply.ms)
      else p.reject(new Error(`${reply.error}${this.tail()}`))
    })
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null
      const p = this.pending
      if (p) {
        this.pending = null
        clearTimeout(p.timer)
        p.reject(new Error(`the site build process was stopped (${signal ?? `exit ${code}`})${this.tail()}`))
      }
    })
    return this.ready
  }

  private tail() {
    const lines = this.output.trim().split('\n').filter(Boolean).slice(-15)
    return lines.length ? `\n${lines.join('\n')}` : ''
  }

  private queue: Promise<unknown> = Promise.resolve()

  /** Starts the worker now, if none runs, so it loads while the caller does other work. */
  prepare() {
    if (!this.child) void this.start().catch(() => {})
  }

  /**
   * Runs one Astro build (after those already asked for); resolves to its duration in ms, rejects
   * with Astro's error and the worker's last output. With `freshWorker`, in a new worker (the
   * old one is stopped when the builds before it are done).
   */
  render(job: Omit<RenderJob, 'id' | 'workDir'>, opts: { freshWorker?: boolean } = {}): Promise<number> {
    const result = this.queue.then(() => {
      if (opts.freshWorker && this.builds > 0) this.close() // one that has made no build is fresh
      return this.renderNow(job)
    })
    this.queue = result.catch(() => undefined)
    return result
  }

  private async renderNow(job: Omit<RenderJob, 'id' | 'workDir'>): Promise<number> {
    if (this.child && this.worn) this.close()
    if (!this.child) await this.start()
    else await this.ready
    this.builds++
    const id = this.nextId++
    this.output = ''
    const workDir = makeWorkDir(job.outDir)
    return new Promise<number>((resolve, reject) => {
      const timeoutMs = this.opts.timeoutMs ?? 15 * 60_000
      const timer = setTimeout(() => {
        this.child?.kill('SIGKILL')
      }, timeoutMs)
      this.pending = { id, resolve, reject, timer }
      // undefined does not survive IPC: send null, so the worker removes what an earlier job set.
      const env = Object.fromEntries(Object.entries(job.env).map(([k, v]) => [k, v ?? null]))
      this.child!.send({ ...job, env, id, workDir } satisfies RenderJob)
    }).finally(() => fs.rmSync(workDir, { recursive: true, force: true }))
  }

  /**
   * Stops the worker; a build in hand fails. A worker started with a CPU profile running
   * (`--cpu-prof` in NODE_OPTIONS, as a benchmark's profile sets it) is let go over IPC, so that
   * it writes its profile as it exits, and killed only if it is still there after 10 s.
   */
  close() {
    const child = this.child
    this.child = null
    this.builds = 0
    if (!child) return
    if (process.env.NODE_OPTIONS?.includes('--cpu-prof') && child.connected) {
      child.disconnect()
      setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 10_000).unref()
      return
    }
    child.kill('SIGKILL')
  }
}
