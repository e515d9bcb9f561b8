/**
 * Measures the reader site's build speed, peak memory (of the whole process tree) and page
 * weight, with the same synthetic report built the stock Astro way (one Markdown or MDX entry
 * per chapter in a glob-loaded collection) and by Hugo as reference points. Prints figures; it
 * is not a test.
 *
 *   npm run bench:site [-- --chapters 2000 --bytes 50000 --revisions 1] [--mdx] [--skip-stock] [--skip-hugo]
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import zlib from 'node:zlib'

import { buildSite } from '../build-site'
import { mb, measure } from './measure'
import { writeSyntheticSnapshot } from './synthetic'

const root = path.resolve(import.meta.dirname, '../..')
const { values } = parseArgs({
  options: {
    chapters: { type: 'string', default: '2000' },
    bytes: { type: 'string', default: '50000' },
    revisions: { type: 'string', default: '1' },
    mdx: { type: 'boolean', default: false },
    'skip-stock': { type: 'boolean', default: false },
    'skip-hugo': { type: 'boolean', default: false },
  },
})
const chapters = Number(values.chapters)
const bytes = Number(values.bytes)
const revisions = Number(values.revisions)
const work = path.join(root, 'tmp', 'bench-site')
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
const htmlFiles = (dir: string) => (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.html'))
const brotli = (b: Buffer) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length
const gzip = (b: Buffer) => zlib.gzipSync(b, { level: 9 }).length
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

/** A rough Markdown rendering of the synthetic HTML, for the stock builds. */
const htmlToMarkdown = (html: string) =>
  html
    .replace(/<sup class="fn-ref"[^>]*><a[^>]*>(\d+)<\/a><\/sup>/g, '[^$1]')
    .replace(/<h2 id="[^"]*">(.*?)<\/h2>/g, '\n## $1\n\n')
    .replace(/<ul>(.*?)<\/ul>/g, (_m, items: string) => `\n${items.replace(/<li>(.*?)<\/li>/g, '- $1\n')}\n`)
    .replace(/<table><thead><tr>(.*?)<\/tr><\/thead><tbody>(.*?)<\/tbody><\/table>/g, (_m, head: string, body: string) => {
      const cells = (row: string) => `| ${[...row.matchAll(/<t[hd]>(.*?)<\/t[hd]>/g)].map((c) => c[1]).join(' | ')} |`
      const rows = [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((r) => cells(r[1]))
      return `\n${cells(head)}\n| --- | --- | --- |\n${rows.join('\n')}\n\n`
    })
    .replace(/<p>(.*?)<\/p>/g, '$1\n\n')

/** `astro build` of the site, in a working folder of its own (as scripts/build-site.ts does). */
const astroBuild = async (snapshot: string, out: string, cache: string) => {
  fs.mkdirSync(path.join(root, 'site', 'node_modules'), { recursive: true })
  const cwd = fs.mkdtempSync(path.join(root, 'site', 'node_modules', '.build-'))
  try {
    return await measure(bin('astro'), ['build', '--root', path.join(root, 'site')], {
      cwd,
      env: { ...process.env, SNAPSHOT_DIR: snapshot, SITE_OUT_DIR: out, ASTRO_CACHE_DIR: cache, ASTRO_TELEMETRY_DISABLED: '1' },
    })
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true })
  }
}

const main = async () => {
  fs.rmSync(work, { recursive: true, force: true })
  const snapshot = path.join(work, 'snapshot')
  console.log(`Machine: ${os.cpus().length} cores, ${mb(os.totalmem())} memory, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`)
  console.log(`Synthetic report: ${chapters} chapters of ~${(bytes / 1000).toFixed(0)} KB HTML, ${revisions} revision(s) each (${path.relative(root, work)})`)
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
  let stockRun: { seconds: number; peakBytes: number; pages: number } | null = null
  const stock = path.join(work, 'stock')
  fs.mkdirSync(path.join(stock, 'chapters'), { recursive: true })
  for (const file of fs.readdirSync(path.join(snapshot, 'chapters/syntetisk'))) {
    const chapter = JSON.parse(fs.readFileSync(path.join(snapshot, 'chapters/syntetisk', file), 'utf8'))
    const r = chapter.revisions.at(-1)
    const notes = r.footnotes.map((f: { number: number; html: string }) => `[^${f.number}]: ${f.html}`).join('\n')
    fs.writeFileSync(path.join(stock, 'chapters', file.replace('.json', `.${ext}`)), `---\ntitle: "${r.title}"\n---\n\n${htmlToMarkdown(r.html)}\n${notes}\n`)
  }
  if (!values['skip-stock']) {
    console.log(`» stock Astro (${ext.toUpperCase()} collection)`)
    fs.mkdirSync(path.join(stock, 'src/pages/kapittel'), { recursive: true })
    fs.writeFileSync(path.join(stock, 'astro.config.mjs'), values.mdx ? "import mdx from '@astrojs/mdx'\nexport default { integrations: [mdx()] }\n" : 'export default {}\n')
    fs.writeFileSync(
      path.join(stock, 'src/content.config.ts'),
      `import { defineCollection } from 'astro:content'\nimport { glob } from 'astro/loaders'\nexport const collections = { chapters: defineCollection({ loader: glob({ pattern: '**/*.${ext}', base: './chapters' }) }) }\n`,
    )
    fs.writeFileSync(
      path.join(stock, 'src/pages/kapittel/[id].astro'),
      "---\nimport { getCollection, render } from 'astro:content'\nexport async function getStaticPaths() { return (await getCollection('chapters')).map((entry) => ({ params: { id: entry.id }, props: { entry } })) }\nconst { Content } = await render(Astro.props.entry)\n---\n<html lang=\"nb\"><head><title>{Astro.props.entry.data.title}</title></head><body><h1>{Astro.props.entry.data.title}</h1><Content /></body></html>\n",
    )
    const run = await measure(bin('astro'), ['build'], { cwd: stock, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } })
    stockRun = { ...run, pages: htmlFiles(path.join(stock, 'dist')).length }
  }

  // 3. Hugo, when installed (Debian package `hugo`).
  let hugo: { seconds: number; peakBytes: number; pages: number; version: string } | null = null
  let hugoVersion: string | null = null
  try {
    hugoVersion = execFileSync('hugo', ['version'], { encoding: 'utf8' }).trim().split(' ').slice(0, 2).join(' ')
  } catch {
    console.log('hugo: not installed')
  }
  if (hugoVersion && !values['skip-hugo']) {
    console.log(`» Hugo (${hugoVersion})`)
    const site = path.join(work, 'hugo')
    fs.mkdirSync(path.join(site, 'content/kapittel'), { recursive: true })
    fs.mkdirSync(path.join(site, 'layouts/_default'), { recursive: true })
    for (const file of fs.readdirSync(path.join(stock, 'chapters'))) fs.copyFileSync(path.join(stock, 'chapters', file), path.join(site, 'content/kapittel', file.replace(/\.mdx$/, '.md')))
    fs.writeFileSync(path.join(site, 'hugo.toml'), "baseURL = 'http://localhost/'\nlanguageCode = 'nb'\ntitle = 'Benchmark'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n")
    fs.writeFileSync(path.join(site, 'layouts/_default/single.html'), '<html lang="nb"><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>')
    fs.writeFileSync(path.join(site, 'layouts/_default/list.html'), '<html lang="nb"><head><title>{{ .Title }}</title></head><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>')
    const run = await measure('hugo', ['--quiet', '-d', 'public'], { cwd: site })
    hugo = { ...run, pages: htmlFiles(path.join(site, 'public')).length, version: hugoVersion }
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
    const linked = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].reduce((m, s) => m + fs.statSync(path.join(fixtureSite, s[1])).size, 0)
    return n + inline + linked
  }, 0)
  const chapterPage = fs.readFileSync(path.join(out, 'syntetisk/kapittel-2/index.html'))
  const chapterJson = JSON.parse(fs.readFileSync(path.join(snapshot, 'chapters/syntetisk/kapittel-2.json'), 'utf8'))
  const realPage = fs.readFileSync(path.join(fixtureSite, 'arsrapport-2023/malbildet-for-arbeidet/index.html'))

  const row = (name: string, seconds: number, pages: number, peak: number) => `| ${name} | ${seconds.toFixed(1)} s | ${pages} | ${(pages / seconds).toFixed(0)} | ${mb(peak)} |`
  console.log('\n| build | time | pages | pages/s | peak memory |\n| --- | --- | --- | --- | --- |')
  console.log(row(`this site (${chapterPages} chapter pages + history, revision and report pages)`, ours.seconds, ourPages, ours.peakBytes))
  console.log(`| … its search index (Pagefind) | ${search.seconds.toFixed(1)} s | | | ${mb(search.peakBytes)} |`)
  console.log(row('this site again, one chapter changed', again.seconds, ourPages, again.peakBytes))
  console.log(stockRun ? row(`stock Astro, ${ext.toUpperCase()} collection (chapter pages only)`, stockRun.seconds, stockRun.pages, stockRun.peakBytes) : '| stock Astro | skipped | | | |')
  console.log(hugo ? row(`${hugo.version} (chapter pages only)`, hugo.seconds, hugo.pages, hugo.peakBytes) : hugoVersion ? '| Hugo | skipped | | | |' : '| Hugo | not installed | | | |')
  console.log('\n| page weight | figure | target |\n| --- | --- | --- |')
  console.log(`| JavaScript on reading pages (${readingPages.length} pages of the fixture report) | ${kb(jsBytes)} | 0 KB |`)
  console.log(`| a chapter page with ${kb(chapterJson.revisions.at(-1).html.length)} of chapter HTML: ${kb(chapterPage.length)}, brotli 11 | ${kb(brotli(chapterPage))} | ≤ 15 KB |`)
  console.log(`| … the same page, gzip 9 | ${kb(gzip(chapterPage))} | |`)
  console.log(`| the fixture's chapter 1.1 page: ${kb(realPage.length)}, brotli 11 | ${kb(brotli(realPage))} | |`)
  console.log(`| all CSS (${css.length} file${css.length === 1 ? '' : 's'}), gzip 9 | ${kb(cssGzip)} | ≤ 10 KB |`)
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
