/**
 * Measures the reader site's build speed, memory and page weight, with the same synthetic
 * report built the stock Astro way (one Markdown entry per chapter in a content collection) and
 * by Hugo as reference points.
 *
 *   npm run bench:site [-- --chapters 2000 --bytes 50000] [--mdx]
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import zlib from 'node:zlib'

import { buildSite } from '../build-site'
import { mb, measure } from './measure'
import { writeSyntheticSnapshot } from './synthetic'

const root = path.resolve(import.meta.dirname, '../..')
const { values } = parseArgs({
  options: { chapters: { type: 'string', default: '2000' }, bytes: { type: 'string', default: '50000' }, mdx: { type: 'boolean', default: false } },
})
const chapters = Number(values.chapters)
const bytes = Number(values.bytes)
const work = path.join(root, 'tmp', 'bench-site')
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
const htmlFiles = (dir: string) => (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.html'))

const htmlToMarkdown = (html: string) =>
  html
    .replace(/<h2 id="[^"]*">(.*?)<\/h2>/g, '\n## $1\n\n')
    .replace(/<ul>(.*?)<\/ul>/g, (_m, items: string) => `\n${items.replace(/<li>(.*?)<\/li>/g, '- $1\n')}\n`)
    .replace(/<p>(.*?)<\/p>/g, '$1\n\n')

const main = async () => {
  fs.rmSync(work, { recursive: true, force: true })
  const snapshot = path.join(work, 'snapshot')
  console.log(`Synthetic report: ${chapters} chapters of ~${(bytes / 1000).toFixed(0)} KB HTML (${work})`)
  writeSyntheticSnapshot(snapshot, { chapters, bytes })

  // 1. This project's build: pages over pre-converted HTML from the snapshot.
  const out = path.join(work, 'dist')
  const ours = await measure(bin('astro'), ['build'], {
    cwd: path.join(root, 'site'),
    env: { ...process.env, SNAPSHOT_DIR: snapshot, SITE_OUT_DIR: out, ASTRO_TELEMETRY_DISABLED: '1' },
  })
  const ourPages = htmlFiles(out).length
  const search = await measure(bin('pagefind'), ['--site', out, '--silent'], { cwd: root })

  // 2. Stock Astro: one Markdown (or MDX) entry per chapter in a glob-loaded collection.
  const stock = path.join(work, 'stock')
  const ext = values.mdx ? 'mdx' : 'md'
  fs.mkdirSync(path.join(stock, 'chapters'), { recursive: true })
  fs.mkdirSync(path.join(stock, 'src/pages/kapittel'), { recursive: true })
  for (const file of fs.readdirSync(path.join(snapshot, 'chapters/syntetisk'))) {
    const chapter = JSON.parse(fs.readFileSync(path.join(snapshot, 'chapters/syntetisk', file), 'utf8'))
    const r = chapter.revisions.at(-1)
    fs.writeFileSync(path.join(stock, 'chapters', file.replace('.json', `.${ext}`)), `---\ntitle: "${r.title}"\n---\n\n${htmlToMarkdown(r.html)}`)
  }
  fs.writeFileSync(
    path.join(stock, 'astro.config.mjs'),
    values.mdx ? "import mdx from '@astrojs/mdx'\nexport default { integrations: [mdx()] }\n" : 'export default {}\n',
  )
  fs.writeFileSync(
    path.join(stock, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content'\nimport { glob } from 'astro/loaders'\nexport const collections = { chapters: defineCollection({ loader: glob({ pattern: '**/*.${ext}', base: './chapters' }) }) }\n`,
  )
  fs.writeFileSync(
    path.join(stock, 'src/pages/kapittel/[id].astro'),
    "---\nimport { getCollection, render } from 'astro:content'\nexport async function getStaticPaths() { return (await getCollection('chapters')).map((entry) => ({ params: { id: entry.id }, props: { entry } })) }\nconst { Content } = await render(Astro.props.entry)\n---\n<html lang=\"nb\"><head><title>{Astro.props.entry.data.title}</title></head><body><h1>{Astro.props.entry.data.title}</h1><Content /></body></html>\n",
  )
  const stockRun = await measure(bin('astro'), ['build'], { cwd: stock, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } })
  const stockPages = htmlFiles(path.join(stock, 'dist')).length

  // 3. Hugo, when installed (Debian package `hugo`).
  let hugo: { seconds: number; peakBytes: number; pages: number } | null = null
  try {
    execFileSync('hugo', ['version'], { stdio: 'ignore' })
    const site = path.join(work, 'hugo')
    fs.mkdirSync(path.join(site, 'content/kapittel'), { recursive: true })
    fs.mkdirSync(path.join(site, 'layouts/_default'), { recursive: true })
    for (const file of fs.readdirSync(path.join(stock, 'chapters'))) fs.copyFileSync(path.join(stock, 'chapters', file), path.join(site, 'content/kapittel', file.replace(/\.mdx$/, '.md')))
    fs.writeFileSync(path.join(site, 'hugo.toml'), "baseURL = 'http://localhost/'\nlanguageCode = 'nb'\ntitle = 'Benchmark'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n")
    fs.writeFileSync(path.join(site, 'layouts/_default/single.html'), '<html lang="nb"><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>')
    fs.writeFileSync(path.join(site, 'layouts/_default/list.html'), '<html lang="nb"><head><title>{{ .Title }}</title></head><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>')
    const run = await measure('hugo', ['--quiet', '-d', 'public'], { cwd: site })
    hugo = { ...run, pages: htmlFiles(path.join(site, 'public')).length }
  } catch {
    hugo = null
  }

  // 4. Page weight: the shipped site and one synthetic chapter page.
  const shipped = path.join(work, 'shipped')
  await buildSite({ out: shipped, quiet: true })
  const css = (fs.readdirSync(path.join(shipped, '_astro')) as string[]).filter((f) => f.endsWith('.css'))
  const cssGzip = css.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(shipped, '_astro', f)), { level: 9 }).length, 0)
  // The search, archive and compare tools are not reading pages: they load their script on purpose.
  const readingPages = htmlFiles(shipped).filter((f) => f !== 'sok/index.html' && f !== 'arkiv/index.html' && !f.endsWith('versjoner/index.html'))
  const jsOnReadingPages = readingPages.reduce((n, f) => n + (fs.readFileSync(path.join(shipped, f), 'utf8').match(/<script\b[\s\S]*?<\/script>/g) ?? []).join('').length, 0)
  const chapterPage = fs.readFileSync(path.join(out, 'syntetisk/kapittel-1/index.html'))
  const brotli = zlib.brotliCompressSync(chapterPage, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length

  const row = (name: string, seconds: number, pages: number, peak: number) =>
    `| ${name} | ${seconds.toFixed(1)} s | ${pages} | ${(pages / seconds).toFixed(0)} | ${mb(peak)} |`
  console.log('\n| build | time | pages | pages/s | peak memory |\n| --- | --- | --- | --- | --- |')
  console.log(row('this site (Astro over pre-converted HTML)', ours.seconds, ourPages, ours.peakBytes))
  console.log(`| … its search index (Pagefind) | ${search.seconds.toFixed(1)} s | | | ${mb(search.peakBytes)} |`)
  console.log(row(`stock Astro, ${ext.toUpperCase()} collection`, stockRun.seconds, stockPages, stockRun.peakBytes))
  console.log(hugo ? row('Hugo', hugo.seconds, hugo.pages, hugo.peakBytes) : '| Hugo | not installed (apt-get install hugo) | | | |')
  console.log('\n| page weight | figure | target |\n| --- | --- | --- |')
  console.log(`| JavaScript on reading pages (${readingPages.length} pages) | ${(jsOnReadingPages / 1024).toFixed(1)} KB | 0 KB |`)
  console.log(`| a ${(chapterPage.length / 1024).toFixed(0)} KB chapter page, brotli | ${(brotli / 1024).toFixed(1)} KB | ≤ 15 KB |`)
  console.log(`| all CSS (${css.length} file${css.length === 1 ? '' : 's'}), gzip | ${(cssGzip / 1024).toFixed(1)} KB | ≤ 10 KB |`)
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
