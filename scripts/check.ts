/**
 * The cross-reference checker over content/: measure numbers and titles, chapter numbers,
 * footnotes and links. Exit code 1 when it finds errors.
 *
 *   npm run check:content [-- --content <dir>] [--json]
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { checkContent, type CheckedChapter } from '@rapport/cms/crossref/checker'
import { readContent } from '@rapport/cms/seed/seedContent'

const { values } = parseArgs({
  options: {
    content: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})
if (values.help) {
  console.log(
    'Usage: npm run check:content -- [--content <dir>] [--json]\nChecks the cross-references of the report in <dir> (default content/). Exit code 1 on errors.',
  )
  process.exit(0)
}

const dir = path.resolve(values.content ?? path.join(import.meta.dirname, '..', 'content'))
if (!fs.existsSync(path.join(dir, 'chapters'))) {
  console.error(`${dir}: no chapters/ folder here; run npm run import first, or pass --content <dir>`)
  process.exit(2)
}
const content = readContent(dir)
const chapters: CheckedChapter[] = content.chapters.map((c) => ({
  edition: c.edition,
  slug: c.slug,
  kind: c.kind,
  number: c.number ?? null,
  title: c.title,
  body: c.body,
  footnotes: c.footnotes ?? [],
}))
const findings = checkContent(chapters, {
  measures: content.measures.map((m) => ({ number: m.number, title: m.title ?? '' })),
})

if (values.json) {
  console.log(
    JSON.stringify({ checked: { chapters: chapters.length, measures: content.measures.length }, findings }, null, 2),
  )
} else {
  console.log(
    `Checked ${chapters.length} chapters against ${content.measures.length} measures in ${path.relative(process.cwd(), dir) || '.'}.`,
  )
  for (const f of findings)
    console.log(`${f.severity.toUpperCase().padEnd(7)} ${f.code.padEnd(26)} ${f.where}\n        ${f.message}`)
  const errors = findings.filter((f) => f.severity === 'error').length
  console.log(findings.length === 0 ? 'No problems found.' : `${errors} errors, ${findings.length - errors} warnings.`)
}
process.exit(findings.some((f) => f.severity === 'error') ? 1 : 0)
