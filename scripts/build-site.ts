/**
 * Builds the reader site from a content snapshot (default content/snapshot) into site/dist,
 * then indexes the current edition's chapters for search. Progress goes to the terminal.
 *
 *   npm run build [-- --snapshot <dir>] [--out <dir>]
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

const root = path.resolve(import.meta.dirname, '..')
const { values } = parseArgs({
  options: { snapshot: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
})
if (values.help) {
  console.log('Usage: npm run build [-- --snapshot <dir>] [--out <dir>]\nBuilds the site from <snapshot> (default content/snapshot) into <out> (default site/dist).')
  process.exit(0)
}

/** Builds the site; throws with the step that failed. Returns the output folder. */
export const buildSite = (opts: { snapshot?: string; out?: string; quiet?: boolean } = {}): string => {
  const snapshot = path.resolve(opts.snapshot ?? process.env.SNAPSHOT_DIR ?? path.join(root, 'content', 'snapshot'))
  const out = path.resolve(opts.out ?? process.env.SITE_OUT_DIR ?? path.join(root, 'site', 'dist'))
  if (!fs.existsSync(path.join(snapshot, 'snapshot.json'))) {
    throw new Error(`No content snapshot at ${snapshot}: run \`npm run export\` first (or pass --snapshot <dir>).`)
  }
  const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
  const stdio = opts.quiet ? 'pipe' : 'inherit'
  const env = { ...process.env, SNAPSHOT_DIR: snapshot, SITE_OUT_DIR: out, ASTRO_TELEMETRY_DISABLED: '1' }
  const step = (label: string, command: string, args: string[]) => {
    const started = Date.now()
    if (!opts.quiet) console.log(`» ${label}`)
    const result = spawnSync(command, args, { cwd: path.join(root, 'site'), env, stdio, encoding: 'utf8' })
    if (result.status !== 0) {
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n')
      throw new Error(`${label} failed (exit ${result.status ?? result.signal})${output ? `:\n${output}` : ''}`)
    }
    if (!opts.quiet) console.log(`✓ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  }
  step(`Building the site from ${path.relative(root, snapshot)}`, bin('astro'), ['build'])
  step('Indexing the current edition for search', bin('pagefind'), ['--site', out, '--silent'])
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const out = buildSite({ snapshot: values.snapshot, out: values.out })
    console.log(`Site built in ${path.relative(process.cwd(), out) || out}.`)
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}
