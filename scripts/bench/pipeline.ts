/**
 * The publishing pipeline's figures on a synthetic report of 300 chapters × 5 revisions (with
 * their history, revision and comparison pages): a full build's pages per second and peak
 * memory, an incremental build after one new revision, the same content built the stock Astro
 * way and with Hugo, and — through the real server and Payload — the time from a publish
 * request's response to the live site serving the new revision. Prints figures; not a test.
 *
 *   npm run bench:pipeline [-- --chapters 300 --revisions 5 --bytes 50000] [--publishes 5] [--skip-server] [--skip-static] [--skip-reference]
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { startServerProcess } from '../../tests/support/server'
import type { Chapter as CmsChapter } from '@rapport/cms/payload-types'
import type { Chapter } from '@rapport/contracts/snapshot'
import { machineLine, mb, measure, settle } from './measure'
import { hugo, hugoVersion, htmlFiles, stockAstro, writeMarkdown, type Entry } from './reference'
import { todayInOslo } from '@rapport/contracts/dates'
import { sha256 } from '@rapport/files'
import { chapterHtml, sizeOf, sizeOptions, writeSyntheticSnapshot } from './synthetic'

const root = path.resolve(import.meta.dirname, '../..')
const { values } = parseArgs({
  options: {
    ...sizeOptions({ chapters: 300, revisions: 5 }),
    publishes: { type: 'string', default: '5' },
    'skip-server': { type: 'boolean', default: false },
    'skip-static': { type: 'boolean', default: false },
    'skip-reference': { type: 'boolean', default: false },
    'seed-only': { type: 'string' },
  },
})
const { chapters, revisions, bytes } = sizeOf(values)
const work = path.join(root, 'tmp', 'bench-pipeline')
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
const sec = (s: number) => `${s.toFixed(1)} s`
const pagesIn = (dir: string) => htmlFiles(dir).filter((f) => !f.startsWith('pagefind/')).length

/** A timed build, run as `npm run build -- <args>` runs it (without npm's own start-up). */
const npmRunBuild = (...args: string[]) =>
  measure(process.execPath, ['--import', 'tsx', 'scripts/build-site.ts', ...args], { cwd: root })

/** Adds a revision to the first synthetic chapter, as a publish would. */
const addRevision = (snapshot: string) => {
  const file = path.join(snapshot, 'chapters/syntetisk/kapittel-1.json')
  const chapter = JSON.parse(fs.readFileSync(file, 'utf8')) as Chapter
  const last = chapter.revisions.at(-1)!
  const html = last.html.replace('<p>', '<p>Ny innledende setning. ')
  chapter.revisions.push({
    ...last,
    revision: last.revision + 1,
    publishedAt: '2025-06-01T10:00:00.000Z',
    updateType: 'major',
    changeNote: 'Ny innledning.',
    lastProfessionalChange: '2025-06-01',
    html,
    htmlSha256: sha256(html),
  })
  fs.writeFileSync(file, `${JSON.stringify(chapter)}\n`)
}

/**
 * What the stored brotli and gzip copies cost in the full build (its `compress` steps, from the
 * build's own summary line) and what they save: the pages' bytes plain, as brotli, as gzip.
 */
const compressionFigures = (dir: string, output: string) => {
  const steps = /✓ .* in ([\d.]+) s \((.*)\)/.exec(output)
  const compressSeconds = steps
    ? [...steps[2].matchAll(/compress ([\d.]+) s/g)].reduce((n, m) => n + Number(m[1]), 0)
    : NaN
  let plain = 0
  let br = 0
  let gz = 0
  let copies = 0
  for (const f of htmlFiles(dir)) {
    const file = path.join(dir, f)
    plain += fs.statSync(file).size
    if (!fs.existsSync(`${file}.br`)) continue
    copies++
    br += fs.statSync(`${file}.br`).size
    gz += fs.statSync(`${file}.gz`).size
  }
  return { compressSeconds, buildSeconds: steps ? Number(steps[1]) : NaN, plain, br, gz, copies }
}

/** Static builds: full, incremental, stock Astro and Hugo over the same content. */
const staticBuilds = async () => {
  const snapshot = path.join(work, 'snapshot')
  writeSyntheticSnapshot(snapshot, { chapters, bytes, revisions })
  console.log('» full build (npm run build: Astro, Pagefind, release files)')
  settle()
  const full = await npmRunBuild('--snapshot', snapshot, '--out', path.join(work, 'full'))
  const pages = pagesIn(path.join(work, 'full'))
  const compression = compressionFigures(path.join(work, 'full'), full.output)
  addRevision(snapshot)
  console.log('» incremental build after one new revision (a new process, as the CLI runs)')
  settle()
  const inc = await npmRunBuild(
    '--snapshot',
    snapshot,
    '--out',
    path.join(work, 'incremental'),
    '--previous',
    path.join(work, 'full'),
  )
  const incSummary = /✓ (\d+) pages rendered, (\d+) reused, in ([\d.]+) s/.exec(inc.output)

  let stock: Awaited<ReturnType<typeof stockAstro>> | null = null
  let hugoRun: Awaited<ReturnType<typeof hugo>> | null = null
  const version = hugoVersion()
  if (!values['skip-reference']) {
    // The same revisions as plain pages: one Markdown entry per revision.
    const entries: Entry[] = []
    for (const file of fs.readdirSync(path.join(snapshot, 'chapters/syntetisk'))) {
      const c = JSON.parse(fs.readFileSync(path.join(snapshot, 'chapters/syntetisk', file), 'utf8')) as Chapter
      for (const r of c.revisions)
        entries.push({ id: `${c.slug}-v${r.revision}`, title: r.title, html: r.html, footnotes: r.footnotes })
    }
    writeMarkdown(path.join(work, 'entries'), entries, 'md')
    console.log(`» stock Astro (${entries.length} Markdown entries, one page each)`)
    stock = await stockAstro(work, path.join(work, 'entries'), 'md')
    if (version) {
      console.log(`» ${version} (the same entries)`)
      hugoRun = await hugo(work, path.join(work, 'entries'))
    }
  }
  return { full, pages, compression, inc, incSummary, stock, hugoRun, version }
}

type Lexical = NonNullable<CmsChapter['body']>

/** A Lexical body of about `bytes` of text: headings and paragraphs, as editors write them. */
const lexicalBody = (seed: number, size: number, lead = ''): Lexical => {
  let s = seed
  const rnd = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646
  const { html } = chapterHtml(rnd, size)
  const blocks = [...html.matchAll(/<(h2|p)[^>]*>(.*?)<\/\1>/g)].map((m) => ({
    tag: m[1],
    text: m[2].replace(/<[^>]+>/g, ''),
  }))
  if (lead && blocks[0]) blocks[0] = { ...blocks[0], text: `${lead} ${blocks[0].text}` }
  const text = (t: string) => ({ type: 'text', text: t, format: 0, detail: 0, mode: 'normal', style: '', version: 1 })
  const base = { format: '', indent: 0, version: 1, direction: 'ltr' } as const
  return {
    root: {
      type: 'root',
      ...base,
      children: blocks.map((b) =>
        b.tag === 'h2'
          ? { type: 'heading', tag: 'h2', ...base, children: [text(b.text)] }
          : { type: 'paragraph', ...base, textFormat: 0, textStyle: '', children: [text(b.text)] },
      ),
    },
  }
}

/** A data folder with the synthetic report in Payload: every revision published through the collection's rules. */
const seedCms = async (dataDir: string) => {
  process.env.DATA_DIR = dataDir
  process.env.DATABASE_URL = ''
  process.env.LOG_LEVEL = 'warn'
  const { getPayload } = await import('payload')
  const { default: config } = await import('@rapport/cms/payload.config')
  const payload = await getPayload({ config: await config })
  const admin = await payload.create({
    collection: 'users',
    data: { email: 'admin@example.no', password: 'korrekt-hest-batteri-stift', name: 'Admin', role: 'admin' },
    overrideAccess: true,
  })
  const user = { ...admin, collection: 'users' } as never
  const edition = await payload.create({
    collection: 'editions',
    data: { title: 'Syntetisk utgave', slug: 'syntetisk', year: 2025, status: 'current', _status: 'published' },
    overrideAccess: true,
  })
  const today = todayInOslo()
  const started = Date.now()
  for (let c = 1; c <= chapters; c++) {
    const body = lexicalBody(c, bytes)
    const doc = await payload.create({
      collection: 'chapters',
      data: {
        edition: edition.id,
        kind: 'chapter',
        number: `${Math.floor((c - 1) / 100) + 1}.${((c - 1) % 100) + 1}`,
        title: `Kapittel ${c}`,
        body,
        lastProfessionalChange: today,
        _status: 'published',
      },
      user,
      overrideAccess: true,
    })
    for (let r = 2; r <= revisions; r++) {
      await payload.update({
        collection: 'chapters',
        id: doc.id,
        data: {
          _status: 'published',
          body: lexicalBody(c, bytes, `Endring ${r}.`),
          updateType: r % 2 === 0 ? 'major' : 'minor',
          changeNote: r % 2 === 0 ? `Faglig endring ${r}.` : null,
          lastProfessionalChange: today,
        },
        user,
        overrideAccess: true,
      })
    }
    if (c % 50 === 0)
      console.log(`  ${c} chapters × ${revisions} revisions (${((Date.now() - started) / 1000).toFixed(0)} s)`)
  }
  await payload.destroy()
}

/** Publish → live through the real server: the time from the publish response to the new title on the chapter page. */
const publishToLive = async () => {
  const dataDir = path.join(work, 'cms-data')
  fs.rmSync(dataDir, { recursive: true, force: true })
  // Seeding takes minutes and gives the same database every time: it is kept beside the work
  // folder and copied, so each run's server starts from the same content and builds it in full.
  const seeded = path.join(root, 'tmp', `bench-pipeline-seed-${chapters}x${revisions}x${bytes}`)
  if (!fs.existsSync(path.join(seeded, 'complete'))) {
    fs.rmSync(seeded, { recursive: true, force: true })
    fs.mkdirSync(seeded, { recursive: true })
    console.log(`» seeding Payload with ${chapters} chapters × ${revisions} published revisions`)
    await measure(
      tsx,
      [
        'scripts/bench/pipeline.ts',
        '--seed-only',
        seeded,
        '--chapters',
        String(chapters),
        '--revisions',
        String(revisions),
        '--bytes',
        String(bytes),
      ],
      { cwd: root },
    )
    fs.writeFileSync(path.join(seeded, 'complete'), '')
  } else
    console.log(
      `» Payload seeded before with ${chapters} chapters × ${revisions} published revisions (${path.relative(root, seeded)})`,
    )
  fs.cpSync(seeded, dataDir, { recursive: true, filter: (f) => path.basename(f) !== 'complete' })
  console.log('» starting the server (its first build is a full one)')
  const server = await startServerProcess({ LOG_LEVEL: 'info' }, { dataDir })
  try {
    const health = async () =>
      (await (await fetch(`${server.url}/healthz`)).json()) as {
        site: {
          liveBuild: string | null
          building: boolean
          queued: number
          lastBuild: { result: string; durationMs: number } | null
        }
      }
    /** Until the builder has nothing running or waiting (the finishing step runs after the pages are live). */
    const idle = async () => {
      for (let s = (await health()).site; s.building || s.queued > 0; s = (await health()).site)
        await new Promise((r) => setTimeout(r, 200))
    }
    const startBuild = Date.now()
    while ((await health()).site.lastBuild?.result !== 'succeeded') {
      if ((await health()).site.lastBuild?.result === 'failed')
        throw new Error(`the first build failed:\n${server.output().slice(-3000)}`)
      if (Date.now() - startBuild > 600_000) throw new Error('the first build took over 10 minutes')
      await new Promise((r) => setTimeout(r, 500))
    }
    const firstBuild = (await health()).site.lastBuild!.durationMs
    await idle()
    const login = await fetch(`${server.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.no', password: 'korrekt-hest-batteri-stift' }),
    })
    const { token } = (await login.json()) as { token: string }
    const { docs } = (await (
      await fetch(`${server.url}/api/chapters?where[number][equals]=1.1&depth=0`, {
        headers: { authorization: `JWT ${token}` },
      })
    ).json()) as { docs: Array<{ id: number }> }
    const times: number[] = []
    for (let i = 1; i <= Number(values.publishes); i++) {
      settle() // the full build's files, above all, are on disk before a publish is timed
      const title = `Kapittel 1, publisering ${i}`
      const response = await fetch(`${server.url}/api/chapters/${docs[0].id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
        body: JSON.stringify({
          _status: 'published',
          title,
          updateType: 'major',
          changeNote: `Ny tittel ${i}.`,
          // The day in Oslo, as an editor there picks it (the UTC day is the day before around midnight).
          lastProfessionalChange: todayInOslo(),
        }),
      })
      if (!response.ok) throw new Error(`publish ${i} answered ${response.status}: ${await response.text()}`)
      const returned = Date.now()
      for (;;) {
        const page = await fetch(`${server.url}/syntetisk/kapittel-1/`)
        if ((await page.text()).includes(title)) break
        if (Date.now() - returned > 120_000)
          throw new Error(`publish ${i} did not reach the live site within 120 s:\n${server.output().slice(-3000)}`)
        await new Promise((r) => setTimeout(r, 50))
      }
      times.push(Date.now() - returned)
      console.log(`  publish ${i}: live after ${times.at(-1)} ms`)
      await idle()
    }
    const builds = server
      .output()
      .split('\n')
      .filter((l) => l.includes('"site built"') || l.includes('"site pages live"'))
      .slice(-2 * times.length)
    return { firstBuild, times, builds }
  } finally {
    await server.stop()
  }
}

const main = async () => {
  if (values['seed-only']) return seedCms(values['seed-only'])
  // An earlier run's thousands of files are moved aside now and removed once the figures are
  // printed: ext4 without a journal (as on this benchmark's machines) passes over inodes freed
  // in the last minute when it makes new files, which would slow the first timed build.
  const earlier = fs.existsSync(work) ? `${work}.earlier-${process.pid}` : null
  if (earlier) fs.renameSync(work, earlier)
  fs.mkdirSync(work, { recursive: true })
  try {
    await report()
  } finally {
    for (const f of fs.readdirSync(path.dirname(work)))
      if (f.startsWith(`${path.basename(work)}.earlier-`))
        fs.rmSync(path.join(path.dirname(work), f), { recursive: true, force: true })
  }
}

/** Runs the builds asked for and prints their figures. */
const report = async () => {
  console.log(machineLine())
  console.log(
    `Synthetic report: ${chapters} chapters × ${revisions} revisions of ~${(bytes / 1000).toFixed(0)} KB (${path.relative(root, work)})`,
  )
  const s = values['skip-static'] ? null : await staticBuilds()
  const live = values['skip-server'] ? null : await publishToLive()

  const row = (name: string, seconds: number, pages: number, peak: number) =>
    `| ${name} | ${sec(seconds)} | ${pages} | ${(pages / seconds).toFixed(0)} | ${mb(peak)} |`
  if (s) {
    console.log('\n| build | time | pages | pages/s | peak memory |\n| --- | --- | --- | --- | --- |')
    console.log(
      row(
        'this site, full (Astro + Pagefind + release files; target ≥ 200 pages/s, ≤ 1.5 GB)',
        s.full.seconds,
        s.pages,
        s.full.peakBytes,
      ),
    )
    console.log(
      `| this site, one new revision (${s.incSummary ? `${s.incSummary[1]} pages rendered, ${s.incSummary[2]} reused; ${s.incSummary[3]} s inside the build` : 'see output'}) | ${sec(s.inc.seconds)} | | | ${mb(s.inc.peakBytes)} |`,
    )
    console.log(
      s.stock
        ? row('stock Astro, one Markdown entry per revision', s.stock.seconds, s.stock.pages, s.stock.peakBytes)
        : '| stock Astro | skipped | | | |',
    )
    console.log(
      s.hugoRun
        ? row(`${s.version}, the same entries`, s.hugoRun.seconds, s.hugoRun.pages, s.hugoRun.peakBytes)
        : `| Hugo | ${s.version ? 'skipped' : 'not installed'} | | | |`,
    )
    // This machine's speed varies from run to run; the references ran just now, on the same content.
    const c = s.compression
    console.log(
      `\nStored compressed copies in the full build: ${c.compressSeconds.toFixed(1)} s of its ${c.buildSeconds.toFixed(1)} s (brotli and gzip of ${c.copies} pages and the other text files); the pages: ${mb(c.plain)} plain, ${mb(c.br)} brotli (${((c.br / c.plain) * 100).toFixed(0)} %), ${mb(c.gz)} gzip (${((c.gz / c.plain) * 100).toFixed(0)} %).`,
    )
    if (s.stock)
      console.log(
        `\nThis site's full build ran at ${(s.pages / s.full.seconds / (s.stock.pages / s.stock.seconds)).toFixed(2)} × stock Astro's pages per second in this run.`,
      )
  }
  if (live) {
    const sorted = [...live.times].sort((a, b) => a - b)
    console.log('\n| through the server | figure | target |\n| --- | --- | --- |')
    console.log(`| first build on start (full) | ${(live.firstBuild / 1000).toFixed(1)} s | |`)
    console.log(
      `| publish (response) → live chapter page shows it, each | ${live.times.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')} | ≤ 3 s |`,
    )
    console.log(`| … median | ${(sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(2)} s | ≤ 3 s |`)
    for (const line of live.builds) {
      try {
        const b = JSON.parse(line) as {
          msg: string
          durationMs: number
          exportMs?: number
          steps?: Record<string, number>
          rendered: number
          reused: number
        }
        if (b.msg === 'site pages live')
          console.log(`| a build's pages live (server's own clock, from the build's start) | ${b.durationMs} ms | |`)
        else
          console.log(
            `| … and finished: ${b.rendered} rendered, ${b.reused} reused | ${b.durationMs} ms (export ${b.exportMs}, ${Object.entries(
              b.steps ?? {},
            )
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}) | |`,
          )
      } catch {
        // not a JSON line
      }
    }
  }
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
