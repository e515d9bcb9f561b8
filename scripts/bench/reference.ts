/**
 * Reference builds for the benchmarks: the same chapters built the stock Astro way (one
 * Markdown or MDX entry per page in a glob-loaded collection) and by Hugo.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { measure, settle } from './measure'

const root = path.resolve(import.meta.dirname, '../..')
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
export const htmlFiles = (dir: string) =>
  (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.html'))

/** A rough Markdown rendering of the synthetic HTML, for the stock builds. */
export const htmlToMarkdown = (html: string) =>
  html
    .replace(/<sup class="fn-ref"[^>]*><a[^>]*>(\d+)<\/a><\/sup>/g, '[^$1]')
    .replace(/<h2 id="[^"]*">(.*?)<\/h2>/g, '\n## $1\n\n')
    .replace(/<ul>(.*?)<\/ul>/g, (_m, items: string) => `\n${items.replace(/<li>(.*?)<\/li>/g, '- $1\n')}\n`)
    .replace(
      /<table><thead><tr>(.*?)<\/tr><\/thead><tbody>(.*?)<\/tbody><\/table>/g,
      (_m, head: string, body: string) => {
        const cells = (row: string) => `| ${[...row.matchAll(/<t[hd]>(.*?)<\/t[hd]>/g)].map((c) => c[1]).join(' | ')} |`
        const rows = [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((r) => cells(r[1]))
        return `\n${cells(head)}\n| --- | --- | --- |\n${rows.join('\n')}\n\n`
      },
    )
    .replace(/<p>(.*?)<\/p>/g, '$1\n\n')

export type Entry = { id: string; title: string; html: string; footnotes: Array<{ number: number; html: string }> }

/** Writes one Markdown (or MDX) file per entry into `dir`. */
export const writeMarkdown = (dir: string, entries: Entry[], ext: 'md' | 'mdx') => {
  fs.mkdirSync(dir, { recursive: true })
  for (const e of entries) {
    const notes = e.footnotes.map((f) => `[^${f.number}]: ${f.html}`).join('\n')
    fs.writeFileSync(
      path.join(dir, `${e.id}.${ext}`),
      `---\ntitle: "${e.title}"\n---\n\n${htmlToMarkdown(e.html)}\n${notes}\n`,
    )
  }
}

export type ReferenceRun = { seconds: number; peakBytes: number; pages: number }

/** Stock Astro over a folder of Markdown/MDX entries: one page per entry. */
export const stockAstro = async (work: string, entriesDir: string, ext: 'md' | 'mdx'): Promise<ReferenceRun> => {
  const stock = path.join(work, 'stock')
  fs.rmSync(stock, { recursive: true, force: true })
  fs.mkdirSync(path.join(stock, 'src/pages/kapittel'), { recursive: true })
  fs.writeFileSync(
    path.join(stock, 'astro.config.mjs'),
    ext === 'mdx'
      ? "import mdx from '@astrojs/mdx'\nexport default { integrations: [mdx()] }\n"
      : 'export default {}\n',
  )
  fs.writeFileSync(
    path.join(stock, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content'\nimport { glob } from 'astro/loaders'\nexport const collections = { chapters: defineCollection({ loader: glob({ pattern: '**/*.${ext}', base: ${JSON.stringify(entriesDir)} }) }) }\n`,
  )
  fs.writeFileSync(
    path.join(stock, 'src/pages/kapittel/[id].astro'),
    "---\nimport { getCollection, render } from 'astro:content'\nexport async function getStaticPaths() { return (await getCollection('chapters')).map((entry) => ({ params: { id: entry.id }, props: { entry } })) }\nconst { Content } = await render(Astro.props.entry)\n---\n<html lang=\"nb\"><head><title>{Astro.props.entry.data.title}</title></head><body><h1>{Astro.props.entry.data.title}</h1><Content /></body></html>\n",
  )
  settle()
  const run = await measure(bin('astro'), ['build'], {
    cwd: stock,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  })
  return { ...run, pages: htmlFiles(path.join(stock, 'dist')).length }
}

/** Hugo's version, or null when it is not installed (Debian package `hugo`). */
export const hugoVersion = (): string | null => {
  try {
    return execFileSync('hugo', ['version'], { encoding: 'utf8' }).trim().split(' ').slice(0, 2).join(' ')
  } catch {
    return null
  }
}

/** Hugo over the same Markdown entries: one page per entry. */
export const hugo = async (work: string, entriesDir: string): Promise<ReferenceRun> => {
  const site = path.join(work, 'hugo')
  fs.rmSync(site, { recursive: true, force: true })
  fs.mkdirSync(path.join(site, 'content/kapittel'), { recursive: true })
  fs.mkdirSync(path.join(site, 'layouts/_default'), { recursive: true })
  for (const file of fs.readdirSync(entriesDir))
    fs.copyFileSync(path.join(entriesDir, file), path.join(site, 'content/kapittel', file.replace(/\.mdx$/, '.md')))
  fs.writeFileSync(
    path.join(site, 'hugo.toml'),
    "baseURL = 'http://localhost/'\nlanguageCode = 'nb'\ntitle = 'Benchmark'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n",
  )
  fs.writeFileSync(
    path.join(site, 'layouts/_default/single.html'),
    '<html lang="nb"><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>',
  )
  fs.writeFileSync(
    path.join(site, 'layouts/_default/list.html'),
    '<html lang="nb"><head><title>{{ .Title }}</title></head><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>',
  )
  settle()
  const run = await measure('hugo', ['--quiet', '-d', 'public'], { cwd: site })
  return { ...run, pages: htmlFiles(path.join(site, 'public')).length }
}
