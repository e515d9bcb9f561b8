/**
 * Loads the imported report in content/ into the CMS as published content. Safe to run again:
 * what exists already is left alone, nothing is duplicated.
 *
 *   npm run seed [-- --content <dir>]
 *
 * Uses the same database as the server (DATABASE_URL, or the embedded one in data/).
 */
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { content: { type: 'string' }, help: { type: 'boolean', short: 'h' } } })

if (values.help) {
  console.log(
    'Usage: npm run seed [-- --content <dir>]\nLoads the report in <dir> (default content/) into the CMS; existing documents are kept.',
  )
  process.exit(0)
}

const contentDir = path.resolve(values.content ?? path.join(import.meta.dirname, '..', 'content'))

const main = async () => {
  const { getPayload } = await import('payload')
  const { default: config } = await import('@rapport/cms/payload.config')
  const { readContent, seedContent } = await import('@rapport/cms/seed/seedContent')
  const payload = await getPayload({ config })
  try {
    const report = await seedContent(payload, readContent(contentDir))
    for (const [kind, { created, existing }] of Object.entries(report)) {
      console.log(
        `${kind.padEnd(10)} ${String(created).padStart(3)} created, ${String(existing).padStart(3)} already there`,
      )
    }
  } finally {
    await payload.destroy()
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Seeding failed, nothing was changed: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
