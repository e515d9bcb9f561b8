/**
 * Imports published report pages (text as scraped from helsedirektoratet.no and regjeringen.no)
 * into content/. See --help.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { ImportError } from '@rapport/importer/errors'
import { importReport, writeContent } from '@rapport/importer/importReport'

const root = path.resolve(import.meta.dirname, '..')
const HELP = `Usage: npm run import -- [options]

Reads the pages listed in a sources file and writes the report as data into content/:
editions, chapters (Lexical bodies with footnotes and measure links), goal areas with their
effect goals, measures and news. Running it again on the same pages gives the same bytes.
On any error nothing is written; the error names the file, the line and what was expected.

Options:
  --sources <file>  the sources file (default content/sources.json)
  --seeds <dir>     where the page files are (default ../shared/seeds)
  --out <dir>       the content folder to write (default content/)
  --check           import in memory only and report, write nothing
  -h, --help        this text`

const { values } = parseArgs({
  options: {
    sources: { type: 'string' },
    seeds: { type: 'string' },
    out: { type: 'string' },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

if (values.help) {
  console.log(HELP)
  process.exit(0)
}

const sources = path.resolve(values.sources ?? path.join(root, 'content', 'sources.json'))
const seeds = path.resolve(values.seeds ?? path.join(root, '..', 'shared', 'seeds'))
const out = path.resolve(values.out ?? path.join(root, 'content'))

try {
  if (!fs.existsSync(seeds))
    throw new ImportError(seeds, 1, 'expected a folder with the page files (use --seeds <dir>)')
  const files = importReport(sources, seeds)
  if (!values.check) writeContent(out, files)
  const count = (prefix: string) => [...files.keys()].filter((f) => f.startsWith(prefix)).length
  console.log(
    `${values.check ? 'Checked' : 'Imported'} ${count('editions/')} editions, ${count('chapters/')} chapters, ${count('goal-areas/')} goal areas, ${count('measures/')} measures, ${count('news/')} news items${values.check ? '' : ` into ${path.relative(process.cwd(), out) || '.'}`}.`,
  )
} catch (error) {
  console.error(error instanceof ImportError ? `Import failed, nothing was written: ${error.message}` : error)
  process.exit(1)
}
