import fs from 'node:fs'
import type { Server } from 'node:http'
import os from 'node:os'
import path from 'node:path'

import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { serveSite } from '../../cms/src/site/serveSite'
import { writeOverlay } from '../../scripts/site-build/overlay'

let server: Server
let base: string
let siteDir: string | null

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
  siteDir = dir
  const app = express()
  serveSite(app, () => siteDir)
  app.use((_req, res) => res.status(418).send('admin app'))
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const get = async (p: string) => {
  const r = await fetch(base + p, { redirect: 'manual' })
  return { status: r.status, body: await r.text(), location: r.headers.get('location'), cache: r.headers.get('cache-control') }
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

  it('caches fingerprinted assets for a year and pages briefly', async () => {
    expect((await get('/_astro/site.abc123.css')).cache).toBe('public, max-age=31536000, immutable')
    expect((await get('/')).cache).toBe('public, max-age=60')
  })

  it('without a built site, / leads to the admin and other paths pass on', async () => {
    const saved = siteDir
    siteDir = null
    try {
      expect(await get('/')).toMatchObject({ status: 302, location: '/admin' })
      expect(await get('/noe')).toMatchObject({ status: 418, body: 'admin app' })
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
    writeOverlay(path.join(parent, 'new.pages'), path.join(parent, 'before'), ['utgave/b/index.html', 'pagefind/pagefind.js'])
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
