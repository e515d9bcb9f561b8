/**
 * Reads a V8 CPU profile (`node --cpu-prof`, a .cpuprofile file) and says where the time went:
 * the functions with the most self time, the most inclusive time (the function or anything it
 * called), and self time per package. A window (microseconds on the profile's own clock, which
 * on Linux is the monotonic clock of `process.hrtime`) keeps only the samples taken within it.
 *
 *   npx tsx scripts/bench/cpuProfile.ts <file.cpuprofile> [--top 15]
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number }
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] }
export type CpuProfile = {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

export type Row = { name: string; ms: number; share: number }
export type ProfileSummary = {
  sampledMs: number
  busyMs: number
  samples: number
  self: Row[]
  inclusive: Row[]
  packages: Row[]
}

/** Where a script lives, in short: `payload/dist/…/x.js`, `node:internal/…`, or the path under the project. */
const shortUrl = (url: string) => {
  if (!url) return ''
  const file = url.replace(/^file:\/\//, '')
  const inModules = file.lastIndexOf('node_modules/')
  if (inModules >= 0) return file.slice(inModules + 'node_modules/'.length)
  const inProject = file.indexOf('/cms/src/')
  return inProject >= 0 ? file.slice(inProject + 1) : file
}

/** The package a script belongs to (`payload`, `@payloadcms/next`, `node:internal`), or the project's folder. */
export const packageOf = (url: string) => {
  if (!url) return '(native or V8)'
  if (url.startsWith('node:')) return 'node (built-in)'
  const file = url.replace(/^file:\/\//, '')
  const inModules = file.lastIndexOf('node_modules/')
  if (inModules >= 0) {
    const parts = file.slice(inModules + 'node_modules/'.length).split('/')
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]
  }
  if (file.includes('/cms/src/')) return 'the project (cms/src)'
  return path.basename(file)
}

const frameName = (frame: CallFrame) => {
  const where = shortUrl(frame.url)
  return `${frame.functionName || '(anonymous)'}${where ? ` ${where}:${frame.lineNumber + 1}` : ''}`
}

/** The top rows of a tally, largest first, in milliseconds and as a share of `totalMs`. */
const topRows = (tally: Map<string, number>, totalMs: number, top: number): Row[] =>
  [...tally]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => ({ name, ms, share: totalMs ? ms / totalMs : 0 }))

/**
 * Sums a profile's samples per function (self: the sample's own frame; inclusive: every distinct
 * function on its stack) and per package, within `window` when given (µs on the profile's clock).
 * The idle and garbage-collector pseudo-frames count for self time only.
 */
export const summarizeProfile = (
  profile: CpuProfile,
  opts: { top?: number; window?: [number, number] } = {},
): ProfileSummary => {
  const top = opts.top ?? 10
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id)
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  const packages = new Map<string, number>()
  let sampledMs = 0
  let busyMs = 0
  let samples = 0
  let at = profile.startTime
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0
    const deltaMs = (profile.timeDeltas[i + 1] ?? 0) / 1000
    if (opts.window && (at < opts.window[0] || at > opts.window[1])) continue
    const node = byId.get(profile.samples[i])
    if (!node) continue
    samples++
    sampledMs += deltaMs
    const name = frameName(node.callFrame)
    self.set(name, (self.get(name) ?? 0) + deltaMs)
    const pkg = packageOf(node.callFrame.url)
    packages.set(pkg, (packages.get(pkg) ?? 0) + deltaMs)
    if (node.callFrame.functionName === '(idle)') continue
    busyMs += deltaMs
    if (node.callFrame.functionName === '(garbage collector)') continue
    const seen = new Set<string>()
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame
      if (frame.functionName === '(root)') break
      const key = frameName(frame)
      if (seen.has(key)) continue
      seen.add(key)
      inclusive.set(key, (inclusive.get(key) ?? 0) + deltaMs)
    }
  }
  return {
    sampledMs,
    busyMs,
    samples,
    self: topRows(self, sampledMs, top),
    inclusive: topRows(inclusive, sampledMs, top),
    packages: topRows(packages, sampledMs, top),
  }
}

/** Reads the profile files of a folder and gives the busiest one within `window` (the server, not the tsx launcher before it), summarized. */
export const busiestProfile = (dir: string, opts: { top?: number; window?: [number, number] } = {}) => {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))
  const summaries = files.map((file) => ({
    file: path.join(dir, file),
    summary: summarizeProfile(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile, opts),
  }))
  return summaries.sort((a, b) => b.summary.busyMs - a.summary.busyMs)[0]
}

const table = (title: string, rows: Row[]) =>
  [
    `| ${title} | ms | share |`,
    '| --- | --- | --- |',
    ...rows.map(
      (r) => `| \`${r.name.replaceAll('|', '\\|')}\` | ${r.ms.toFixed(0)} | ${(r.share * 100).toFixed(1)} % |`,
    ),
  ].join('\n')

/** The summary as three Markdown tables. */
export const formatSummary = (summary: ProfileSummary) =>
  [
    `${summary.samples} samples over ${(summary.sampledMs / 1000).toFixed(1)} s of the server's main thread, busy ${(summary.busyMs / 1000).toFixed(1)} s (${summary.sampledMs ? ((summary.busyMs / summary.sampledMs) * 100).toFixed(0) : 0} %)`,
    '',
    table('self time (function)', summary.self),
    '',
    table('inclusive time (function and what it called)', summary.inclusive),
    '',
    table('self time per package', summary.packages),
  ].join('\n')

if (import.meta.filename === process.argv[1]) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '15' } },
  })
  if (positionals.length !== 1) {
    console.error('usage: npx tsx scripts/bench/cpuProfile.ts <file.cpuprofile> [--top 15]')
    process.exit(2)
  }
  const profile = JSON.parse(fs.readFileSync(positionals[0], 'utf8')) as CpuProfile
  console.log(formatSummary(summarizeProfile(profile, { top: Number(values.top) })))
}
