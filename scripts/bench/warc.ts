/**
 * What the releases' web archives cost, on a built site: per release, finding the files its
 * pages load and writing its WARC (pages, manifest, assets), alone and one after another; then
 * the whole release step (manifests, tar archives, WARCs, JSON API) into a copy of the site with
 * nothing to take from a previous build, and once more taking the unchanged releases' files from
 * that copy, as a publish does.
 *
 *   npx tsx scripts/bench/warc.ts <built site folder> <its snapshot folder>
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { assetsOf, releaseWarc, siteAddress } from '@rapport/site/builder/release/warc'
import { writeReleaseFiles, type Manifest } from '@rapport/site/builder/release/releaseFiles'
import { listFiles } from '@rapport/files'
import { readSnapshot } from '@rapport/contracts/readSnapshot'

const [site, snapshot] = process.argv.slice(2)
if (!site || !snapshot) {
  console.log('Usage: npx tsx scripts/bench/warc.ts <built site folder> <its snapshot folder>')
  process.exit(2)
}

const mb = (bytes: number) => (bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`)

const main = async () => {
  const ids = fs
    .readdirSync(path.join(site, 'arkiv'))
    .filter((d) => fs.existsSync(path.join(site, 'arkiv', d, 'manifest.json')))
    .sort()
  console.log(`| release | pages | assets | pages' bytes | WARC | assets found | WARC written |`)
  console.log(`| --- | --- | --- | --- | --- | --- | --- |`)
  let total = 0
  for (const id of ids) {
    const manifest = JSON.parse(fs.readFileSync(path.join(site, 'arkiv', id, 'manifest.json'), 'utf8')) as Manifest
    const pages = manifest.files.map((f) => f.path)
    let t = performance.now()
    const assets = assetsOf(site, pages)
    const findMs = performance.now() - t
    t = performance.now()
    const bytes = await releaseWarc({
      release: id,
      publishedAt: manifest.publishedAt,
      report: manifest.report,
      site: siteAddress(),
      root: site,
      files: [...pages, `arkiv/${id}/manifest.json`, ...assets],
    })
    const writeMs = performance.now() - t
    total += findMs + writeMs
    const pageBytes = pages.reduce((n, p) => n + fs.statSync(path.join(site, p)).size, 0)
    console.log(
      `| ${id} | ${pages.length} | ${assets.length} | ${mb(pageBytes)} | ${mb(bytes.length)} | ${findMs.toFixed(0)} ms | ${writeMs.toFixed(0)} ms (${(writeMs / pages.length).toFixed(2)} ms/page) |`,
    )
  }
  console.log(`\nAll ${ids.length} web archives, one after another: ${(total / 1000).toFixed(1)} s`)

  // The release step as a build runs it, into copies of the site (its files linked, not copied).
  const data = readSnapshot(snapshot)
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-warc-'))
  const copy = (name: string) => {
    const dir = path.join(work, name)
    for (const f of listFiles(site).filter(
      (f) => !f.startsWith('arkiv/') && !f.startsWith('api/') && !f.startsWith('pagefind/'),
    )) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true })
      fs.linkSync(path.join(site, f), path.join(dir, f))
    }
    for (const f of listFiles(path.join(site, 'arkiv')).filter((f) => /\/index\.html(\.br|\.gz)?$/.test(f))) {
      fs.mkdirSync(path.dirname(path.join(dir, 'arkiv', f)), { recursive: true })
      fs.linkSync(path.join(site, 'arkiv', f), path.join(dir, 'arkiv', f))
    }
    return dir
  }
  try {
    const first = copy('first')
    let t = performance.now()
    await writeReleaseFiles(data, first, null)
    console.log(`Release step, every release written (a full build): ${((performance.now() - t) / 1000).toFixed(1)} s`)
    const second = copy('second')
    t = performance.now()
    await writeReleaseFiles(data, second, first)
    console.log(
      `Release step, every release taken from the build before (a publish, less its new release): ${((performance.now() - t) / 1000).toFixed(2)} s`,
    )
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
