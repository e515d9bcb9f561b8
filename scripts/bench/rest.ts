/**
 * REST reads under load, through the real server: a static chapter page (the peer), one chapter
 * (`GET /api/chapters/<id>`) and a page of chapters (`GET /api/chapters?limit=10`), anonymous
 * and as a logged-in editor (`Authorization: JWT …`), each with autocannon on loopback for a
 * bounded time. Prints req/s, p50, p99, failed answers and the ratio to the static page, with
 * the machine's load average before and after; not a test.
 *
 *   npm run bench:rest [-- --duration 10] [--connections 50] [--skip-editor] [--profile <folder>]
 *
 * `--profile <folder>` starts the server with `node --cpu-prof` writing into that folder and,
 * after the run, summarizes the server's samples taken while the REST endpoints were under load
 * (top functions by self and inclusive time, self time per package; scripts/bench/cpuProfile.ts).
 * A profiled server is slower: take the figures from a run without it.
 *
 * The server is started as `npm start` does, on a fresh data folder with the shipped report
 * seeded into it, and stopped (its data folder removed) at the end, also after a failure or
 * Ctrl-C. The admin UI is built first when its build is not current (`npm run build:admin`).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import autocannon from 'autocannon'

import { autocannonRun, ensureAdminBuilt, fmtMs, loadOptions, sleep } from './loadBench'

import { apiRequest, createAccounts, startServerProcess, type ServerProcess } from '../../tests/support/server'
import { busiestProfile, formatSummary } from './cpuProfile'

const root = path.resolve(import.meta.dirname, '../..')
const CHAPTER_SLUG = 'malbildet-for-arbeidet'
const STATIC_PATH = `/arsrapport-2023/${CHAPTER_SLUG}/`
const PASSWORD = 'korrekt-hest-batteri-stift-rest'
const REQUEST_TIMEOUT_S = 20

const { values: options } = parseArgs({
  options: {
    ...loadOptions(10),
    'skip-editor': { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
})

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
/** Microseconds on the monotonic clock, the clock of V8's CPU profiles on Linux. */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n)

let server: ServerProcess | undefined

/** Waits until the first site build has succeeded, so the static page is there. */
const waitForSite = async (base: string) => {
  const deadline = Date.now() + 240_000
  for (;;) {
    const health = (await (await fetch(`${base}/healthz`)).json()) as {
      site?: { lastBuild: { result: string } | null; building: boolean; queued: number }
    }
    const site = health.site
    if (site?.lastBuild?.result === 'succeeded' && !site.building && site.queued === 0) return
    if (Date.now() > deadline) throw new Error('the first site build did not succeed within 240 s')
    await sleep(500)
  }
}

/** Whether a process (or, for a negative id, a process group) still exists. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * Stops the server with SIGTERM sent to its own node process (the one tsx started, whose pid its
 * log lines carry) and gives it and what it started up to a minute to close and write their CPU
 * profiles, which a killed process never writes; then stops the rest and removes the data folder.
 */
const stopGently = async (running: ServerProcess) => {
  const pid = Number(/"pid":(\d+)/.exec(running.output())?.[1])
  if (pid && alive(pid)) {
    process.kill(pid, 'SIGTERM')
    for (const deadline = Date.now() + 60_000; alive(pid) && Date.now() < deadline;) await sleep(250)
  }
  for (const deadline = Date.now() + 30_000; running.child.pid && alive(-running.child.pid) && Date.now() < deadline;)
    await sleep(250)
  await running.stop()
}

type Target = { label: string; path: string; token?: string }
type Measured = { target: Target; result: autocannon.Result; failed: number; window: [number, number] }

const runLoad = (base: string, target: Target, connections: number, seconds: number) =>
  autocannonRun({
    url: `${base}${target.path}`,
    connections,
    duration: seconds,
    timeout: REQUEST_TIMEOUT_S,
    headers: target.token ? { authorization: `JWT ${target.token}` } : {},
  })

/** One target: a short warm-up (not counted), then the measured run; the window is on the monotonic clock. */
const measure = async (base: string, target: Target, connections: number, seconds: number): Promise<Measured> => {
  const check = await fetch(`${base}${target.path}`, {
    headers: target.token ? { authorization: `JWT ${target.token}` } : {},
  })
  if (!check.ok) throw new Error(`${target.path} answered ${check.status}: ${(await check.text()).slice(0, 300)}`)
  await runLoad(base, target, Math.min(connections, 10), 1)
  const started = monotonicMicros()
  const result = await runLoad(base, target, connections, seconds)
  const window: [number, number] = [started, monotonicMicros()]
  return { target, result, failed: result.errors + result.timeouts + result.non2xx, window }
}

const markdownTable = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')

const main = async () => {
  const seconds = Number(options.duration)
  const connections = Number(options.connections)
  if (!(seconds > 0 && seconds <= 120) || !(connections > 0))
    throw new Error('--duration (up to 120 s) and --connections must be positive numbers')
  const profileDir = options.profile ? path.resolve(options.profile) : undefined
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true })
  const watchdog = setTimeout(
    () => {
      console.error('\nThe run took over 10 minutes: stopping.')
      void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(2))
    },
    10 * 60_000 + 6 * seconds * 1000,
  )
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130)))

  await ensureAdminBuilt()
  console.log('» starting the server and waiting for its first site build')
  const started = Date.now()
  server = await startServerProcess(
    profileDir
      ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${profileDir}`.trim() }
      : {},
  )
  const base = server.url
  await waitForSite(base)
  await createAccounts(base, PASSWORD, [{ role: 'editor' }])
  const login = await apiRequest(base, 'POST', '/users/login', { email: 'editor@example.no', password: PASSWORD })
  if (login.status !== 200) throw new Error(`the editor could not log in (${login.status})`)
  const editorToken = login.json.token as string
  const found = await apiRequest(base, 'GET', `/chapters?where[slug][equals]=${CHAPTER_SLUG}&depth=0`)
  const id = found.json?.docs?.[0]?.id as number | undefined
  if (id === undefined) throw new Error(`no published chapter with the slug ${CHAPTER_SLUG} (${found.status})`)
  console.log(`  server up, site built and accounts made in ${((Date.now() - started) / 1000).toFixed(0)} s`)

  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/autocannon/package.json'), 'utf8')) as {
    version: string
  }
  console.log('\nREST reads under load, through the real server (loopback)')
  console.log(
    `Machine: ${os.cpus().length} cores; Node ${process.version}, autocannon ${pkg.version}; ${connections} keep-alive connections, ${seconds} s per row after a 1 s warm-up${profileDir ? '; the server runs with --cpu-prof (slower)' : ''}`,
  )
  console.log(`Load average before: ${loadAverage()}`)

  const targets: Target[] = [
    { label: `static page \`${STATIC_PATH}\``, path: STATIC_PATH },
    { label: `\`GET /api/chapters/${id}\``, path: `/api/chapters/${id}` },
    { label: '`GET /api/chapters?limit=10`', path: '/api/chapters?limit=10' },
    ...(options['skip-editor']
      ? []
      : [
          { label: `\`GET /api/chapters/${id}\` as an editor`, path: `/api/chapters/${id}`, token: editorToken },
          { label: '`GET /api/chapters?limit=10` as an editor', path: '/api/chapters?limit=10', token: editorToken },
        ]),
  ]
  const measured: Measured[] = []
  for (const target of targets) measured.push(await measure(base, target, connections, seconds))
  const loadAfter = loadAverage()

  const peer = measured[0].result.requests.average
  console.log(
    `\n${markdownTable(
      ['what', 'req/s', 'p50', 'p99', 'max', 'failed (errors, timeouts, non-2xx)', 'req/s ÷ static page'],
      measured.map((m) => [
        m.target.label,
        m.result.requests.average.toFixed(0),
        fmtMs(m.result.latency.p50),
        fmtMs(m.result.latency.p99),
        fmtMs(m.result.latency.max),
        String(m.failed),
        m === measured[0] ? '1' : (m.result.requests.average / peer).toFixed(3),
      ]),
    )}`,
  )
  console.log(`\nLoad average after: ${loadAfter}`)

  await stopGently(server)
  server = undefined
  if (profileDir) {
    const window: [number, number] = [measured[1].window[0], measured.at(-1)!.window[1]]
    const busiest = busiestProfile(profileDir, { top: 25, window })
    if (!busiest || busiest.summary.samples === 0)
      console.log(
        `\nNo samples of the REST rows in ${profileDir} (was the server stopped before it could write its profile?)`,
      )
    else
      console.log(
        `\nWhere the server's time went while the REST rows ran (${path.relative(root, busiest.file)}):\n\n${formatSummary(busiest.summary)}`,
      )
  }
  clearTimeout(watchdog)
}

main().then(
  () => process.exit(0),
  async (error: Error) => {
    console.error(error.stack ?? error.message)
    await server?.stop()
    process.exit(1)
  },
)
