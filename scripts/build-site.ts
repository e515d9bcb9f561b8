/**
 * Builds the reader site from a content snapshot (default content/snapshot) into site/dist; see
 * site/builder/build.ts.
 *
 *   npm run build [-- --snapshot <dir>] [--out <dir>] [--previous <dir>] [--workers 2]
 */
import path from 'node:path'
import { parseArgs } from 'node:util'

import { buildSite } from '@rapport/site/builder/build'

const { values } = parseArgs({
  options: {
    snapshot: { type: 'string' },
    out: { type: 'string' },
    previous: { type: 'string' },
    workers: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
})
if (values.help) {
  console.log(
    'Usage: npm run build [-- --snapshot <dir>] [--out <dir>] [--previous <dir>] [--workers 2]\nBuilds the site from <snapshot> (default content/snapshot) into <out> (default site/dist).\nWith --previous, pages whose inputs are unchanged are taken from that earlier build.\nWith --workers 2, a full build renders in two processes at once (faster on two cores, twice the memory).',
  )
  process.exit(0)
}
buildSite({
  snapshot: values.snapshot,
  out: values.out,
  previous: values.previous,
  workers: values.workers ? Number(values.workers) : undefined,
}).then(
  (r) => console.log(`Site built in ${path.relative(process.cwd(), r.out) || r.out}.`),
  (error: Error) => {
    console.error(error.message)
    process.exit(1)
  },
)
