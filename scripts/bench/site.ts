/**
 * Measures the reader site's build speed, peak memory (of the whole process tree) and page
 * weight, with the same synthetic report built the stock Astro way (one Markdown or MDX entry
 * per chapter in a glob-loaded collection) and by Hugo as reference points. Prints figures; it
 * is not a test.
 *
 *   npm run bench:site [-- --chapters 2000 --bytes 50000 --revisions 1] [--mdx] [--skip-stock] [--skip-hugo]
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import zlib from 'node:zlib'

import { buildSite } from '@rapport/site/builder/build'
import { machineLine, mb, measure } from './measure'
import { hugo, hugoVersion, htmlFiles, stockAstro, writeMarkdown, type ReferenceRun } from './reference'
import { sizeOf, sizeOptions, writeSyntheticSnapshot } from './synthetic'

const root = path.resolve(import.meta.dirname, '../..')
const { values } = parseArgs({
  options: {
    ...sizeOptions({ chapters: 2000, revisions: 1 }),
    mdx: { type: 'boolean', default: false },
    'skip-stock': { type: 'boolean', default: false },
    'skip-hugo': { type: 'boolean', default: false },
  },
})
const { chapters, revisions, bytes } = sizeOf(values)
const work = path.join(root, 'tmp', 'bench-site')
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
const brotli = (b: Buffer) =>
  zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length
const gzip = (b: Buffer) => zlib.gzipSync(b, { level: 9 }).length
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

/** `astro build` of the site, in a working folder of its own (as site/builder/build.ts does). */
const astroBuild = async (snapshot: string, out: string, cache: string) => {
  fs.mkdirSync(path.join(root, 'site', 'node_modules'), { recursive: true })
  const cwd = fs.mkdtempSync(path.join(root, 'site', 'node_modules', '.build-'))
  try {
    return await measure(bin('astro'), ['build', '--root', path.join(root, 'site')], {
      cwd,
      env: {
        ...process.env,
        SNAPSHOT_DIR: snapshot,
        SITE_OUT_DIR: out,
        ASTRO_CACHE_DIR: cache,
        ASTRO_TELEMETRY_DISABLED: '1',
      },
    })
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true })
  }
}

const main = async () => {
  fs.rmSync(work, { recursive: true, force: true })
  const snapshot = path.join(work, 'snapshot')
  console.log(machineLine())
  console.log(
    `Synthetic report: ${chapters} chapters of ~${(bytes / 1000).toFixed(0)} KB HTML, ${revisions} revision(s) each (${path.relative(root, work)})`,
  )
  writeSyntheticSnapshot(snapshot, { chapters, bytes, revisions })

  // 1. This site: pages over the pre-converted HTML of the snapshot, from a cold data store.
  console.log('» this site (astro build over the snapshot)')
  const out = path.join(work, 'dist')
  const ours = await astroBuild(snapshot, out, path.join(work, 'cache'))
  const ourPages = htmlFiles(out).length
  const chapterPages = htmlFiles(out).filter((f) => /^syntetisk\/kapittel-\d+\/index\.html$/.test(f)).length
  console.log('» its search index (pagefind)')
  const search = await measure(bin('pagefind'), ['--site', out, '--glob', '*/*/index.html', '--silent'], { cwd: root })
  // The same again with one chapter changed: the content layer skips the unchanged files.
  const first = path.join(snapshot, 'chapters/syntetisk/kapittel-1.json')
  fs.writeFileSync(first, fs.readFileSync(first, 'utf8').replace('"title":"Kapittel om', '"title":"Endret kapittel om'))
  console.log('» this site again, one chapter changed')
  const again = await astroBuild(snapshot, path.join(work, 'dist-again'), path.join(work, 'cache'))

  // 2. Stock Astro: one Markdown (or MDX) entry per chapter in a glob-loaded collection.
  const ext = values.mdx ? 'mdx' : 'md'
  const entries = path.join(work, 'entries')
  writeMarkdown(
    entries,
    fs.readdirSync(path.join(snapshot, 'chapters/syntetisk')).map((file) => {
      const r = JSON.parse(fs.readFileSync(path.join(snapshot, 'chapters/syntetisk', file), 'utf8')).revisions.at(-1)
      return { id: file.replace('.json', ''), title: r.title, html: r.html, footnotes: r.footnotes }
    }),
    ext,
  )
  let stockRun: ReferenceRun | null = null
  if (!values['skip-stock']) {
    console.log(`» stock Astro (${ext.toUpperCase()} collection)`)
    stockRun = await stockAstro(work, entries, ext)
  }

  // 3. Hugo, when installed (Debian package `hugo`).
  const version = hugoVersion()
  let hugoRun: (ReferenceRun & { version: string }) | null = null
  if (!version) console.log('hugo: not installed')
  if (version && !values['skip-hugo']) {
    console.log(`» Hugo (${version})`)
    hugoRun = { ...(await hugo(work, entries)), version }
  }

  // 4. Page weight: the fixture report (every page type) and a synthetic 50 KB chapter page.
  console.log('» page weight (the fixture report)')
  const fixtureSite = path.join(work, 'fixture-site')
  await buildSite({ snapshot: path.join(root, 'tests/fixtures/snapshot'), out: fixtureSite, quiet: true })
  const css = (fs.readdirSync(path.join(fixtureSite, '_astro')) as string[]).filter((f) => f.endsWith('.css'))
  const cssGzip = css.reduce((n, f) => n + gzip(fs.readFileSync(path.join(fixtureSite, '_astro', f))), 0)
  // The search, archive and history tools are not reading pages: they load their script on purpose.
  const isTool = (f: string) => f === 'sok/index.html' || f === 'arkiv/index.html' || f.endsWith('versjoner/index.html')
  const readingPages = htmlFiles(fixtureSite).filter((f) => !isTool(f) && !f.startsWith('pagefind'))
  const jsBytes = readingPages.reduce((n, f) => {
    const html = fs.readFileSync(path.join(fixtureSite, f), 'utf8')
    const inline = (html.match(/<script\b[\s\S]*?<\/script>/g) ?? []).join('').length
    const linked = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].reduce(
      (m, s) => m + fs.statSync(path.join(fixtureSite, s[1])).size,
      0,
    )
    return n + inline + linked
  }, 0)
  const chapterPage = fs.readFileSync(path.join(out, 'syntetisk/kapittel-2/index.html'))
  const chapterJson = JSON.parse(fs.readFileSync(path.join(snapshot, 'chapters/syntetisk/kapittel-2.json'), 'utf8'))
  const realPage = fs.readFileSync(path.join(fixtureSite, 'arsrapport-2023/malbildet-for-arbeidet/index.html'))

  const row = (name: string, seconds: number, pages: number, peak: number) =>
    `| ${name} | ${seconds.toFixed(1)} s | ${pages} | ${(pages / seconds).toFixed(0)} | ${mb(peak)} |`
  console.log('\n| build | time | pages | pages/s | peak memory |\n| --- | --- | --- | --- | --- |')
  console.log(
    row(
      `this site (${chapterPages} chapter pages + history, revision and report pages)`,
      ours.seconds,
      ourPages,
      ours.peakBytes,
    ),
  )
  console.log(`| … its search index (Pagefind) | ${search.seconds.toFixed(1)} s | | | ${mb(search.peakBytes)} |`)
  console.log(row('this site again, one chapter changed', again.seconds, ourPages, again.peakBytes))
  console.log(
    stockRun
      ? row(
          `stock Astro, ${ext.toUpperCase()} collection (chapter pages only)`,
          stockRun.seconds,
          stockRun.pages,
          stockRun.peakBytes,
        )
      : '| stock Astro | skipped | | | |',
  )
  console.log(
    hugoRun
      ? row(`${hugoRun.version} (chapter pages only)`, hugoRun.seconds, hugoRun.pages, hugoRun.peakBytes)
      : version
        ? '| Hugo | skipped | | | |'
        : '| Hugo | not installed | | | |',
  )
  console.log('\n| page weight | figure | target |\n| --- | --- | --- |')
  console.log(
    `| JavaScript on reading pages (${readingPages.length} pages of the fixture report) | ${kb(jsBytes)} | 0 KB |`,
  )
  console.log(
    `| a chapter page with ${kb(chapterJson.revisions.at(-1).html.length)} of chapter HTML: ${kb(chapterPage.length)}, brotli 11 | ${kb(brotli(chapterPage))} | ≤ 15 KB |`,
  )
  console.log(`| … the same page, gzip 9 | ${kb(gzip(chapterPage))} | |`)
  console.log(`| the fixture's chapter 1.1 page: ${kb(realPage.length)}, brotli 11 | ${kb(brotli(realPage))} | |`)
  console.log(`| all CSS (${css.length} file${css.length === 1 ? '' : 's'}), gzip 9 | ${kb(cssGzip)} | ≤ 10 KB |`)
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
