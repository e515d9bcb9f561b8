/**
 * Releases as web archives: each release's <release>.warc.gz, read back with warcio (the
 * records, their addresses and bytes), linked from the release page with its size, checked by
 * `npm run verify` (which names a tampered file and record), and replayed in Chromium.
 */
import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'

import express from 'express'
import { HtmlValidate } from 'html-validate'
import type { Page } from 'playwright-core'
import { WARCParser } from 'warcio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSite } from '@rapport/site/builder/build'
import { withWarcSize } from '@rapport/site/builder/release/releaseFiles'
import {
  assetsOf,
  base32,
  cssAssetRefs,
  digestMatches,
  fileUrl,
  htmlAssetRefs,
  localFile,
  readWarc,
  releaseWarc,
  scriptAssetRefs,
  siteAddress,
  warcDate,
} from '@rapport/site/builder/release/warc'
import { fileSize } from '@rapport/site/lib/fileSize'
import { launchBrowser, stopServerAndBrowser } from '../support/browser'
import { axeViolationsAtWidths } from '../support/siteAxe'
import { listen, serveStatic } from '../support/staticServer'
import { FIXTURE, ROOT } from './fixture'

const FIRST = '20220519T100000Z'
const LATEST = '20240612T083000Z'
const SITE = 'http://localhost:3000'
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex')

let dist: string
const warcOf = (id: string, root = dist) => path.join(root, 'arkiv', `${id}.warc.gz`)
const verify = (target: string) =>
  spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/verify.ts', target], { cwd: ROOT, encoding: 'utf8' })

beforeAll(async () => {
  dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'warc-site-')), 'dist')
  await buildSite({ snapshot: FIXTURE, out: dist, quiet: true })
}, 180_000)

describe('a release’s web archive, read back with warcio', () => {
  type Listed = {
    type: string
    url: string
    date: string
    status: number | null
    contentType: string | null
    digest: string | null
    body: Buffer
  }
  let records: Listed[]
  beforeAll(async () => {
    records = []
    for await (const record of WARCParser.iterRecords(fs.createReadStream(warcOf(FIRST)))) {
      records.push({
        type: record.warcType ?? '',
        url: record.warcTargetURI ?? '',
        date: record.warcDate ?? '',
        status: record.httpHeaders?.statusCode == null ? null : Number(record.httpHeaders.statusCode),
        contentType: record.httpHeaders?.headers.get('Content-Type') ?? null,
        digest: record.warcPayloadDigest ?? null,
        body: Buffer.from(await record.readFully(false)),
      })
    }
    console.log(
      `Records of ${FIRST}.warc.gz:\n${records.map((r, i) => `  ${i + 1}. ${r.type.padEnd(8)} ${r.url || '–'}${r.contentType ? `  ${r.status} ${r.contentType}, ${r.body.length} bytes` : ''}`).join('\n')}`,
    )
  })

  it('begins with a warcinfo record and holds the release’s pages, its manifest and the files the pages load, in that order', () => {
    expect(records.map((r) => [r.type, r.url])).toEqual([
      ['warcinfo', ''],
      ['response', `${SITE}/arsrapport-2021/del-1-tiltak-status-og-effekter/versjoner/1/`],
      ['response', `${SITE}/arsrapport-2021/beskrivelse-av-malomrade-2/versjoner/1/`],
      ['response', `${SITE}/arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/1/`],
      ['response', `${SITE}/arkiv/${FIRST}/manifest.json`],
      ['response', expect.stringMatching(new RegExp(`^${SITE}/_astro/Base\\.[\\w-]+\\.css$`))],
      // The version pages' one script: the citation's copy button and links to removed paragraphs.
      ['response', expect.stringMatching(new RegExp(`^${SITE}/_astro/ChapterArticle\\.[\\w.-]+\\.js$`))],
      ['response', `${SITE}/favicon.svg`],
    ])
    const info = records[0].body.toString('utf8')
    expect(info).toContain('format: WARC File Format 1.1')
    expect(info).toContain('isPartOf: Oppfølging av handlingsplan for allmennlegetjenesten')
  })

  it('holds the same pages as the release’s tar archive', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'arkiv', FIRST, 'manifest.json'), 'utf8')) as {
      files: Array<{ path: string }>
    }
    const pages = records
      .filter((r) => r.contentType?.startsWith('text/html'))
      .map((r) => new URL(r.url).pathname.slice(1) + 'index.html')
    expect(pages).toEqual(manifest.files.map((f) => f.path))
  })

  it('gives every record the bytes of the file at its address, status 200, its Content-Type, the release’s time and the SHA-256 of its payload', () => {
    const types: Record<string, string> = {
      html: 'text/html; charset=utf-8',
      json: 'application/json; charset=utf-8',
      css: 'text/css; charset=utf-8',
      js: 'text/javascript; charset=utf-8',
      svg: 'image/svg+xml',
    }
    for (const r of records) {
      expect(r.date).toBe('2022-05-19T10:00:00Z')
      if (r.type === 'warcinfo') continue
      const rel = new URL(r.url).pathname.slice(1)
      const file = path.join(dist, rel.endsWith('/') ? `${rel}index.html` : rel)
      expect(r.body.equals(fs.readFileSync(file)), r.url).toBe(true)
      expect(r.status).toBe(200)
      expect(r.contentType).toBe(types[path.extname(file).slice(1)])
      expect(r.digest).toBe(`sha256:${sha256(r.body)}`)
    }
  })

  it('gives each page the address the page itself names as canonical (the site’s address as Astro built it)', () => {
    const pages = records.filter((r) => r.contentType?.startsWith('text/html'))
    expect(pages.length).toBeGreaterThan(0)
    for (const r of pages) expect(/<link rel="canonical" href="([^"]+)"/.exec(r.body.toString('utf8'))?.[1]).toBe(r.url)
  })

  it('is the same, byte for byte, when written again from the same files', async () => {
    const again = await releaseWarc({
      release: FIRST,
      publishedAt: '2022-05-19T10:00:00.000Z',
      report: 'Oppfølging av handlingsplan for allmennlegetjenesten',
      site: SITE,
      root: dist,
      files: records.slice(1).map((r) => {
        const rel = new URL(r.url).pathname.slice(1)
        return rel.endsWith('/') ? `${rel}index.html` : rel
      }),
    })
    expect(again.equals(fs.readFileSync(warcOf(FIRST)))).toBe(true)
  })

  it('gives the records the site’s configured address (SITE_URL)', async () => {
    const previous = process.env.SITE_URL
    process.env.SITE_URL = 'https://rapport.example.no'
    try {
      expect(siteAddress()).toBe('https://rapport.example.no')
    } finally {
      if (previous === undefined) delete process.env.SITE_URL
      else process.env.SITE_URL = previous
    }
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'warc-')), 'x.warc.gz')
    fs.writeFileSync(
      file,
      await releaseWarc({
        release: FIRST,
        publishedAt: '2022-05-19T10:00:00.000Z',
        report: 'R',
        site: 'https://rapport.example.no',
        root: dist,
        files: ['index.html', 'favicon.svg'],
      }),
    )
    expect((await readWarc(file)).map((e) => e.url)).toEqual([
      null,
      'https://rapport.example.no/',
      'https://rapport.example.no/favicon.svg',
    ])
  })
})

describe('the release page and the JSON API', () => {
  it('links the web archive from the release page, with its size', () => {
    const html = fs.readFileSync(path.join(dist, 'arkiv', LATEST, 'index.html'), 'utf8')
    const size = fileSize(fs.statSync(warcOf(LATEST)).size)
    expect(html).toContain(
      `<a href="/arkiv/${LATEST}.warc.gz">Last ned som nettarkiv (WARC)</a> <span data-warc-size>(${size})</span>`,
    )
    expect(size).toMatch(/^\d+(,\d)?\u00a0kB$/)
    // The compressed copies the server sends say the same.
    expect(
      zlib.brotliDecompressSync(fs.readFileSync(path.join(dist, 'arkiv', LATEST, 'index.html.br'))).toString('utf8'),
    ).toBe(html)
    expect(zlib.gunzipSync(fs.readFileSync(path.join(dist, 'arkiv', LATEST, 'index.html.gz'))).toString('utf8')).toBe(
      html,
    )
  })

  it('keeps the release page valid HTML, its download link working, and accessible (axe, WCAG 2.1 AA) at desktop and phone widths', async () => {
    const url = `/arkiv/${LATEST}/`
    const html = fs.readFileSync(path.join(dist, 'arkiv', LATEST, 'index.html'), 'utf8')
    const report = await new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: { 'long-title': 'off' },
    }).validateString(html, url)
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`))).toEqual([])
    const server = await serveStatic(dist)
    const browser = await launchBrowser()
    try {
      const downloadWorks = async (p: Page) => {
        const link = p.getByRole('link', { name: 'Last ned som nettarkiv (WARC)' })
        const href = await link.getAttribute('href')
        const answer = await p.request.get(server.url + href!)
        expect([answer.status(), (await answer.body()).length]).toEqual([200, fs.statSync(warcOf(LATEST)).size])
      }
      expect(await axeViolationsAtWidths(browser, server.url + url, downloadWorks)).toEqual([])
    } finally {
      await browser.close()
      await server.close()
    }
  }, 120_000)

  it('lists each release’s web archive and its size in /api/utgivelser.json', () => {
    const api = JSON.parse(fs.readFileSync(path.join(dist, 'api', 'utgivelser.json'), 'utf8')) as {
      releases: Array<{ id: string; warc: string; warcBytes: number }>
    }
    expect(api.releases.map((r) => [r.id, r.warc, r.warcBytes])).toEqual(
      [FIRST, '20240531T100000Z', LATEST].map((id) => [id, `/arkiv/${id}.warc.gz`, fs.statSync(warcOf(id)).size]),
    )
  })
})

describe('npm run verify on web archives', () => {
  /** A copy of a release's WARC, uncompressed, with `change` made to its text (same length). */
  const tampered = (change: (text: string) => string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tampered-warc-')), `${FIRST}.warc`)
    const text = zlib.gunzipSync(fs.readFileSync(warcOf(FIRST))).toString('latin1')
    const changed = change(text)
    expect(changed).not.toBe(text)
    fs.writeFileSync(file, Buffer.from(changed, 'latin1'))
    return file
  }
  const PAGE = `${SITE}/arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/1/`
  /** A word of that page's text changed in its record, nothing else. */
  const changePage = (t: string) => {
    const start = t.indexOf(`WARC-Target-URI: ${PAGE}`)
    return t.slice(0, start) + t.slice(start).replace('teambasert', 'TEAMBASERT')
  }

  it('passes a release’s web archive and a built site with its web archives', () => {
    const one = verify(warcOf(FIRST))
    expect([one.status, one.stdout.trim()]).toEqual([
      0,
      `${FIRST}.warc.gz: 8 poster lest, 3 sider fra manifestet, alt stemmer`,
    ])
    const site = verify(dist)
    expect([site.status, site.stdout]).toEqual([
      0,
      expect.stringContaining(`${LATEST}.warc.gz: 6 poster lest, 1 side fra manifestet, alt stemmer`),
    ])
  })

  it('names the file and the record whose payload does not match its WARC-Payload-Digest', () => {
    const file = tampered(changePage)
    const result = verify(file)
    expect(result.status).toBe(1)
    expect(result.stdout).toContain(`${FIRST}.warc: 8 poster lest, 3 sider fra manifestet, 2 avvik`)
    expect(result.stdout).toMatch(
      new RegExp(
        `${FIRST}\\.warc, post 4 \\(response ${PAGE}\\): innholdet stemmer ikke med WARC-Payload-Digest \\(sha256:[0-9a-f]{64}\\); det har sha256:[0-9a-f]{64}\\.`,
      ),
    )
    expect(result.stdout).toMatch(
      new RegExp(
        `${FIRST}\\.warc, post 4 \\(response ${PAGE}\\): har SHA-256 [0-9a-f]{64}, manifestet sier [0-9a-f]{64}\\.`,
      ),
    )
  })

  it('names a page whose digest was made to match, by the manifest', () => {
    const file = tampered((t) => {
      const start = t.indexOf(`WARC-Target-URI: ${PAGE}`)
      const body = t.indexOf('\r\n\r\n', t.indexOf('HTTP/1.1 200 OK', start)) + 4
      const end = t.indexOf('\r\n\r\nWARC/1.1', body)
      const changed = t.slice(body, end).replace('teambasert', 'TEAMBASERT')
      const digest = /WARC-Payload-Digest: sha256:([0-9a-f]{64})/.exec(t.slice(start))![1]
      return (
        t.slice(0, start) +
        t.slice(start, body).replace(digest, sha256(Buffer.from(changed, 'latin1'))) +
        changed +
        t.slice(end)
      )
    })
    const result = verify(file)
    expect(result.status).toBe(1)
    expect(result.stdout).not.toContain('WARC-Payload-Digest (')
    expect(result.stdout).toMatch(
      new RegExp(
        `${FIRST}\\.warc, post 4 \\(response ${PAGE}\\): har SHA-256 [0-9a-f]{64}, manifestet sier [0-9a-f]{64}\\.`,
      ),
    )
  })

  it('names a page the manifest lists that the web archive does not hold', () => {
    const file = tampered((t) =>
      t.replace(`WARC-Target-URI: ${PAGE}`, `WARC-Target-URI: ${PAGE.replace('/1/', '/9/')}`),
    )
    const result = verify(file)
    expect(result.status).toBe(1)
    expect(result.stdout).toContain(
      `${FIRST}.warc: mangler siden arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/1/index.html, som manifestet lister.`,
    )
  })

  it('names a site’s web archive that no longer matches the site’s manifest', () => {
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tampered-site-')), 'dist')
    fs.cpSync(dist, copy, { recursive: true })
    fs.writeFileSync(warcOf(FIRST, copy), zlib.gzipSync(fs.readFileSync(tampered(changePage))))
    const result = verify(copy)
    expect(result.status).toBe(1)
    expect(result.stdout).toContain(`${FIRST}: 3 files checked, all match`)
    expect(result.stdout).toContain(`${FIRST}.warc.gz: 8 poster lest, 3 sider fra manifestet, 2 avvik`)
    expect(result.stdout).toContain(`${FIRST}.warc.gz, post 4 (response ${PAGE})`)
  })

  it('says in Norwegian when a file is not a WARC file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'not-warc-')), 'x.warc.gz')
    fs.writeFileSync(file, 'ikke et nettarkiv\n')
    const result = verify(file)
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/x\.warc\.gz, post 1 er ikke en WARC-post \(den har ingen WARC-Type\)\./)
  })
})

describe('replayed', () => {
  let replay: Awaited<ReturnType<typeof listen>>
  let base: string
  let browser: Awaited<ReturnType<typeof launchBrowser>>
  beforeAll(async () => {
    // A replay server of the least kind: each address answered from its record, nothing else.
    const records = new Map(
      (await readWarc(warcOf(FIRST))).filter((e) => e.type === 'response').map((e) => [new URL(e.url!).pathname, e]),
    )
    const app = express()
    app.use((req, res) => {
      const record = records.get(req.path)
      if (!record) return res.status(404).type('text/plain').send('ikke arkivert')
      res.status(200).type(record.contentType!).send(record.payload)
    })
    replay = await listen(app)
    base = replay.url
    browser = await launchBrowser()
  }, 60_000)
  afterAll(() => stopServerAndBrowser({ server: replay, browser }))

  it('shows a page of the release with its stylesheet and icon, from the web archive alone', async () => {
    const page = await browser.newPage()
    const missing: string[] = []
    page.on('response', (r) => {
      if (r.status() !== 200) missing.push(`${r.status()} ${r.url()}`)
    })
    await page.goto(`${base}/arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/1/`)
    expect(await page.locator('h1').innerText()).toContain('Beskrivelse av målområde 3')
    expect(missing).toEqual([])
    // The stylesheet applied: the page's main column is not the browser's default layout.
    const styled = await page.evaluate(() =>
      [...document.styleSheets].some((s) => s.href?.includes('/_astro/') && s.cssRules.length > 0),
    )
    expect(styled).toBe(true)
    fs.mkdirSync(path.join(ROOT, 'test-results/screenshots'), { recursive: true })
    await page.screenshot({ path: path.join(ROOT, 'test-results/screenshots/warc-replay.png'), fullPage: false })
    await page.close()
  })
})

describe('the pieces', () => {
  it('finds what an HTML page, a stylesheet and a script load', () => {
    expect(
      htmlAssetRefs(
        '<link rel="stylesheet" href="/_astro/a.css"><link rel="canonical" href="http://x/"><link rel="icon" href="/f.svg"><script src="/s.js"></script><img src="i.png" srcset="i2.png 2x, i3.png 3x"><a href="/side/">x</a>',
      ),
    ).toEqual(['/_astro/a.css', '/f.svg', '/s.js', 'i.png', 'i2.png', 'i3.png'])
    expect(
      cssAssetRefs(
        '@import "b.css";@font-face{src:url("../fonts/a.woff2") format("woff2")}.x{background:url(data:image/svg+xml,abc)}',
      ),
    ).toEqual(['b.css', '../fonts/a.woff2', 'data:image/svg+xml,abc'])
    expect(scriptAssetRefs('import{a}from"./chunk.js";import("/_astro/lazy.js");import x from "pagefind"')).toEqual([
      './chunk.js',
      '/_astro/lazy.js',
    ])
  })

  it('resolves an address to a file of the site, and leaves other hosts and data: out', () => {
    expect(localFile('/_astro/a.css', 'arkiv/x/index.html')).toBe('_astro/a.css')
    expect(localFile('../b.woff2?v=1#x', '_astro/css/a.css')).toBe('_astro/b.woff2')
    expect(localFile('/om/', 'index.html')).toBe('om/index.html')
    expect(localFile('https://cdn.example/a.js', 'index.html')).toBeNull()
    expect(localFile('data:image/svg+xml,abc', '_astro/a.css')).toBeNull()
  })

  it('follows a stylesheet to the fonts it loads, and names a file the build does not have', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'assets-'))
    fs.mkdirSync(path.join(root, '_astro'))
    fs.writeFileSync(
      path.join(root, 'index.html'),
      '<link rel="stylesheet" href="/_astro/a.css"><img src="/bilde.png">',
    )
    fs.writeFileSync(path.join(root, '_astro/a.css'), '@font-face{src:url(font.woff2)}')
    fs.writeFileSync(path.join(root, '_astro/font.woff2'), 'x')
    fs.writeFileSync(path.join(root, 'bilde.png'), 'x')
    expect(assetsOf(root, ['index.html'])).toEqual(['_astro/a.css', '_astro/font.woff2', 'bilde.png'])
    fs.rmSync(path.join(root, '_astro/font.woff2'))
    expect(() => assetsOf(root, ['index.html'])).toThrow(
      '_astro/a.css laster font.woff2, men bygget har ingen fil _astro/font.woff2',
    )
  })

  it('makes addresses, dates and sizes', () => {
    expect(fileUrl('https://rapport.example.no', 'a/b/index.html')).toBe('https://rapport.example.no/a/b/')
    expect(fileUrl('https://rapport.example.no/', 'index.html')).toBe('https://rapport.example.no/')
    expect(warcDate('2024-06-12T08:30:00.000Z')).toBe('2024-06-12T08:30:00Z')
    expect(warcDate('2024-06-12T08:30:00.250Z')).toBe('2024-06-12T08:30:00.250Z')
    expect([512, 5_430, 999_950, 12_345_678].map(fileSize)).toEqual([
      '512\u00a0B',
      '5,4\u00a0kB',
      '1\u00a0MB',
      '12,3\u00a0MB',
    ])
    expect(withWarcSize('<a>x</a> <span data-warc-size></span>', 5_430)).toBe(
      '<a>x</a> <span data-warc-size>(5,4\u00a0kB)</span>',
    )
  })

  it('checks sha256 and sha1 digests, in hex or base32', () => {
    expect(base32(Buffer.from('foobar'))).toBe('MZXW6YTBOI======')
    const body = Buffer.from('innhold')
    const hash = (a: string) => createHash(a).update(body).digest()
    expect(digestMatches(`sha256:${hash('sha256').toString('hex')}`, body)).toBe(true)
    expect(digestMatches(`sha1:${base32(hash('sha1'))}`, body)).toBe(true)
    expect(digestMatches(`sha1:${base32(hash('sha1')).replace(/=+$/, '')}`, body)).toBe(true)
    expect(digestMatches(`sha256:${hash('sha256').toString('hex')}`, Buffer.from('Innhold'))).toBe(false)
    expect(digestMatches('md5:abc', body)).toBeNull()
  })
})
