/**
 * The site's public address (SITE_URL): checked and normalised in one place, used for every
 * public address the build writes (canonical links, printed footers, sitemap, feed links), and
 * never for the feed's ids, which stay the same when the address changes.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSite, type BuildReport } from '@rapport/site/builder/build'
import { normaliseSiteUrl, siteUrlFrom, SiteUrlError } from '@rapport/site/lib/siteUrl'
import { C11, FIXTURE } from './fixture'

const NEWS = '/nyheter/allmennlegetjenesten-styrkes-med-1-6-milliarder/'

describe('reading SITE_URL', () => {
  it.each([
    ['https://rapport.example.no', 'https://rapport.example.no'],
    ['https://rapport.example.no/', 'https://rapport.example.no'],
    ['  https://Rapport.Example.NO/  ', 'https://rapport.example.no'],
    ['http://localhost:4000/', 'http://localhost:4000'],
    ['https://rapport.example.no:443', 'https://rapport.example.no'],
  ])('%j is the address %s', (value, url) => {
    expect(siteUrlFrom({ SITE_URL: value })).toEqual({ url, configured: true })
  })

  it.each([
    ['rapport.example.no', 'det er ikke en fullstendig adresse'],
    ['ftp://rapport.example.no', 'adressen må begynne med https:// eller http://, ikke «ftp:»'],
    ['https://rapport.example.no/?utgave=2023', 'adressen kan ikke ha en spørring'],
    ['https://rapport.example.no/#topp', 'adressen kan ikke ha et fragment'],
    ['https://rapport.example.no/rapport/', 'adressen kan ikke ha en sti («/rapport/»)'],
    ['https://bruker:passord@rapport.example.no', 'adressen kan ikke ha brukernavn eller passord'],
  ])('refuses %j in Norwegian, naming the variable, the value and the fault', (value, fault) => {
    expect(() => siteUrlFrom({ SITE_URL: value })).toThrow(SiteUrlError)
    expect(() => normaliseSiteUrl(value)).toThrow(`SITE_URL kan ikke være «${value}»: ${fault}`)
  })

  it('defaults to http://localhost:<port> in development, and is required in production', () => {
    expect(siteUrlFrom({})).toEqual({ url: 'http://localhost:3000', configured: false })
    expect(siteUrlFrom({ PORT: '4100' })).toEqual({ url: 'http://localhost:4100', configured: false })
    expect(siteUrlFrom({ PORT: '4100' }, { port: 4200 }).url).toBe('http://localhost:4200')
    expect(() => siteUrlFrom({}, { production: true })).toThrow(
      'Starter ikke i produksjon: SITE_URL er ikke satt. Sett SITE_URL til nettstedets offentlige adresse',
    )
    expect(siteUrlFrom({ SITE_URL: 'https://rapport.example.no' }, { production: true }).url).toBe(
      'https://rapport.example.no',
    )
  })

  it('tells someone who still sets SERVER_URL that the setting is SITE_URL now', () => {
    expect(() => siteUrlFrom({ SERVER_URL: 'https://rapport.example.no' })).toThrow(
      'SERVER_URL brukes ikke lenger: nettstedets offentlige adresse settes nå med SITE_URL.',
    )
  })
})

describe('a build with a SITE_URL that cannot be used', () => {
  it('is refused before anything is rendered, with the Norwegian message', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'site-bad-url-')), 'dist')
    await expect(buildSite({ snapshot: FIXTURE, out, quiet: true, siteUrl: 'www.example.test' })).rejects.toThrow(
      'SITE_URL kan ikke være «www.example.test»: det er ikke en fullstendig adresse',
    )
    expect(fs.existsSync(out)).toBe(false)
  })
})

describe('the fixture site built with SITE_URL=https://example.test', () => {
  let first: string
  let second: BuildReport
  const saved = process.env.SITE_URL
  const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8')
  const ids = (xml: string) => [...xml.matchAll(/<id>([^<]*)<\/id>/g)].map((m) => m[1])
  const links = (xml: string) => [...xml.matchAll(/<link [^>]*href="([^"]*)"/g)].map((m) => m[1])

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'site-url-'))
    first = path.join(work, 'first')
    // Read from the environment, as `npm run build` and the server's worker do.
    process.env.SITE_URL = 'https://example.test/'
    try {
      await buildSite({ snapshot: FIXTURE, out: first, quiet: true })
      // The same content at another address, built on the first build: every page names the
      // address, so nothing of the first may be reused.
      process.env.SITE_URL = 'https://rapport.example.no'
      second = await buildSite({ snapshot: FIXTURE, out: path.join(work, 'second'), previous: first, quiet: true })
    } finally {
      if (saved === undefined) delete process.env.SITE_URL
      else process.env.SITE_URL = saved
    }
  }, 300_000)

  afterAll(() => fs.rmSync(path.dirname(first), { recursive: true, force: true }))

  it('gives each page its canonical link and printed address under it', () => {
    const chapter = read(first, `${C11}index.html`)
    expect(chapter).toContain(`<link rel="canonical" href="https://example.test${C11}">`)
    expect(chapter).toContain(
      `<p class="print-only">https://example.test${C11} · Siste faglige endring 31. mai 2024 · Helsedirektoratet.`,
    )
    expect(read(first, `${NEWS}index.html`)).toContain(`<link rel="canonical" href="https://example.test${NEWS}">`)
  })

  it('lists every page in the sitemap under it', () => {
    const locs = [...read(first, 'sitemap.xml').matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1])
    expect(locs.length).toBeGreaterThan(40)
    expect(locs.filter((l) => !l.startsWith('https://example.test/'))).toEqual([])
    expect(locs).toContain(`https://example.test${C11}`)
  })

  it('links the feed and its entries under it', () => {
    const feed = read(first, 'endringer.xml')
    expect(links(feed).slice(0, 2)).toEqual(['https://example.test/endringer/', 'https://example.test/endringer.xml'])
    expect(links(feed).filter((l) => !l.startsWith('https://example.test/'))).toEqual([])
    expect(links(feed)).toContain(`https://example.test${C11}versjoner/1/`)
  })

  it('writes no other address anywhere: no localhost in any page, feed or sitemap', () => {
    const files = (fs.readdirSync(first, { recursive: true }) as string[]).filter(
      (f) => /\.(html|xml|json)$/.test(f) && !f.startsWith('pagefind'),
    )
    expect(files.length).toBeGreaterThan(40)
    expect(files.filter((f) => read(first, f).includes('localhost'))).toEqual([])
  })

  it('gives the feed and its entries tag: ids that do not depend on the address', () => {
    const before = ids(read(first, 'endringer.xml'))
    const after = ids(read(second.out, 'endringer.xml'))
    expect(before[0]).toBe('tag:helsedirektoratet.no,2024:allmennlegetjenesten/endringer')
    expect(before).toContain(
      'tag:helsedirektoratet.no,2024:allmennlegetjenesten/arsrapport-2023/malbildet-for-arbeidet/versjon/1',
    )
    expect(before.every((id) => id.startsWith('tag:helsedirektoratet.no,2024:allmennlegetjenesten/'))).toBe(true)
    expect(after).toEqual(before)
    expect(links(read(second.out, 'endringer.xml'))[0]).toBe('https://rapport.example.no/endringer/')
  })

  it('renders every page again when the address changes, so no page keeps the old one', () => {
    expect([second.full, second.rendered]).toEqual([true, second.pages])
    expect(read(second.out, `${C11}index.html`)).toContain(
      `<link rel="canonical" href="https://rapport.example.no${C11}">`,
    )
    expect(read(second.out, 'sitemap.xml')).not.toContain('example.test')
  })
})
