/**
 * What the load benchmarks (load.ts, rest.ts) share: a bounded autocannon run as a promise,
 * and how they print a time.
 */
import autocannon from 'autocannon'

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
