/**
 * A release as a web archive: a WARC file (ISO 28500:2017, WARC/1.1, one gzip member per
 * record, as national web archives keep them) written and read with webrecorder's warcio.
 *
 * It holds a `warcinfo` record and, for each file, a `response` record: its absolute address on
 * the site, HTTP headers (200, Content-Type, Content-Length), the release's time as WARC-Date and
 * the SHA-256 of its bytes as WARC-Payload-Digest. The same files give the same bytes: record
 * ids are made from the release and the address, not drawn at random.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

import { Parser } from 'htmlparser2'
import { contentType } from 'mime-types'
import { WARCParser, WARCRecord, WARCSerializer } from 'warcio'

import { siteUrlFrom } from '../../src/lib/siteUrl'

const WARC_VERSION = 'WARC/1.1'

const gzip = promisify(zlib.gzip)

/**
 * Each record serialized by warcio (which writes the digests and lengths) and compressed as a
 * gzip member of its own on Node's thread pool, at level 4: warcio's own gzip (a
 * CompressionStream per record) took 1.9 s of CPU for a release of 300 pages of 57 KB, this 1.1 s.
 */
const serialize = async (record: WARCRecord): Promise<Buffer> =>
  gzip(await WARCSerializer.serialize(record), { level: 4 })

/**
 * The site's public address when the build names none, which every record's WARC-Target-URI
 * starts with: SITE_URL as the Astro build reads it (site/lib/siteUrl.ts), so the records carry
 * the same addresses as the pages' canonical links.
 */
export const siteAddress = (): string => siteUrlFrom(process.env).url

// ---------------------------------------------------------------------------------------------
// Which files a page needs

/** `rel` values of a `<link>` that loads a file the page is drawn with. */
const LOADED_LINKS = /(^|\s)(stylesheet|icon|apple-touch-icon|mask-icon|preload|modulepreload|manifest)(\s|$)/i

/** The start tags that can load a file (`srcset` is on `img` and `source`). */
const LOADING_TAGS = /<(?:link|script|img|source|audio|video|track|input|embed)\b[^>]*>/gi

/**
 * The addresses an HTML page loads to be shown (stylesheets, scripts, icons, images), as written.
 * @example htmlAssetRefs('<link rel="stylesheet" href="/_astro/a.css"><img src="b.png">') // ['/_astro/a.css', 'b.png']
 */
export const htmlAssetRefs = (html: string): string[] => {
  const refs: string[] = []
  const parser = new Parser({
    onopentag(name, a) {
      if (name === 'link' && a.href && LOADED_LINKS.test(a.rel ?? '')) refs.push(a.href)
      if (['script', 'img', 'source', 'audio', 'video', 'track', 'input', 'embed'].includes(name) && a.src)
        refs.push(a.src)
      if (name === 'video' && a.poster) refs.push(a.poster)
      if (a.srcset)
        refs.push(
          ...a.srcset
            .split(',')
            .map((s) => s.trim().split(/\s+/)[0])
            .filter(Boolean),
        )
    },
  })
  // Only the tags that can load a file go to the parser: a page's text is most of its bytes.
  for (const tag of html.match(LOADING_TAGS) ?? []) {
    parser.write(tag)
    if (/^<script/i.test(tag)) parser.write('</script>') // else what follows would be the script's text
  }
  parser.end()
  return refs
}

/**
 * The addresses a stylesheet loads: `url(…)` (fonts, images) and `@import`.
 * @example cssAssetRefs('@font-face{src:url("../fonts/a.woff2")}') // ['../fonts/a.woff2']
 */
export const cssAssetRefs = (css: string): string[] =>
  [...css.matchAll(/url\(\s*(["']?)([^"')]+?)\1\s*\)|@import\s+(["'])([^"']+)\3/g)].map((m) => m[2] ?? m[4])

/**
 * The modules a script imports by a relative or absolute path (what a bundler writes).
 * @example scriptAssetRefs('import{a}from"../../../scripts/release/chunk.js";') // ['./chunk.js']
 */
export const scriptAssetRefs = (js: string): string[] =>
  [...js.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(["'])([^"']+)\1/g)]
    .map((m) => m[2])
    .filter((s) => s.startsWith('./') || s.startsWith('../') || s.startsWith('/'))

/**
 * The site file an address names, relative to the site's root, from the file it is written in;
 * null for another host, `data:` and the like.
 * @example localFile('/_astro/a.css', 'arkiv/x/index.html') // '_astro/a.css'
 * @example localFile('../b.woff2?v=1', '_astro/a.css') // 'b.woff2'
 * @example localFile('https://cdn.example/a.js', 'index.html') // null
 */
export const localFile = (ref: string, from: string): string | null => {
  const base = 'http://site.invalid'
  let url: URL
  try {
    url = new URL(ref, `${base}/${from}`)
  } catch {
    return null
  }
  if (url.origin !== base) return null
  const rel = decodeURIComponent(url.pathname).slice(1)
  return rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel
}

/**
 * Every file the given pages load, and what those load in turn, relative to `root`, sorted.
 * Throws, naming both, when a page loads a file the build does not have.
 */
export const assetsOf = (root: string, pages: string[]): string[] => {
  const found = new Set<string>()
  const todo = [...pages]
  const pageSet = new Set(pages)
  while (todo.length) {
    const file = todo.pop()!
    const text = fs.readFileSync(path.join(root, file), 'utf8')
    const refs = file.endsWith('.css')
      ? cssAssetRefs(text)
      : /\.m?js$/.test(file)
        ? scriptAssetRefs(text)
        : file.endsWith('.html')
          ? htmlAssetRefs(text)
          : []
    for (const ref of refs) {
      const asset = localFile(ref, file)
      if (asset === null || found.has(asset) || pageSet.has(asset)) continue
      if (!fs.existsSync(path.join(root, asset)))
        throw new Error(`${file} laster ${ref}, men bygget har ingen fil ${asset}`)
      found.add(asset)
      if (/\.(css|m?js)$/.test(asset)) todo.push(asset)
    }
  }
  return [...found].sort()
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * The address a file of the site is served at.
 * @example fileUrl('https://rapport.example.no', 'a/b/index.html') // 'https://rapport.example.no/a/b/'
 */
export const fileUrl = (site: string, file: string): string =>
  new URL(`/${file.replace(/(^|\/)index\.html$/, '$1')}`, site).href

/**
 * A record id made from what the record is, so that the same release gives the same file.
 * @example recordId('20240612T083000Z', 'warcinfo') // '<urn:uuid:…>' (the same every time)
 */
export const recordId = (...parts: string[]): string => {
  const hex = createHash('sha256').update(parts.join('\0')).digest('hex')
  // A UUID of version 8 (made by the application), RFC 9562.
  return `<urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}>`
}

/**
 * A WARC-Date: the release's time, with fractions of a second only when it has any.
 * @example warcDate('2024-06-12T08:30:00.000Z') // '2024-06-12T08:30:00Z'
 */
export const warcDate = (iso: string): string => new Date(iso).toISOString().replace(/\.000Z$/, 'Z')

/**
 * The Content-Type the server sends for a site file (as express's `res.type` has it).
 * @example fileContentType('a/index.html') // 'text/html; charset=utf-8'
 */
export const fileContentType = (file: string): string =>
  contentType(path.extname(file) || '.html') || 'application/octet-stream'

export type WarcSource = {
  /** The release's id and time (WARC-Date of every record). */
  release: string
  publishedAt: string
  /** The report's title and the site's address. */
  report: string
  site: string
  /** The site's folder, and the files of it to archive (relative to it), in order. */
  root: string
  files: string[]
}

/** The WARC of a release, gzip-compressed record by record: its bytes. */
export const releaseWarc = async (source: WarcSource): Promise<Buffer> => {
  const date = warcDate(source.publishedAt)
  const filename = `${source.release}.warc.gz`
  const infoId = recordId(source.release, 'warcinfo')
  const info = WARCRecord.createWARCInfo(
    { filename, warcVersion: WARC_VERSION, date, warcHeaders: { 'WARC-Record-ID': infoId } },
    {
      software: 'warcio.js 2.4.11',
      format: 'WARC File Format 1.1',
      conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
      isPartOf: source.report,
      description: `Utgivelsen ${source.release}: sidene den publiserte, manifestet og filene sidene bruker, på adressene de hadde.`,
    },
  )
  const parts: Array<Promise<Buffer>> = [serialize(info)]
  for (const file of source.files) {
    const body = fs.readFileSync(path.join(source.root, file))
    const url = fileUrl(source.site, file)
    const record = WARCRecord.create(
      {
        url,
        date,
        type: 'response',
        warcVersion: WARC_VERSION,
        warcHeaders: { 'WARC-Record-ID': recordId(source.release, url), 'WARC-Warcinfo-ID': infoId },
        httpHeaders: { 'Content-Type': fileContentType(file), 'Content-Length': String(body.length) },
      },
      [body],
    )
    parts.push(serialize(record))
  }
  return Buffer.concat(await Promise.all(parts))
}

// ---------------------------------------------------------------------------------------------
// Reading

export type WarcEntry = {
  /** The record's place in the file, from 1. */
  index: number
  type: string
  url: string | null
  date: string | null
  /** The HTTP Content-Type of a response. */
  contentType: string | null
  payloadDigest: string | null
  /** The payload: for a response, the body after its HTTP headers. */
  payload: Buffer
}

/** Every record of a WARC file (plain or gzip-compressed), read with warcio's parser. */
export const readWarc = async (file: string): Promise<WarcEntry[]> => {
  const entries: WarcEntry[] = []
  for await (const record of WARCParser.iterRecords(fs.createReadStream(file))) {
    const payload = Buffer.from(await record.readFully(false))
    entries.push({
      index: entries.length + 1,
      type: record.warcType ?? '',
      url: record.warcTargetURI ?? null,
      date: record.warcDate ?? null,
      contentType: record.httpHeaders?.headers.get('Content-Type') ?? null,
      payloadDigest: record.warcPayloadDigest ?? null,
      payload,
    })
  }
  return entries
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/**
 * RFC 4648 base32, as WARC digests are often written (`sha1:…`).
 * @example base32(Buffer.from('foobar')) // 'MZXW6YTBOI======'
 */
export const base32 = (bytes: Uint8Array): string => {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=')
}

/**
 * Whether a WARC digest (`sha256:<hex>`, `sha1:<base32>`, either algorithm in hex or base32)
 * is that of `payload`; null when the algorithm is not one of these.
 */
export const digestMatches = (digest: string, payload: Uint8Array): boolean | null => {
  const [label, value = ''] = digest.split(/:(.*)/s)
  const algorithm = { sha256: 'sha256', 'sha-256': 'sha256', sha1: 'sha1', 'sha-1': 'sha1' }[label.toLowerCase()]
  if (!algorithm) return null
  const hash = createHash(algorithm).update(payload).digest()
  const v = value.trim()
  return (
    v.toLowerCase() === hash.toString('hex') || v.toUpperCase().replace(/=+$/, '') === base32(hash).replace(/=+$/, '')
  )
}
