/**
 * What the load benchmarks (load.ts, rest.ts) share: the admin built before the server starts,
 * a bounded autocannon run as a promise, their options, and how they print a time.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

import autocannon from 'autocannon'

const root = path.resolve(import.meta.dirname, '../..')

/** The environment for a child process: this one's, with the project's node_modules/.bin first on PATH, and `extra`. */
export const childEnv = (extra: Record<string, string> = {}) =>
  ({
    ...process.env,
    PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    ...extra,
  }) as NodeJS.ProcessEnv

/** Builds the admin UI when its build is not of the current sources, as `npm start` would. */
export const ensureAdminBuilt = async () => {
  const { adminBuildIsCurrent } = await import('@rapport/cms/lib/adminBuild')
  if (adminBuildIsCurrent()) return
  console.log('» building the admin UI first (npm run build:admin; not part of the figures)')
  const result = spawnSync('npm', ['run', 'build:admin'], { cwd: root, stdio: 'inherit', env: childEnv() })
  if (result.status !== 0) throw new Error(`npm run build:admin failed (${result.status ?? result.signal})`)
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** A time for a table: «–» for none, milliseconds below a second, else seconds. */
export const fmtMs = (ms: number | undefined) =>
  ms === undefined || Number.isNaN(ms)
    ? '–'
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`

/** Runs autocannon with these options (a `duration` bounds it) and gives its result, or rejects with its error. */
export const autocannonRun = (options: autocannon.Options) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)))
    instance.on('error', reject)
  })

/** The options every load benchmark takes (`--duration` seconds a run, `--connections`), with its default duration. */
export const loadOptions = (seconds: number) =>
  ({
    duration: { type: 'string', default: String(seconds) },
    connections: { type: 'string', default: '50' },
  }) as const
