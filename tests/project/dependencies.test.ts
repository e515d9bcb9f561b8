import fs from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { olderThanNeeded } from '../../scripts/installNote'

const ROOT = path.resolve(import.meta.dirname, '../..')

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(full)
    return /\.(ts|tsx|astro|mjs|js)$/.test(e.name) ? [full] : []
  })

/** The packages a file imports by name: `zod`, `@payloadcms/ui`, never relative paths or Node's own modules. */
const importedPackages = (file: string): string[] => {
  const text = fs.readFileSync(file, 'utf8')
  const names = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2] ?? m[3])
  return names
    .filter((name) => !name.startsWith('.') && !name.startsWith('node:') && !builtinModules.includes(name))
    .filter((name) => !name.startsWith('astro:') && !name.startsWith('@payload-config') && !name.startsWith('virtual:'))
    .map((name) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]))
}

const declared = (workspace: string): Set<string> => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, workspace, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>
  return new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})])
}

describe('each workspace declares what it imports', () => {
  it.each([
    ['cms', 'cms/src'],
    ['site', 'site/src'],
  ])('%s declares every package imported under %s', (workspace, dir) => {
    const have = declared(workspace)
    const missing = new Set<string>()
    for (const file of sourceFiles(path.join(ROOT, dir))) for (const name of importedPackages(file)) if (name !== `@rapport/${workspace}` && !have.has(name)) missing.add(`${name} (${path.relative(ROOT, file)})`)
    expect([...missing]).toEqual([])
  })
})

describe('the note after an install on an older Node', () => {
  it.each([
    ['20.20.2', true],
    ['22.11.0', true],
    ['22.12.0', false],
    ['24.21.0', false],
  ])('npm on Node %s: explains the engine warnings → %s', (version, explains) => {
    expect(olderThanNeeded(version)).toBe(explains)
  })
})
