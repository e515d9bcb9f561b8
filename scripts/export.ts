/**
 * Writes the CMS's published content to a snapshot folder (default content/snapshot) for the
 * site to build from. Deterministic: the same content gives byte-identical files.
 *
 *   npm run export [-- --out <dir>]
 *
 * Uses the same database as the server (DATABASE_URL, or the embedded one in data/).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    'from-content': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
})

if (values.help) {
  console.log(`Usage: npm run export [-- --out <dir>] [--from-content]
Writes the published content to <dir> (default content/snapshot).
  --from-content  export the shipped report: load content/ into a fresh, temporary embedded
                  database first (how content/snapshot is made), instead of using the CMS's database`)
  process.exit(0)
}

if (values['from-content']) {
  // A throwaway database of its own, seeded from content/ before the export.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-export-'))
  process.env.DATABASE_URL = `file:${path.join(tmp, 'export.db')}`
  process.env.DATA_DIR = tmp
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }))
}

const root = path.resolve(import.meta.dirname, '..')
const out = path.resolve(values.out ?? path.join(root, 'content', 'snapshot'))

const main = async () => {
  const { getPayload } = await import('payload')
  const { default: config } = await import('@rapport/cms/payload.config')
  const { buildSnapshot } = await import('@rapport/cms/export/snapshot')
  const { snapshotFiles, writeSnapshot } = await import('@rapport/cms/export/write')
  const { problemText } = await import('@rapport/cms/export/problems')
  const payload = await getPayload({ config })
  try {
    if (values['from-content']) {
      const { readContent, seedContent } = await import('@rapport/cms/seed/seedContent')
      await seedContent(payload, readContent(path.join(root, 'content')))
    }
    const started = Date.now()
    const { snapshot, chapters, problems } = await buildSnapshot(payload)
    // A document the export cannot take is named, and the rest is exported all the same.
    for (const problem of problems) console.error(`Advarsel: ${problemText(problem)}`)
    const files = snapshotFiles(snapshot, chapters)
    writeSnapshot(out, files)
    const revisions = chapters.reduce((n, c) => n + c.revisions.length, 0)
    console.log(
      `Exported ${snapshot.editions.length} editions, ${chapters.length} chapters (${revisions} revisions), ${snapshot.measures.length} measures, ${snapshot.goalAreas.length} goal areas, ${snapshot.news.length} news items to ${path.relative(process.cwd(), out) || out} in ${Date.now() - started} ms.`,
    )
  } finally {
    await payload.destroy()
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Export failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
