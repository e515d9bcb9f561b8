/**
 * Builds the reader site from a content snapshot (default content/snapshot) into site/dist,
 * then indexes the current edition's chapters for search. Progress goes to the terminal.
 *
 *   npm run build [-- --snapshot <dir>] [--out <dir>]
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { writeReleaseFiles } from './release/releaseFiles'

const root = path.resolve(import.meta.dirname, '..')

const run = (label: string, command: string, args: string[], env: NodeJS.ProcessEnv, quiet: boolean, cwd: string) =>
  new Promise<void>((resolve, reject) => {
    const started = Date.now()
    if (!quiet) console.log(`» ${label}`)
    const child = spawn(command, args, { cwd, env, stdio: quiet ? 'pipe' : 'inherit' })
    let output = ''
    child.stdout?.on('data', (d) => (output += d))
    child.stderr?.on('data', (d) => (output += d))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (code === 0) {
        if (!quiet) console.log(`✓ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
        return resolve()
      }
      const tail = output.trim().split('\n').slice(-20).join('\n')
      reject(new Error(`${label} failed (exit ${code ?? signal})${tail ? `:\n${tail}` : ''}`))
    })
  })

/** Builds the site; rejects naming the step that failed. Resolves to the output folder. */
export const buildSite = async (opts: { snapshot?: string; out?: string; quiet?: boolean } = {}): Promise<string> => {
  const snapshot = path.resolve(opts.snapshot ?? process.env.SNAPSHOT_DIR ?? path.join(root, 'content', 'snapshot'))
  const out = path.resolve(opts.out ?? process.env.SITE_OUT_DIR ?? path.join(root, 'site', 'dist'))
  if (!fs.existsSync(path.join(snapshot, 'snapshot.json'))) {
    const what = fs.existsSync(snapshot) ? `${snapshot} has no snapshot.json` : `the snapshot folder ${snapshot} does not exist`
    throw new Error(`Cannot build the site: ${what}. Run \`npm run export\` first, or build from another snapshot with SNAPSHOT_DIR=<dir> (e.g. SNAPSHOT_DIR=tests/fixtures/snapshot npm run build).`)
  }
  const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
  const cache = path.join(root, 'node_modules', '.astro', `snapshot-${createHash('sha1').update(snapshot).digest('hex').slice(0, 12)}`)
  const env = { ...process.env, SNAPSHOT_DIR: snapshot, SITE_OUT_DIR: out, ASTRO_CACHE_DIR: cache, ASTRO_TELEMETRY_DISABLED: '1' }
  const quiet = opts.quiet ?? false
  // Astro writes its prerender bundle beneath the working directory when the output folder lies
  // outside it: a folder of its own per build keeps concurrent builds (tests, the live site) apart.
  fs.mkdirSync(path.join(root, 'site', 'node_modules'), { recursive: true })
  const cwd = fs.mkdtempSync(path.join(root, 'site', 'node_modules', '.build-'))
  try {
    await run(`Building the site from ${path.relative(root, snapshot) || snapshot}`, bin('astro'), ['build', '--root', path.join(root, 'site')], env, quiet, cwd)
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true })
  }
  // Only chapter pages (/<edition>/<chapter>/) can be searchable: Pagefind need not read the rest.
  await run('Indexing the current edition for search', bin('pagefind'), ['--site', out, '--glob', '*/*/index.html', '--silent'], env, quiet, root)
  if (!quiet) console.log('» Writing release manifests, archives and the JSON API')
  await writeReleaseFiles(snapshot, out)
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { snapshot: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  })
  if (values.help) {
    console.log('Usage: npm run build [-- --snapshot <dir>] [--out <dir>]\nBuilds the site from <snapshot> (default content/snapshot) into <out> (default site/dist).')
    process.exit(0)
  }
  buildSite({ snapshot: values.snapshot, out: values.out }).then(
    (out) => console.log(`Site built in ${path.relative(process.cwd(), out) || out}.`),
    (error: Error) => {
      console.error(error.message)
      process.exit(1)
    },
  )
}
