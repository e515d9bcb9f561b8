import fs from 'node:fs'
import path from 'node:path'

/** The repository's root folder. */
export const ROOT = path.resolve(import.meta.dirname, '../..')

const SKIPPED = new Set(['node_modules', 'dist', '.next', '.astro'])

/** The source files (TypeScript, Astro, JavaScript) under a folder, build output left out. */
export const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return SKIPPED.has(e.name) ? [] : sourceFiles(full)
    return /\.(ts|tsx|astro|mjs|js)$/.test(e.name) ? [full] : []
  })

/** What a source file imports, as written: `zod`, `./plan`, `@rapport/site/builder/build`. */
export const importSpecifiers = (file: string): string[] => {
  const text = fs.readFileSync(file, 'utf8')
  return [
    ...text.matchAll(
      /(?:^|\n)\s*(?:import|export)[^'"\n]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3])
}
