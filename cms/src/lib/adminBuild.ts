import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { listFiles } from '@rapport/files'

import { CMS_DIR, ROOT_DIR } from './paths'

const HASH_FILE = path.join(CMS_DIR, '.next', 'source-hash')

/** A hash of everything the admin build depends on: sources, config and locked versions. */
export const adminSourceHash = (): string => {
  const hash = createHash('sha256')
  const files = [
    ...listFiles(path.join(CMS_DIR, 'src')).map((f) => path.join(CMS_DIR, 'src', f)),
    path.join(CMS_DIR, 'next.config.mjs'),
    path.join(CMS_DIR, 'package.json'),
    path.join(ROOT_DIR, 'package-lock.json'),
  ].filter((file) => fs.existsSync(file) && !file.endsWith('importMap.js'))
  for (const file of files.sort()) {
    hash.update(path.relative(ROOT_DIR, file))
    hash.update(fs.readFileSync(file))
  }
  return hash.digest('hex')
}

/** Whether .next holds a production build of the current sources. */
export const adminBuildIsCurrent = (): boolean =>
  fs.existsSync(path.join(CMS_DIR, '.next', 'BUILD_ID')) &&
  fs.existsSync(HASH_FILE) &&
  fs.readFileSync(HASH_FILE, 'utf8').trim() === adminSourceHash()

const run = (command: string, args: string[], env: Record<string, string | undefined>) => {
  const result = spawnSync(command, args, { cwd: CMS_DIR, stdio: 'inherit', env: env as NodeJS.ProcessEnv })
  if (result.status !== 0) {
    throw new Error(
      `${path.basename(command)} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`,
    )
  }
}

/**
 * Builds the admin UI (import map, then `next build`) unless the build on disk is of the
 * current sources. Takes a minute or two the first time.
 */
export const ensureAdminBuild = (log: (line: string) => void = console.log): 'built' | 'current' => {
  if (adminBuildIsCurrent()) return 'current'
  const bin = (name: string) => path.join(ROOT_DIR, 'node_modules', '.bin', name)
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PAYLOAD_CONFIG_PATH: 'src/payload.config.ts',
    // Code generation loads the config but signs nothing: a throwaway secret will do.
    PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || randomBytes(32).toString('hex'),
  }
  log('Building the admin UI (first start or changed sources; about 1–2 minutes)…')
  const started = Date.now()
  run(bin('payload'), ['generate:importmap'], env)
  run(bin('next'), ['build'], env)
  fs.writeFileSync(HASH_FILE, `${adminSourceHash()}\n`)
  log(`Admin UI built in ${((Date.now() - started) / 1000).toFixed(0)} s.`)
  return 'built'
}
