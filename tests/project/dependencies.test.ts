import fs from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { olderThanNeeded } from '../../scripts/installNote'
import { importSpecifiers, ROOT, sourceFiles } from '../support/sources'

/** The packages a file imports by name: `zod`, `@payloadcms/ui`, never relative paths or Node's own modules. */
const importedPackages = (file: string): string[] =>
  importSpecifiers(file)
    .filter((name) => !name.startsWith('.') && !name.startsWith('node:') && !builtinModules.includes(name))
    .filter((name) => !name.startsWith('astro:') && !name.startsWith('@payload-config') && !name.startsWith('virtual:'))
    .map((name) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]))

const declared = (workspace: string): Set<string> => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, workspace, 'package.json'), 'utf8')) as Record<
    string,
    Record<string, string> | undefined
  >
  return new Set([
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.devDependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ])
}

const WORKSPACES = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] })
  .workspaces

describe('each workspace declares what it imports', () => {
  it('lists every workspace', () => {
    expect(WORKSPACES).toEqual(['packages/files', 'packages/contracts', 'packages/importer', 'site', 'cms'])
  })

  it.each(WORKSPACES)('%s declares every package its sources import', (workspace) => {
    const have = declared(workspace)
    const own = (JSON.parse(fs.readFileSync(path.join(ROOT, workspace, 'package.json'), 'utf8')) as { name: string })
      .name
    const missing = new Set<string>()
    const sources = ['src', 'builder'].map((d) => path.join(ROOT, workspace, d)).filter((d) => fs.existsSync(d))
    for (const file of sources.flatMap(sourceFiles))
      for (const name of importedPackages(file))
        if (name !== own && !have.has(name)) missing.add(`${name} (${path.relative(ROOT, file)})`)
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
