/**
 * Checks a downloaded release archive or web archive, or a built site, against its
 * manifest(s), and names every file that differs or is missing. A web archive (WARC) is read
 * back record by record: each payload against its WARC-Payload-Digest, each page the manifest
 * lists against its SHA-256; a site's web archives against the site's own manifests. Exit code
 * 1 when anything differs.
 *
 *   npm run verify -- <release.tar.gz | release.warc.gz | site-folder>
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import * as tar from 'tar'

import {
  verifyAgainstManifest,
  verifyWarc,
  type Manifest,
  type WarcVerifyResult,
} from '@rapport/site/builder/release/releaseFiles'

const target = process.argv[2]
if (!target || target === '--help' || target === '-h') {
  console.log(
    'Usage: npm run verify -- <release.tar.gz | release.warc.gz | built site folder>\nChecks every file against the SHA-256 in its release manifest, and each WARC record against its WARC-Payload-Digest.',
  )
  process.exit(target ? 0 : 2)
}

const readManifest = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest

/** One line per web archive, then its problems. */
const reportWarc = (name: string, result: WarcVerifyResult) => {
  const { records, checked, problems } = result
  console.log(
    `${name}: ${records} poster lest, ${checked} ${checked === 1 ? 'side' : 'sider'} fra manifestet, ${problems.length === 0 ? 'alt stemmer' : `${problems.length} avvik`}`,
  )
  for (const p of problems) console.log(`  ${p}`)
  return problems.length > 0
}

const main = async () => {
  if (/\.warc(\.gz)?$/.test(target) && fs.statSync(target).isFile())
    process.exit(reportWarc(path.basename(target), await verifyWarc(target)) ? 1 : 0)
  const checks: Array<{ name: string; root: string; manifest: Manifest; site: boolean }> = []
  if (fs.statSync(target).isDirectory()) {
    const arkiv = path.join(target, 'arkiv')
    const ids = fs.existsSync(arkiv)
      ? fs.readdirSync(arkiv).filter((d) => fs.existsSync(path.join(arkiv, d, 'manifest.json')))
      : []
    if (ids.length === 0) throw new Error(`${target}: no release manifests under arkiv/`)
    for (const id of ids.sort())
      checks.push({ name: id, root: target, manifest: readManifest(path.join(arkiv, id, 'manifest.json')), site: true })
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-'))
    await tar.extract({ file: target, cwd: dir })
    const [id] = fs.readdirSync(dir)
    const manifest = id ? path.join(dir, id, 'arkiv', id, 'manifest.json') : ''
    if (!id || !fs.existsSync(manifest))
      throw new Error(`${target}: no <release>/arkiv/<release>/manifest.json in the archive`)
    checks.push({ name: id, root: path.join(dir, id), manifest: readManifest(manifest), site: false })
  }
  let failed = false
  for (const c of checks) {
    const { checked, problems } = verifyAgainstManifest(c.root, c.manifest, c.site)
    console.log(
      `${c.name}: ${checked} files checked, ${problems.length === 0 ? 'all match' : `${problems.length} do not match`}`,
    )
    for (const p of problems) console.log(`  ${p}`)
    failed ||= problems.length > 0
    const warc = path.join(c.root, 'arkiv', `${c.name}.warc.gz`)
    if (c.site && fs.existsSync(warc))
      failed = reportWarc(`${c.name}.warc.gz`, await verifyWarc(warc, c.manifest)) || failed
  }
  process.exit(failed ? 1 : 0)
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(2)
})
