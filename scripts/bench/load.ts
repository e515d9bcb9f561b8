/**
 * The reader site under load, through the real server: a chapter page and the front page under
 * autocannon (loopback only), first alone, then while chapters are saved and published, then
 * while another process holds a lock on the SQLite database. Prints what it measured as tables;
 * not a test. Every phase is bounded; the server it started and its data folder are removed at
 * the end, also after a failure or Ctrl-C.
 *
 *   npm run bench:load [-- --duration 20] [--connections 50] [--skip-publish] [--skip-lock]
 *                      [--lock-seconds 10] [--url http://127.0.0.1:3000] [--data-dir <folder>]
 *
 * 1. Steady: each page alone, `--connections` connections for `--duration` s.
 * 2. Publishing: both pages at once (half the connections each) for 2 × `--duration` s while
 *    20 draft saves and 5 publishes of one chapter are spread over the first 80 % of the window;
 *    each publish's time from its response to the chapter page showing its title.
 * 3. Database lock: both pages at once for 4 s + the lock + 4 s; from 4 s on another process
 *    (this file again, with `--hold-lock <db file>`) holds `BEGIN EXCLUSIVE` on
 *    DATA_DIR/payload.db for 10 s (`--lock-seconds`), and one draft save is made 0.5 s into it.
 *
 * A response counts as failed when its status is not 2xx, when the connection closed after its
 * headers and before its body was complete (cut off), when the connection closed before any
 * answer (unanswered), when a 2xx page body does not end with `</html>` (incomplete), or when
 * no answer came within 20 s (timeout).
 *
 * `--url` measures a server that is already running (none is started; the lock phase needs
 * `--data-dir`, its data folder). `--data-dir` without `--url` starts the server on that folder
 * and keeps it. The admin UI is built first when its build is not current (`npm run build:admin`).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import autocannon from 'autocannon'

import { autocannonRun, childEnv, ensureAdminBuilt, fmtMs, loadOptions, sleep } from './loadBench'

import { freePort } from '../../tests/support/server'

const root = path.resolve(import.meta.dirname, '../..')
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
/** The project's own Node (the `node` package) first, as under `npm run`, however this script was started. */
const CHAPTER_SLUG = 'malbildet-for-arbeidet'
const CHAPTER_PATH = `/arsrapport-2023/${CHAPTER_SLUG}/`
const FRONT_PATH = '/'
const EMAIL = 'last@example.no'
const PASSWORD = 'korrekt-hest-batteri-stift-last'
const REQUEST_TIMEOUT_S = 20
const DEFAULT_LOCK_MS = 10_000
const LOCK_LEAD_MS = 4_000
const LOCK_TAIL_MS = 4_000
const DRAFT_SAVES = 20
const PUBLISHES = 5

const { values: options } = parseArgs({
  options: {
    ...loadOptions(20),
    'skip-lock': { type: 'boolean', default: false },
    'skip-publish': { type: 'boolean', default: false },
    url: { type: 'string' },
    'data-dir': { type: 'string' },
    'hold-lock': { type: 'string' },
    'lock-seconds': { type: 'string', default: String(DEFAULT_LOCK_MS / 1000) },
    'lock-ms': { type: 'string' },
  },
})

const now = () => performance.timeOrigin + performance.now()
const fmtAt = (t: number, t0: number) => `+${((t - t0) / 1000).toFixed(2).padStart(6)} s`

// ─── the lock holder (this file, run again as a child process) ───────────────────────────────

/** Child mode: holds `BEGIN EXCLUSIVE` on the SQLite file for `ms`, saying when it has it and when it let go. */
const holdLock = async (dbFile: string, ms: number) => {
  const { createClient } = await import('@libsql/client')
  const db = createClient({ url: `file:${dbFile}` })
  await db.execute('PRAGMA busy_timeout = 5000')
  await db.execute('BEGIN EXCLUSIVE')
  console.log(JSON.stringify({ locked: Date.now() }))
  await sleep(ms)
  await db.execute('ROLLBACK')
  console.log(JSON.stringify({ released: Date.now() }))
  db.close()
}

type LockHolder = { child: ChildProcess; locked: Promise<number>; released: Promise<number> }

/** Starts a process that locks the database for `ms`; resolves `locked` and `released` with its clock's times. */
const startLockHolder = (dbFile: string, ms: number): LockHolder => {
  const child = spawn(tsx, [path.join(root, 'scripts/bench/load.ts'), '--hold-lock', dbFile, '--lock-ms', String(ms)], {
    cwd: root,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  children.add(child)
  child.on('exit', () => children.delete(child))
  let output = ''
  const seen = (key: 'locked' | 'released') =>
    new Promise<number>((resolve, reject) => {
      const onData = () => {
        const match = new RegExp(`"${key}":(\\d+)`).exec(output)
        if (match) resolve(Number(match[1]))
      }
      child.stdout!.on('data', (d) => {
        output += d
        onData()
      })
      child.stderr!.on('data', (d) => (output += d))
      child.on('exit', (code) => reject(new Error(`the lock holder exited (${code}) before "${key}":\n${output}`)))
    })
  return { child, locked: seen('locked'), released: seen('released') }
}

// ─── the server ──────────────────────────────────────────────────────────────────────────────

type LogEvent = { time: number; msg: string; buildId?: string; durationMs?: number }
type Server = { url: string; dataDir: string | null; child: ChildProcess | null; log: LogEvent[]; output: () => string }

/** Processes this run started (the server, a lock holder) and folders it made: gone on every way out. */
const children = new Set<ChildProcess>()
const madeFolders = new Set<string>()

/** The server's JSON log lines worth a place in the timeline. */
const parseLogLines = (text: string, into: LogEvent[]) => {
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue
    try {
      const entry = JSON.parse(line) as { time?: number; msg?: string; buildId?: string; durationMs?: number }
      if (entry.time && entry.msg && entry.msg.startsWith('site '))
        into.push({ time: entry.time, msg: entry.msg, buildId: entry.buildId, durationMs: entry.durationMs })
    } catch {
      // not a whole JSON line
    }
  }
}

/** Starts the server as `npm start` does (`tsx cms/src/cli/start.ts --port N`) and waits until /healthz answers. */
const startServer = async (dataDirOption: string | undefined): Promise<Server> => {
  const dataDir = dataDirOption ? path.resolve(dataDirOption) : fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-load-'))
  if (!dataDirOption) madeFolders.add(dataDir)
  const port = await freePort()
  const child = spawn(tsx, ['cms/src/cli/start.ts', '--port', String(port)], {
    cwd: root,
    env: childEnv({ NODE_ENV: '', DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '' }),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that stopping it reaches the node process tsx starts as well.
    detached: true,
  })
  children.add(child)
  child.on('exit', () => children.delete(child))
  const server: Server = { url: `http://127.0.0.1:${port}`, dataDir, child, log: [], output: () => output }
  let output = ''
  let partial = ''
  const onOutput = (d: Buffer) => {
    output += d
    const text = partial + d.toString()
    const cut = text.lastIndexOf('\n')
    partial = text.slice(cut + 1)
    parseLogLines(text.slice(0, cut + 1), server.log)
  }
  child.stdout!.on('data', onOutput)
  child.stderr!.on('data', (d) => (output += d))
  const deadline = Date.now() + 180_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output.slice(-3000)}`)
    if (
      await fetch(`${server.url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return server
    if (Date.now() > deadline)
      throw new Error(`the server did not answer /healthz within 180 s:\n${output.slice(-3000)}`)
    await sleep(250)
  }
}

/** Stops a child process and its group: SIGTERM, then SIGKILL after `graceMs`. */
const stopProcessGroup = async (child: ChildProcess, graceMs: number) => {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  try {
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    return
  }
  await Promise.race([exited, sleep(graceMs)])
  if (child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
}

/** Stops everything this run started and removes the data folder it made. */
const cleanUp = async () => {
  await Promise.all([...children].map((child) => stopProcessGroup(child, 15_000)))
  for (const folder of madeFolders) fs.rmSync(folder, { recursive: true, force: true })
}

type Health = {
  site?: {
    liveBuild: string | null
    building: boolean
    queued: number
    lastBuild: { id: string; result: string } | null
  }
}

const health = async (base: string): Promise<Health> => {
  const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(30_000) }).catch((error: Error) => {
    throw new Error(`no answer from ${base}/healthz: ${(error.cause as Error | undefined)?.message ?? error.message}`)
  })
  return (await response.json()) as Health
}

/** Waits until a site build has succeeded (the first build after a start). */
const waitForFirstBuild = async (base: string, server: Server | null) => {
  const deadline = Date.now() + 240_000
  for (;;) {
    const site = (await health(base)).site
    if (site?.lastBuild?.result === 'succeeded') return
    if (site?.lastBuild?.result === 'failed' && !site.building && !site.queued)
      throw new Error(`the first site build failed:\n${server?.output().slice(-3000) ?? ''}`)
    if (Date.now() > deadline) throw new Error('the first site build did not succeed within 240 s')
    await sleep(500)
  }
}

/** Waits (at most `ms`) until the site builder has nothing running or waiting; says whether it got there. */
const waitUntilIdle = async (base: string, ms: number) => {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const site = (await health(base)).site
    if (!site || (!site.building && site.queued === 0)) return true
    await sleep(250)
  }
  return false
}

const api = async (base: string, method: string, route: string, body?: unknown, token?: string, timeoutMs = 60_000) => {
  const started = now()
  const response = await fetch(`${base}/api${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `JWT ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  })
  const text = await response.text()
  return { status: response.status, text, ms: now() - started, at: now() }
}

/** An administrator's token: the first user on an empty database, else a login with the same account. */
const signIn = async (base: string) => {
  const first = await api(base, 'POST', '/users/first-register', { email: EMAIL, password: PASSWORD, name: 'Lasttest' })
  if (first.status < 300) return JSON.parse(first.text).token as string
  const login = await api(base, 'POST', '/users/login', { email: EMAIL, password: PASSWORD })
  if (login.status < 300) return JSON.parse(login.text).token as string
  throw new Error(
    `could not create or log in ${EMAIL}: first-register ${first.status}, login ${login.status} ${login.text.slice(0, 300)}`,
  )
}

const chapterId = async (base: string, token: string) => {
  const found = await api(base, 'GET', `/chapters?where[slug][equals]=${CHAPTER_SLUG}&depth=0`, undefined, token)
  const id = JSON.parse(found.text).docs?.[0]?.id as number | string | undefined
  if (id === undefined)
    throw new Error(`no chapter with the slug ${CHAPTER_SLUG}: ${found.status} ${found.text.slice(0, 300)}`)
  return id
}

// ─── load and what came back ─────────────────────────────────────────────────────────────────

type FailureKind = 'non-2xx' | 'cut off' | 'unanswered' | 'incomplete' | 'timeout'
type Failure = {
  url: string
  kind: FailureKind
  status?: number
  start: number
  end: number
  location?: string
  detail?: string
}
type Recorder = {
  url: string
  /** Every answered request: its start and end (epoch ms) and status. */
  starts: number[]
  ends: number[]
  statuses: number[]
  failures: Failure[]
  result?: autocannon.Result
}

const newRecorder = (url: string): Recorder => ({ url, starts: [], ends: [], statuses: [], failures: [] })

/** The parts of autocannon's per-connection client that its typings leave out (autocannon 9). */
type RawClient = autocannon.Client & {
  conn?: unknown
  opts: { verifyBody?: (body: string) => boolean }
  parser: { initialize: (type: 'RESPONSE') => void }
  pipelinedRequests: { size: () => number; clear: () => void; peek: () => { body: string } | undefined }
  _connect: () => void
}
type ParsedHeaders = { statusCode: number; headers: string[] }

/**
 * Watches one autocannon connection: records each answer's timing and status, checks that a 2xx
 * page ends with `</html>`, and counts the answers autocannon loses sight of. When the server
 * closes a connection mid-answer autocannon just reconnects, counting nothing (or a bare
 * connection error) and leaving its parser inside the old body; this notes the request as cut
 * off (after its headers) or unanswered (before them) and starts the parser afresh.
 */
const watchClient = (recorder: Recorder) => (client: autocannon.Client) => {
  const raw = client as RawClient
  const events = client as unknown as NodeJS.EventEmitter
  let requestStart = 0
  let status = 0
  let location: string | undefined
  let framing = ''
  let inAnswer = false
  let lastLatency = 0
  let abandoned = { start: 0, inAnswer: false, status: 0 }
  const fail = (kind: FailureKind, start: number, end: number, code?: number, detail?: string) =>
    recorder.failures.push({ url: recorder.url, kind, status: code, start, end, location, detail })

  events.on('request', () => {
    requestStart = now()
    inAnswer = false
  })
  events.on('headers', (h: ParsedHeaders) => {
    inAnswer = true
    status = h.statusCode
    const header = (name: string) => {
      const at = h.headers.findIndex((v, i) => i % 2 === 0 && v.toLowerCase() === name)
      return at >= 0 ? h.headers[at + 1] : undefined
    }
    location = header('location')
    const length = header('content-length')
    const encoding = header('transfer-encoding')
    framing =
      length !== undefined ? `Content-Length ${length}` : encoding ? `Transfer-Encoding ${encoding}` : 'no length given'
  })
  events.on('response', (code: number, _bytes: number, latency: number) => {
    const end = now()
    inAnswer = false
    lastLatency = latency
    recorder.starts.push(end - latency)
    recorder.ends.push(end)
    recorder.statuses.push(code)
    if (code < 200 || code > 299) fail('non-2xx', end - latency, end, code)
  })
  raw.opts.verifyBody = (body: string) => {
    if (status >= 200 && status <= 299 && !/<\/html>\s*$/i.test(body))
      fail('incomplete', now() - lastLatency, now(), status)
    return true
  }
  events.on('timeout', () => fail('timeout', abandoned.start, now(), abandoned.inAnswer ? abandoned.status : undefined))

  const connect = raw._connect
  raw._connect = function reconnect(this: RawClient) {
    if (this.conn) {
      // A reconnect. Autocannon empties its queue itself when it gives up on a request (timeout);
      // a request still queued is one the server's connection dropped under it.
      abandoned = { start: requestStart, inAnswer, status }
      if (this.pipelinedRequests.size() > 0) {
        const received = Buffer.byteLength(this.pipelinedRequests.peek()?.body ?? '')
        const detail = inAnswer ? `${status}, ${framing}, ${received} body bytes` : undefined
        fail(inAnswer ? 'cut off' : 'unanswered', requestStart, now(), inAnswer ? status : undefined, detail)
      }
      this.pipelinedRequests.clear()
      this.parser.initialize('RESPONSE')
      inAnswer = false
    }
    return connect.call(this)
  }
}

/** Runs autocannon on one path of `base` for `seconds` with `connections`, recording into `recorder`. */
const runLoad = async (base: string, recorder: Recorder, connections: number, seconds: number) =>
  (recorder.result = await autocannonRun({
    url: `${base}${recorder.url}`,
    connections,
    duration: seconds,
    timeout: REQUEST_TIMEOUT_S,
    setupClient: watchClient(recorder),
  }))

type Stats = { count: number; p50?: number; p99?: number; max?: number }

/** Latency percentiles of the answers whose request overlapped [from, to]. */
const latencyBetween = (recorder: Recorder, from: number, to: number): Stats => {
  const latencies: number[] = []
  for (let i = 0; i < recorder.ends.length; i++)
    if (recorder.starts[i] < to && recorder.ends[i] > from) latencies.push(recorder.ends[i] - recorder.starts[i])
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]
  return { count: latencies.length, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) }
}

/** The longest time within [from, to] in which no answer at all ended (a frozen server shows here). */
const longestGap = (recorder: Recorder, from: number, to: number) => {
  const ends = recorder.ends.filter((t) => t > from && t < to).sort((a, b) => a - b)
  let gap = 0
  let last = from
  for (const t of [...ends, to]) {
    gap = Math.max(gap, t - last)
    last = t
  }
  return gap
}

const countKinds = (failures: Failure[]) => {
  const count = (kind: FailureKind) => failures.filter((f) => f.kind === kind).length
  return {
    nonOk: count('non-2xx'),
    cutOff: count('cut off'),
    unanswered: count('unanswered'),
    incomplete: count('incomplete'),
    timeouts: count('timeout'),
  }
}

/** "8 × 404, 24 × 308 → /x" */
const statusSummary = (failures: Failure[]) => {
  const counts = new Map<string, number>()
  for (const f of failures.filter((x) => x.kind === 'non-2xx')) {
    const key = `${f.status}${f.location ? ` → ${f.location}` : ''}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts].map(([key, n]) => `${n} × ${key}`).join(', ') || '0'
}

/** "23 unanswered, 2 × 404", or "0". */
const failureSummary = (failures: Failure[]) => {
  const k = countKinds(failures)
  const parts = [
    k.nonOk ? statusSummary(failures) : '',
    k.timeouts ? `${k.timeouts} timeouts` : '',
    k.cutOff ? `${k.cutOff} cut off` : '',
    k.unanswered ? `${k.unanswered} unanswered` : '',
    k.incomplete ? `${k.incomplete} incomplete` : '',
  ]
  return parts.filter(Boolean).join(', ') || '0'
}

/** An API answer in short: Payload's message and errors when it is JSON, else its start. */
const answerGist = (text: string) => {
  try {
    const json = JSON.parse(text) as { message?: string; errors?: unknown }
    if (json.message || json.errors) return JSON.stringify({ message: json.message, errors: json.errors }).slice(0, 400)
  } catch {
    // not JSON
  }
  return text.slice(0, 400).replace(/\s+/g, ' ')
}

const markdownTable = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')

const pageLabel = (url: string) => (url === FRONT_PATH ? '`/` (front page)' : `\`${url}\``)

// ─── phase 1: steady ─────────────────────────────────────────────────────────────────────────

const steadyPhase = async (base: string, connections: number, seconds: number) => {
  console.log(`\n» 1. each page alone: ${connections} connections, ${seconds} s`)
  const rows: string[][] = []
  for (const url of [CHAPTER_PATH, FRONT_PATH]) {
    const recorder = newRecorder(url)
    const r = await runLoad(base, recorder, connections, seconds)
    const k = countKinds(recorder.failures)
    rows.push([
      pageLabel(url),
      r.requests.average.toFixed(0),
      fmtMs(r.latency.p50),
      fmtMs(r.latency.p99),
      fmtMs(r.latency.max),
      statusSummary(recorder.failures),
      `${r.errors} / ${r.timeouts}`,
      String(k.cutOff + k.incomplete + k.unanswered),
    ])
  }
  console.log(
    `\n${markdownTable(['page', 'req/s', 'p50', 'p99', 'max', 'non-2xx', 'errors / timeouts', 'cut off, unanswered or incomplete'], rows)}`,
  )
}

// ─── phase 2: publishing ─────────────────────────────────────────────────────────────────────

type Write = {
  kind: 'draft' | 'publish'
  n: number
  status: number
  ms: number
  at: number
  body: string
  title: string
  liveMs?: number
  liveAt?: number
}

/** Polls the chapter page until it shows the title of publish `n` or a later one (at most 60 s). */
const timeToLive = async (base: string, publishes: Write[], n: number, from: number) => {
  const deadline = from + 60_000
  while (now() < deadline) {
    const page = await fetch(`${base}${CHAPTER_PATH}`, { signal: AbortSignal.timeout(30_000) }).then(
      (r) => r.text(),
      () => '',
    )
    const newest = publishes.filter((p) => p.n >= n && p.status < 300).find((p) => page.includes(p.title))
    if (newest) return now() - from
    await sleep(50)
  }
  return undefined
}

/**
 * Makes DRAFT_SAVES draft saves and PUBLISHES publishes of one chapter, evenly over `windowMs`
 * from `t0` (every fifth write a publish), and times each publish from its response until the
 * chapter page shows it.
 */
const writeLoop = async (
  base: string,
  token: string,
  id: number | string,
  t0: number,
  windowMs: number,
  runId: string,
) => {
  const total = DRAFT_SAVES + PUBLISHES
  const writes: Write[] = []
  const publishes: Write[] = []
  const waits: Promise<void>[] = []
  let draft = 0
  let publish = 0
  for (let i = 0; i < total; i++) {
    const due = t0 + ((i + 0.5) * windowMs) / total
    if (due > now()) await sleep(due - now())
    const isPublish = i % 5 === 2
    if (isPublish) {
      publish++
      const title = `Målbildet for arbeidet – last ${runId}, publisering ${publish}`
      const r = await api(
        base,
        'PATCH',
        `/chapters/${id}`,
        { _status: 'published', title, updateType: 'major', changeNote: `Lasttest: publisering ${publish}.` },
        token,
      ).catch((e: Error) => ({ status: 0, text: e.message, ms: now() - due, at: now() }))
      const w: Write = {
        kind: 'publish',
        n: publish,
        status: r.status,
        ms: r.ms,
        at: r.at,
        body: r.text.slice(0, 300),
        title,
      }
      writes.push(w)
      publishes.push(w)
      if (r.status < 300)
        waits.push(
          timeToLive(base, publishes, w.n, r.at).then((ms) => {
            w.liveMs = ms
            w.liveAt = ms === undefined ? undefined : r.at + ms
          }),
        )
    } else {
      draft++
      const title = `Målbildet for arbeidet – utkast ${runId}-${draft}`
      const r = await api(base, 'PATCH', `/chapters/${id}?draft=true`, { title }, token).catch((e: Error) => ({
        status: 0,
        text: e.message,
        ms: now() - due,
        at: now(),
      }))
      writes.push({ kind: 'draft', n: draft, status: r.status, ms: r.ms, at: r.at, body: r.text.slice(0, 300), title })
    }
  }
  await Promise.all(waits)
  return writes
}

type TimelineEntry = { time: number; text: string }

/** Failures grouped into bursts (gaps under 1 s), each as one line: when, which page, how many of what. */
const failureBursts = (failures: Failure[], t0: number): TimelineEntry[] => {
  const sorted = [...failures].sort((a, b) => a.end - b.end)
  const bursts: Failure[][] = []
  for (const f of sorted) {
    const last = bursts.at(-1)
    if (last && f.end - last.at(-1)!.end < 1000) last.push(f)
    else bursts.push([f])
  }
  return bursts.map((burst) => {
    const parts = new Map<string, number>()
    for (const f of burst) {
      const key = `${f.url === FRONT_PATH ? '/' : 'chapter'}: ${f.kind === 'non-2xx' ? `${f.status}${f.location ? ` → ${f.location}` : ''}` : f.kind}${f.kind !== 'non-2xx' && f.status ? ` (after a ${f.status} header)` : ''}`
      parts.set(key, (parts.get(key) ?? 0) + 1)
    }
    const first = Math.min(...burst.map((f) => f.start))
    const span = `ended ${fmtAt(burst[0].end, t0).trim()} … ${fmtAt(burst.at(-1)!.end, t0).trim()}, requests made from ${fmtAt(first, t0).trim()}`
    const details = [...new Set(burst.flatMap((f) => (f.detail ? [f.detail] : [])))]
    const shown = details.length ? `; ${details.slice(0, 3).join(' | ')}${details.length > 3 ? ' | …' : ''}` : ''
    return { time: burst[0].end, text: `✗ ${[...parts].map(([k, n]) => `${n} × ${k}`).join('; ')}  (${span}${shown})` }
  })
}

const logEntries = (log: LogEvent[], from: number, to: number): TimelineEntry[] =>
  log
    .filter(
      (e) =>
        e.time >= from &&
        e.time <= to &&
        /^site (build started|pages live|built|build succeeded|build failed|build folder removed)/.test(e.msg),
    )
    .map((e) => ({
      time: e.time,
      text: `server: ${e.msg}${e.buildId ? ` (${e.buildId})` : ''}${e.durationMs !== undefined ? `, ${e.durationMs} ms into the build` : ''}`,
    }))

const printTimeline = (entries: TimelineEntry[], t0: number) => {
  for (const e of entries.sort((a, b) => a.time - b.time)) console.log(`  ${fmtAt(e.time, t0)}  ${e.text}`)
}

const publishingPhase = async (
  base: string,
  server: Server | null,
  token: string,
  connections: number,
  seconds: number,
) => {
  const perPage = Math.max(1, Math.round(connections / 2))
  const windowMs = seconds * 1000 * 0.8
  console.log(
    `\n» 2. both pages at once, ${perPage} connections each, ${seconds} s, while ${DRAFT_SAVES} draft saves and ${PUBLISHES} publishes run over the first ${(windowMs / 1000).toFixed(0)} s`,
  )
  const id = await chapterId(base, token)
  const recorders = [newRecorder(CHAPTER_PATH), newRecorder(FRONT_PATH)]
  const t0 = now()
  const load = Promise.all(recorders.map((r) => runLoad(base, r, perPage, seconds)))
  const writes = await writeLoop(base, token, id, t0 + 500, windowMs, Date.now().toString(36))
  await load
  const loadEnd = now()
  const idle = await waitUntilIdle(base, 90_000)

  const rows = recorders.map((rec) => {
    const r = rec.result!
    const k = countKinds(rec.failures)
    const failed = k.nonOk + k.cutOff + k.unanswered + k.incomplete + k.timeouts
    return [
      pageLabel(rec.url),
      String(r.requests.total),
      r.requests.average.toFixed(0),
      fmtMs(r.latency.p99),
      fmtMs(r.latency.max),
      statusSummary(rec.failures),
      `${r.errors} / ${r.timeouts}`,
      String(k.cutOff),
      String(k.unanswered),
      String(k.incomplete),
      `**${failed}**`,
    ]
  })
  console.log(
    `\n${markdownTable(['page', 'answers', 'req/s', 'p99', 'max', 'non-2xx', 'errors / timeouts', 'cut off', 'unanswered', 'incomplete', 'failed'], rows)}`,
  )

  const publishes = writes.filter((w) => w.kind === 'publish')
  console.log(
    `\n${markdownTable(
      ['publish', 'answered', 'PATCH took', 'response → chapter page shows it'],
      publishes.map((p) => [
        `${p.n} at ${fmtAt(p.at, t0).trim()}`,
        p.status < 300 ? String(p.status) : `${p.status} ${answerGist(p.body)}`,
        fmtMs(p.ms),
        p.liveMs === undefined ? (p.status < 300 ? 'not within 60 s' : '–') : fmtMs(p.liveMs),
      ]),
    )}`,
  )
  const drafts = writes.filter((w) => w.kind === 'draft')
  const draftMs = drafts.map((d) => d.ms).sort((a, b) => a - b)
  const draftStatuses = new Map<number, number>()
  for (const d of drafts) draftStatuses.set(d.status, (draftStatuses.get(d.status) ?? 0) + 1)
  console.log(
    `\nDraft saves: ${[...draftStatuses].map(([s, n]) => `${n} × ${s}`).join(', ')}; median ${fmtMs(draftMs[Math.floor(draftMs.length / 2)])}, max ${fmtMs(draftMs.at(-1))}.`,
  )
  for (const d of drafts.filter((x) => x.status >= 300 || x.status === 0))
    console.log(`  draft ${d.n}: ${d.status || 'no answer'} ${answerGist(d.body)}`)
  if (!idle) console.log('The site builder was still busy 90 s after the load ended.')

  const failures = recorders.flatMap((r) => r.failures)
  if (server) {
    const lateSwitch = server.log.find((e) => e.msg === 'site built' && e.time > loadEnd)
    if (lateSwitch)
      console.log(
        `Note: a build finished after the load window (at ${fmtAt(lateSwitch.time, t0).trim()}); its last switch was not under load.`,
      )
  }
  console.log(`\nTimeline (from the start of the load${server ? '; server lines from its log' : ''}):`)
  printTimeline(
    [
      ...failureBursts(failures, t0),
      ...(server ? logEntries(server.log, t0, now()) : []),
      ...publishes.flatMap((p) => [
        { time: p.at, text: `publish ${p.n} answered ${p.status} after ${fmtMs(p.ms)}` },
        ...(p.liveAt ? [{ time: p.liveAt, text: `publish ${p.n} visible on the chapter page` }] : []),
      ]),
      { time: loadEnd, text: 'load ends' },
    ],
    t0,
  )
}

// ─── phase 3: database lock ──────────────────────────────────────────────────────────────────

const lockPhase = async (
  base: string,
  server: Server | null,
  dataDir: string,
  token: string,
  connections: number,
  lockMs: number,
) => {
  const perPage = Math.max(1, Math.round(connections / 2))
  const seconds = (LOCK_LEAD_MS + lockMs + LOCK_TAIL_MS) / 1000
  console.log(
    `\n» 3. both pages at once, ${perPage} connections each, ${seconds} s; from ${LOCK_LEAD_MS / 1000} s another process holds BEGIN EXCLUSIVE on payload.db for ${lockMs / 1000} s; one draft save 0.5 s into the lock`,
  )
  const id = await chapterId(base, token)
  const recorders = [newRecorder(CHAPTER_PATH), newRecorder(FRONT_PATH)]
  const t0 = now()
  const load = Promise.all(recorders.map((r) => runLoad(base, r, perPage, seconds)))
  await sleep(LOCK_LEAD_MS)
  const holder = startLockHolder(path.join(dataDir, 'payload.db'), lockMs)
  const lockedAt = await holder.locked
  await sleep(Math.max(0, lockedAt + 500 - Date.now()))
  const save = await api(
    base,
    'PATCH',
    `/chapters/${id}?draft=true`,
    { title: `Målbildet for arbeidet – utkast under lås ${Date.now().toString(36)}` },
    token,
    60_000,
  ).catch((e: Error) => ({ status: 0, text: e.message, ms: NaN, at: now() }))
  const releasedAt = await holder.released
  await load
  const rows = recorders.map((rec) => {
    const before = latencyBetween(rec, t0, lockedAt)
    const during = latencyBetween(rec, lockedAt, releasedAt)
    const lockFailures = rec.failures.filter((f) => f.start < releasedAt && f.end > lockedAt)
    return [
      pageLabel(rec.url),
      `${fmtMs(before.p50)} / ${fmtMs(before.p99)} / ${fmtMs(before.max)}`,
      `${fmtMs(during.p50)} / ${fmtMs(during.p99)} / ${fmtMs(during.max)}`,
      `${during.count} (${(during.count / ((releasedAt - lockedAt) / 1000)).toFixed(0)}/s)`,
      fmtMs(longestGap(rec, lockedAt, releasedAt)),
      failureSummary(lockFailures),
    ]
  })
  console.log(
    `\n${markdownTable(['page', 'before the lock p50 / p99 / max', 'during the lock p50 / p99 / max', 'answers during the lock', 'longest time without an answer', 'failed during the lock'], rows)}`,
  )
  console.log(
    '(Each connection keeps one request in flight, so a server that stops answering holds one slow request per connection: the maximum and the longest time without an answer show a freeze that p99 may not.)',
  )
  console.log(
    `\nLock held ${fmtMs(releasedAt - lockedAt)} (${fmtAt(lockedAt, t0).trim()} … ${fmtAt(releasedAt, t0).trim()}).`,
  )
  console.log(
    `Draft save during the lock (sent ${fmtMs(save.at - save.ms - lockedAt)} after the lock was taken): ${save.status || 'no answer'} after ${fmtMs(save.ms)}, at ${fmtAt(save.at, t0).trim()}: ${answerGist(save.text)}`,
  )
  const failures = recorders.flatMap((r) => r.failures)
  if (failures.length) {
    console.log('\nTimeline:')
    printTimeline(
      [
        ...failureBursts(failures, t0),
        ...(server ? logEntries(server.log, t0, now()) : []),
        { time: lockedAt, text: 'lock taken' },
        { time: releasedAt, text: 'lock released' },
      ],
      t0,
    )
  }
}

// ─── the run ─────────────────────────────────────────────────────────────────────────────────

const printHeader = (base: string, server: Server | null, connections: number, seconds: number, lockMs: number) => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/autocannon/package.json'), 'utf8')) as {
    version: string
  }
  console.log('Load on the reader site, through the real server (loopback)')
  console.log(
    `Machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; Node ${process.version}, autocannon ${pkg.version}`,
  )
  console.log(
    server?.child
      ? `Server: started here as npm start does (tsx cms/src/cli/start.ts, SQLite, DATA_DIR ${server.dataDir}) at ${base}`
      : `Server: the one at ${base}`,
  )
  console.log(
    `Pages: the chapter ${CHAPTER_PATH} and the front page /; keep-alive connections, a request timeout of ${REQUEST_TIMEOUT_S} s`,
  )
  console.log(
    `Phases: 1. each page alone (${connections} connections, ${seconds} s); 2. both pages while a chapter is saved and published (${2 * seconds} s); 3. both pages while the database is locked for ${lockMs / 1000} s`,
  )
  console.log(
    'Failed = a status outside 2xx, cut off (the connection closed after the headers, before the whole body), unanswered (closed before any header), incomplete (a 2xx body not ending in </html>) or a timeout',
  )
}

const main = async () => {
  if (options['hold-lock']) return holdLock(options['hold-lock'], Number(options['lock-ms']))
  const lockMs = Number(options['lock-seconds']) * 1000
  const seconds = Number(options.duration)
  const connections = Number(options.connections)
  if (!(seconds > 0 && seconds <= 120) || !(connections > 0) || !(lockMs > 0 && lockMs <= 60_000))
    throw new Error('--duration (up to 120), --connections and --lock-seconds (up to 60) must be positive numbers')

  let server: Server | undefined
  // The whole run stops by itself: start-up and first build, the phases, and waits for builds.
  const runLimitMs = 5 * 60_000 + 4 * seconds * 1000 + lockMs
  const watchdog = setTimeout(() => {
    console.error(`\nThe run took over ${(runLimitMs / 60_000).toFixed(1)} minutes: stopping.`)
    void cleanUp().finally(() => process.exit(2))
  }, runLimitMs)
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)))
  if (!options.url) await ensureAdminBuilt()
  try {
    const started = Date.now()
    if (options.url)
      server = {
        url: options.url.replace(/\/$/, ''),
        dataDir: options['data-dir'] ? path.resolve(options['data-dir']) : null,
        child: null,
        log: [],
        output: () => '',
      }
    else {
      console.log('» starting the server and waiting for its first site build')
      server = await startServer(options['data-dir'])
    }
    const base = server.url
    await waitForFirstBuild(base, server)
    await waitUntilIdle(base, 90_000)
    const token = await signIn(base)
    if (server.child) console.log(`  server up and site built in ${((Date.now() - started) / 1000).toFixed(0)} s`)
    printHeader(base, server.child ? server : null, connections, seconds, lockMs)

    await steadyPhase(base, connections, seconds)
    if (options['skip-publish']) console.log('\n» 2. skipped (--skip-publish)')
    else await publishingPhase(base, server.child ? server : null, token, connections, 2 * seconds)
    if (options['skip-lock']) console.log('\n» 3. skipped (--skip-lock)')
    else if (!server.dataDir) console.log("\n» 3. skipped: the lock needs the server's data folder (--data-dir)")
    else {
      await waitUntilIdle(base, 90_000)
      await lockPhase(base, server.child ? server : null, server.dataDir, token, connections, lockMs)
    }
  } finally {
    clearTimeout(watchdog)
    await cleanUp()
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message)
    process.exit(1)
  },
)
