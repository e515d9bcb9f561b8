/**
 * The folders show the architecture, and the data flows one way:
 * importer → content/ → CMS → snapshot → site builder → pages.
 * Each rule below names what may import what; a change that runs against the flow fails here.
 */
import fs from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { importSpecifiers, ROOT, sourceFiles } from '../support/sources'

/** The workspaces, by the folder they live in. */
const WORKSPACE_OF: Array<[folder: string, name: string]> = [
  ['packages/files/', '@rapport/files'],
  ['packages/contracts/', '@rapport/contracts'],
  ['packages/importer/', '@rapport/importer'],
  ['site/', '@rapport/site'],
  ['cms/', '@rapport/cms'],
  ['scripts/', 'scripts'],
]

const workspaceOf = (rel: string): string | null => WORKSPACE_OF.find(([folder]) => rel.startsWith(folder))?.[1] ?? null

/**
 * What a file reaches, as workspace names: another workspace imported by name, or a relative
 * path that lands in one (which is itself a fault: workspaces are imported by name).
 */
type Reach = { workspace: string; relative: boolean; spec: string }

const reaches = (file: string): Reach[] =>
  importSpecifiers(file).flatMap((spec): Reach[] => {
    if (spec.startsWith('.')) {
      const target = path.relative(ROOT, path.resolve(path.dirname(file), spec))
      const workspace = workspaceOf(target) ?? (target.startsWith('tests/') ? 'tests' : null)
      return workspace ? [{ workspace, relative: true, spec }] : []
    }
    const named = WORKSPACE_OF.find(([, name]) => spec === name || spec.startsWith(`${name}/`))
    return named ? [{ workspace: named[1], relative: false, spec }] : []
  })

/** Which workspaces each may import: the flow, and nothing against it. */
const ALLOWED: Record<string, string[]> = {
  '@rapport/files': [],
  '@rapport/contracts': [],
  '@rapport/importer': ['@rapport/contracts', '@rapport/files'],
  '@rapport/site': ['@rapport/contracts', '@rapport/files'],
  '@rapport/cms': ['@rapport/contracts', '@rapport/files', '@rapport/site'],
  scripts: ['@rapport/contracts', '@rapport/files', '@rapport/importer', '@rapport/site', '@rapport/cms', 'tests'],
}

const filesOf = (folder: string) => sourceFiles(path.join(ROOT, folder)).map((f) => path.relative(ROOT, f))

/** Every import in these files that breaks a rule, as «file → import». */
const faults = (files: string[], rule: (from: string, to: Reach) => boolean): string[] =>
  files.flatMap((rel) =>
    reaches(path.join(ROOT, rel))
      .filter((to) => rule(rel, to))
      .map((to) => `${rel} → ${to.spec}`),
  )

describe('the folders and the one-way flow', () => {
  const everyWorkspaceFile = WORKSPACE_OF.flatMap(([folder]) => filesOf(folder))

  it.each(Object.entries(ALLOWED))('%s imports only what comes before it in the flow', (workspace, allowed) => {
    const own = everyWorkspaceFile.filter((rel) => workspaceOf(rel) === workspace)
    expect(own.length).toBeGreaterThan(0)
    expect(faults(own, (_from, to) => to.workspace !== workspace && !allowed.includes(to.workspace))).toEqual([])
  })

  it('imports another workspace by its name, never by a relative path', () => {
    expect(
      faults(
        everyWorkspaceFile,
        (from, to) => to.relative && to.workspace !== workspaceOf(from) && to.workspace !== 'tests',
      ),
    ).toEqual([])
  })

  it('never lets the site import the CMS', () => {
    expect(faults(filesOf('site'), (_from, to) => to.workspace === '@rapport/cms')).toEqual([])
  })

  it('keeps hooks to stamping metadata: no hook imports the builder, the publishing or the file system', () => {
    const hooks = filesOf('cms/src').filter((rel) => /\/hooks\//.test(rel))
    expect(hooks.length).toBeGreaterThan(5)
    const renders = (rel: string) =>
      importSpecifiers(path.join(ROOT, rel)).filter(
        (spec) =>
          spec.startsWith('@rapport/site/builder') ||
          /(^|\/)publishing\/(liveSite|siteBuilder|preview)$/.test(spec) ||
          spec === 'node:fs' ||
          spec === 'fs',
      )
    expect(hooks.flatMap((rel) => renders(rel).map((spec) => `${rel} → ${spec}`))).toEqual([])
  })

  it('keeps scripts/ to command lines: its top-level files export nothing', () => {
    // installNote.ts runs before the dependencies are installed (postinstall), so its one rule
    // stays in it, exported for its test.
    const entries = fs
      .readdirSync(path.join(ROOT, 'scripts'))
      .filter((f) => f.endsWith('.ts') && f !== 'installNote.ts')
    expect(entries.length).toBeGreaterThan(5)
    const exporting = entries.filter((f) => /^export /m.test(fs.readFileSync(path.join(ROOT, 'scripts', f), 'utf8')))
    expect(exporting).toEqual([])
  })
})
