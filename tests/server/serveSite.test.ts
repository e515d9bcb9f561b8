import fs from 'node:fs'
import type { Server } from 'node:http'
import os from 'node:os'
import path from 'node:path'

import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { FolderLeases } from '../../cms/src/publishing/folderLeases'
import { serveSite, sitePath } from '../../cms/src/serving/serveSite'
import { compressFiles } from '@rapport/site/builder/compress'
import { writeOverlay } from '@rapport/site/builder/overlay'

let server: Server
let base: string
let siteDir: string | null
const leases = new FolderLeases()
/** A page big enough to be stored compressed. */
const bigPage = `<!doctype html><html lang="nb"><body>${'<p>Et avsnitt om allmennlegetjenesten.</p>'.repeat(200)}</body></html>`

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-'))
  const put = (file: string, content: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), content)
  }
  put('index.html', 'forsiden')
  put('arsrapport-2021/index.html', 'utgaven')
  put('404.html', 'fant ikke siden')
  put('_astro/site.abc123.css', 'body{}')
  put('stor/index.html', bigPage)
  put('arkiv/dato/index.html', 'velg en dato')
  // Releases as the build's JSON API lists them. The third is 31 May in UTC but 00:30 on 1 June
  // in Oslo, so the day it belongs to is 1 June.
  put(
    'api/utgivelser.json',
    JSON.stringify({
      releases: [
        { id: '20220519T100000Z', publishedAt: '2022-05-19T10:00:00.000Z' },
        { id: '20240531T100000Z', publishedAt: '2024-05-31T10:00:00.000Z' },
        { id: '20240531T223000Z', publishedAt: '2024-05-31T22:30:00.000Z' },
        { id: '20250101T080000Z', publishedAt: '2025-01-01T08:00:00.000Z' },
      ],
    }),
  )
  await compressFiles(dir, ['stor/index.html'])
  siteDir = dir
  const app = express()
  serveSite(app, () => siteDir, leases)
  app.use((_req, res) => res.status(418).send('admin app'))
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const get = async (p: string) => {
  const r = await fetch(base + p, { redirect: 'manual' })
  return {
    status: r.status,
    body: await r.text(),
    location: r.headers.get('location'),
    cache: r.headers.get('cache-control'),
  }
}

describe('serving the reader site', () => {
  it.each([
    ['/', 200, 'forsiden'],
    ['/arsrapport-2021/', 200, 'utgaven'],
    ['/finnes-ikke/', 404, 'fant ikke siden'],
  ])('GET %s answers %i with the page', async (p, status, body) => {
    expect(await get(p)).toMatchObject({ status, body })
  })

  it('adds the trailing slash to a folder address', async () => {
    expect(await get('/arsrapport-2021')).toMatchObject({ status: 301, location: '/arsrapport-2021/' })
  })

  it('caches fingerprinted assets for a year and makes browsers ask again for everything else', async () => {
    expect((await get('/_astro/site.abc123.css')).cache).toBe('public, max-age=31536000, immutable')
    expect((await get('/')).cache).toBe('no-cache')
    expect((await get('/finnes-ikke/')).cache).toBe('no-cache')
  })

  it('answers a page the browser already has with 304', async () => {
    // As a browser revalidates: with the validators it got, and no Cache-Control of its own.
    const { request } = await import('node:http')
    const head = (headers: Record<string, string>) =>
      new Promise<{ status: number; etag?: string; lastModified?: string }>((resolve, reject) => {
        request(`${base}/arsrapport-2021/`, { headers }, (res) => {
          res.resume()
          res.on('end', () =>
            resolve({ status: res.statusCode!, etag: res.headers.etag, lastModified: res.headers['last-modified'] }),
          )
        })
          .on('error', reject)
          .end()
      })
    const first = await head({})
    expect(first).toMatchObject({ status: 200, etag: expect.any(String), lastModified: expect.any(String) })
    expect((await head({ 'if-none-match': first.etag! })).status).toBe(304)
    expect((await head({ 'if-modified-since': first.lastModified! })).status).toBe(304)
    expect((await head({ 'if-none-match': '"noe annet"' })).status).toBe(200)
  })

  it.each([
    ['br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['identity', null],
  ])(
    'sends the stored copy the browser takes (Accept-Encoding: %s → %s), the same page as the plain one',
    async (accept, encoding) => {
      // node's http keeps the body as sent, so the test sees the encoding on the wire.
      const { request } = await import('node:http')
      const { body, headers } = await new Promise<{ body: Buffer; headers: Record<string, unknown> }>(
        (resolve, reject) => {
          request(`${base}/stor/`, { headers: { 'accept-encoding': accept } }, (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () => resolve({ body: Buffer.concat(chunks), headers: res.headers }))
          })
            .on('error', reject)
            .end()
        },
      )
      expect(headers['content-encoding'] ?? null).toBe(encoding)
      expect(headers['content-type']).toBe('text/html; charset=utf-8')
      expect(headers.vary).toBe('Accept-Encoding')
      const zlib = await import('node:zlib')
      const plain =
        encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body
      expect(plain.toString()).toBe(bigPage)
      if (encoding) expect(body.length).toBeLessThan(bigPage.length / 5)
    },
  )

  it('answers other methods than GET and HEAD with 405 and never passes a reader’s path on', async () => {
    const r = await fetch(`${base}/arsrapport-2021/`, { method: 'POST' })
    expect([r.status, r.headers.get('allow')]).toEqual([405, 'GET, HEAD'])
    expect((await get('/noe/som/ikke/finnes')).body).toBe('fant ikke siden')
  })

  it.each(['/../hemmelig', '/%2e%2e/hemmelig', '//andre.example/', '/.build.json', '/a%00b'])(
    'does not serve %s',
    async (p) => {
      expect((await get(p)).status).toBe(404)
    },
  )

  it('before the first build, / leads to the admin and other paths say the site is being built', async () => {
    const saved = siteDir
    siteDir = null
    try {
      expect(await get('/')).toMatchObject({ status: 302, location: '/admin' })
      const r = await fetch(`${base}/noe`)
      expect([r.status, r.headers.get('retry-after')]).toEqual([503, '10'])
      expect(await r.text()).toContain('Nettstedet bygges')
    } finally {
      siteDir = saved
    }
  })
})

describe('the archive’s date form, sent without JavaScript', () => {
  it.each([
    ['2022-05-19', '/arkiv/20220519T100000Z/'],
    ['2024-05-30', '/arkiv/20220519T100000Z/'],
    ['2024-05-31', '/arkiv/20240531T100000Z/'],
    ['2024-06-01', '/arkiv/20240531T223000Z/'],
    ['2024-12-31', '/arkiv/20240531T223000Z/'],
    ['2025-01-01', '/arkiv/20250101T080000Z/'],
    ['2026-11-29', '/arkiv/20250101T080000Z/'],
    ['29.11.2026', '/arkiv/20250101T080000Z/'],
  ])('for %s leads to the release of that day, %s', async (day, location) => {
    expect(await get(`/arkiv/dato/?d=${encodeURIComponent(day)}`)).toMatchObject({
      status: 303,
      location,
      cache: 'no-cache',
    })
  })

  it('keeps the asked day when the address lacks its final slash', async () => {
    expect(await get('/arkiv/dato?d=2025-01-01')).toMatchObject({ status: 301, location: '/arkiv/dato/?d=2025-01-01' })
  })

  it.each([
    ['a day before the first release', '2022-05-18', 404],
    ['a day that does not exist', '2025-02-30', 400],
    ['no day at all', '', 400],
  ])('answers %s with the form’s page again (%s → %i)', async (_what, day, status) => {
    expect(await get(`/arkiv/dato/?d=${encodeURIComponent(day)}`)).toMatchObject({ status, body: 'velg en dato' })
  })

  it('serves the form’s page as it is when no day is asked', async () => {
    expect(await get('/arkiv/dato/')).toMatchObject({ status: 200, body: 'velg en dato' })
  })
})

describe('request paths', () => {
  it.each([
    ['/', ''],
    ['/arsrapport-2023/', 'arsrapport-2023/'],
    ['/%C3%A5r/', 'år/'],
    ['/../etc/passwd', null],
    ['/a/../b', null],
    ['//andre.example/', null],
    ['/.overlay.json', null],
    ['/a\\b', null],
    ['/%E0%A4%A', null],
  ])('%s names %s', (p, expected) => {
    expect(sitePath(p)).toBe(expected)
  })
})

describe('a request in flight when its build folder is retired', () => {
  it('is answered in full from that folder, which goes once the response is done', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'builds-'))
    const old = path.join(parent, 'gammel')
    fs.mkdirSync(old)
    // Larger than the socket buffers can take at once, so the response is still being sent.
    const page = 'x'.repeat(64 << 20)
    fs.writeFileSync(path.join(old, 'index.html'), page)
    const saved = siteDir
    siteDir = old
    let stillThere = false
    try {
      const { request } = await import('node:http')
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(`${base}/`, (res) => {
          res.setEncoding('utf8')
          let text = ''
          res.on('data', (chunk: string) => {
            const first = text === ''
            text += chunk
            if (!first) return
            // The build switches away and retires the folder while the body is on its way.
            res.pause()
            siteDir = fs.mkdtempSync(path.join(parent, 'ny-'))
            leases.retire(old)
            setTimeout(() => {
              stillThere = fs.existsSync(old)
              res.resume()
            }, 100)
          })
          res.on('end', () => resolve(text))
        })
        req.on('error', reject)
        req.end()
      })
      expect(body.length).toBe(page.length)
      expect(stillThere).toBe(true)
      await new Promise((r) => setTimeout(r, 50))
      await leases.settled()
      expect(fs.existsSync(old)).toBe(false)
    } finally {
      siteDir = saved
    }
  })
})

describe('serving a build’s new pages over the build before it', () => {
  let saved: string | null
  beforeAll(() => {
    saved = siteDir
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'builds-'))
    const put = (dir: string, file: string, content: string) => {
      fs.mkdirSync(path.dirname(path.join(parent, dir, file)), { recursive: true })
      fs.writeFileSync(path.join(parent, dir, file), content)
    }
    // The build before: three chapters; the new one renders chapter a again and removes chapter c.
    put('before', 'index.html', 'gammel forside')
    put('before', '404.html', 'gammel 404')
    put('before', 'utgave/a/index.html', 'gammel a')
    put('before', 'utgave/b/index.html', 'b')
    put('before', 'utgave/c/index.html', 'c')
    put('before', 'pagefind/pagefind.js', 'søk')
    put('new.pages', 'index.html', 'ny forside')
    put('new.pages', '404.html', 'ny 404')
    put('new.pages', 'utgave/a/index.html', 'ny a')
    writeOverlay(path.join(parent, 'new.pages'), path.join(parent, 'before'), [
      'utgave/b/index.html',
      'pagefind/pagefind.js',
    ])
    siteDir = path.join(parent, 'new.pages')
  })
  afterAll(() => {
    siteDir = saved
  })

  it.each([
    ['/', 200, 'ny forside', 'a page it rendered comes from the new build'],
    ['/utgave/a/', 200, 'ny a', 'a page rendered again is the new one'],
    ['/utgave/b/', 200, 'b', 'an unchanged page comes from the build before'],
    ['/pagefind/pagefind.js', 200, 'søk', 'the search index of the build before is used until the new one is made'],
    ['/utgave/c/', 404, 'ny 404', 'a page the new build no longer has is gone, with the new 404 page'],
    ['/.overlay.json', 404, 'ny 404', 'the overlay file itself is not served'],
  ])('GET %s answers %i: %s', async (p, status, body) => {
    expect(await get(p)).toMatchObject({ status, body })
  })

  it('adds the trailing slash to the address of an unchanged page', async () => {
    expect(await get('/utgave/b')).toMatchObject({ status: 301, location: '/utgave/b/' })
  })
})
