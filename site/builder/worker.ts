/**
 * The Astro worker: a process that keeps Astro loaded and renders site builds on request, so
 * a build after a publish does not pay for starting Node and loading Astro again. It takes one
 * job at a time over IPC: { id, root, outDir, cacheDir, env } and answers { id, ok, ms, error }.
 * Each job runs in a working folder of its own (`workDir`), which the caller makes beside the
 * output folder: Astro writes its prerender bundle beneath the working folder and then renames
 * assets from there into the output, which only works on one file system.
 */
import path from 'node:path'

import type { build as astroBuild } from 'astro'

/** `env` sets variables for the build; null (or undefined, which IPC does not carry) removes one set by an earlier job. */
export type RenderJob = {
  id: number
  root: string
  outDir: string
  cacheDir: string
  /** The folder the build runs in (see renderer.ts): on the output's file system, with the project's node_modules linked in. */
  workDir: string
  env: Record<string, string | null | undefined>
  logLevel: 'info' | 'warn' | 'error'
}
export type RenderReply = { id: number; ok: boolean; ms: number; error?: string }

// Astro loads as soon as the worker starts, while the caller works out what to build.
const loading: Promise<typeof astroBuild> = import('astro').then((m) => m.build)
loading.catch(() => {}) // reported with the first job

const run = async (job: RenderJob): Promise<RenderReply> => {
  const started = Date.now()
  try {
    const build = await loading
    process.chdir(job.workDir)
    for (const [key, value] of Object.entries(job.env)) {
      if (value === undefined || value === null) delete process.env[key]
      else process.env[key] = value
    }
    // A value of this build's own in the server bundle: Node caches modules by address, and a
    // bundle identical to the previous build's would otherwise come back with its state.
    const nonce = `${process.pid}-${job.id}-${Date.now()}`
    // Vite's cache beside Astro's, not in the site's node_modules: the server may run as a user
    // who can write nothing but the data folder (the Docker image does).
    const vite = {
      cacheDir: path.join(job.cacheDir, 'vite'),
      define: { 'import.meta.env.SITE_BUILD_NONCE': JSON.stringify(nonce) },
    }
    await build({
      root: job.root,
      outDir: job.outDir,
      cacheDir: job.cacheDir,
      logLevel: job.logLevel,
      mode: 'production',
      vite,
    })
    return { id: job.id, ok: true, ms: Date.now() - started }
  } catch (error) {
    const e = error as Error & { loc?: { file?: string; line?: number }; hint?: string }
    const where = e.loc?.file ? ` (${e.loc.file}${e.loc.line ? `:${e.loc.line}` : ''})` : ''
    return { id: job.id, ok: false, ms: Date.now() - started, error: `${e.message ?? String(error)}${where}` }
  }
}

let queue = Promise.resolve()
process.on('message', (job: RenderJob) => {
  queue = queue.then(async () => {
    process.send?.(await run(job))
  })
})
process.on('disconnect', () => process.exit(0))
process.send?.({ ready: true })
