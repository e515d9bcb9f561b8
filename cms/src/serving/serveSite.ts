import fs from 'node:fs'
import path from 'node:path'

import type { Express, Request, RequestHandler, Response } from 'express'
import Negotiator from 'negotiator'
import send from 'send'

import { readOverlay } from '@rapport/site/builder/overlay'
import {
  answerArchiveDate,
  ARCHIVE_DATE_PARAM,
  ARCHIVE_DATE_PATH,
  type ReleaseDay,
} from '@rapport/site/lib/archiveDate'
import { osloDayOrNull } from '../lib/dates'
import { siteFolders, type FolderLeases } from '../publishing/folderLeases'
import { RELEASE_COMPARE_PATH } from '@rapport/site/lib/releaseChanges'
import { releaseCompareResponse } from './releaseCompare'

/**
 * A folder being served: a whole build, or a build's new pages over the build before it. A
 * build folder never changes while it is served, so where each name leads is looked up once.
 */
type SiteView = {
  dir: string
  overlay: { base: string; files: ReadonlySet<string> } | null
  found: Map<string, string | null>
}

/** Names looked up per folder at most: every page with its two compressed copies, for a report many times this one's size. */
const FOUND_MAX = 100_000

/** Where a request path leads in a view. */
export type Resolved =
  { kind: 'file'; rel: string; file: string } | { kind: 'redirect'; location: string } | { kind: 'notFound' }

/** Encodings a build stores beside a file (`index.html.br`, `index.html.gz`), best first. */
export const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const

/**
 * How long a browser may keep a file: fingerprinted assets for a year, everything else only
 * after asking again (the ETag or Last-Modified answers 304 when it did not change), so a
 * reader sees a publish at once.
 * @example cacheControlFor('_astro/site.abc123.css') // 'public, max-age=31536000, immutable'
 * @example cacheControlFor('arsrapport-2023/index.html') // 'no-cache'
 */
export const cacheControlFor = (rel: string): string =>
  rel.startsWith('_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache'

/**
 * The file path a request path names, relative to the site's root, or null when it may not be
 * served: a path that does not decode, climbs out of the root, or names a hidden file (the
 * build's own `.build.json` and `.overlay.json`).
 * @example sitePath('/arsrapport-2023/') // 'arsrapport-2023/'
 * @example sitePath('/../etc/passwd') // null
 * @example sitePath('//andre.example/') // null
 */
export const sitePath = (urlPath: string): string | null => {
  let p: string
  try {
    p = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (!p.startsWith('/') || p.includes('\0') || p.includes('\\')) return null
  const segments = p.split('/').slice(1)
  // An empty segment (`//`) is refused too: it would make a redirect to another host.
  if (segments.some((s, i) => s === '..' || s.startsWith('.') || (s === '' && i < segments.length - 1))) return null
  return segments.join('/')
}

const isFile = async (file: string) => {
  try {
    return (await fs.promises.stat(file)).isFile()
  } catch {
    return false
  }
}

/** The file a view serves under a relative name: its own, or one its overlay takes from the build before. */
const locate = async (view: SiteView, rel: string): Promise<string | null> => {
  const known = view.found.get(rel)
  if (known !== undefined) return known
  const own = path.join(view.dir, rel)
  const file = (await isFile(own)) ? own : view.overlay?.files.has(rel) ? path.join(view.overlay.base, rel) : null
  if (view.found.size < FOUND_MAX) view.found.set(rel, file)
  return file
}

/**
 * Resolves a request path in a view: the file itself, with `.html`, or the folder's index page;
 * a folder's address without its final slash is redirected to the one with it.
 */
export const resolveSitePath = async (view: SiteView, urlPath: string, search = ''): Promise<Resolved> => {
  const rel = sitePath(urlPath)
  if (rel === null) return { kind: 'notFound' }
  const candidates = rel === '' || rel.endsWith('/') ? [`${rel}index.html`] : [rel, `${rel}.html`]
  for (const candidate of candidates) {
    const file = await locate(view, candidate)
    if (file) return { kind: 'file', rel: candidate, file }
  }
  if (rel !== '' && !rel.endsWith('/') && (await locate(view, `${rel}/index.html`)))
    return { kind: 'redirect', location: `${urlPath}/${search}` }
  return { kind: 'notFound' }
}

const views = new Map<string, SiteView>()

/** The view of a folder: read once, since a build folder never changes while it is served. */
const viewOf = (dir: string): SiteView => {
  let view = views.get(dir)
  if (!view) {
    view = { dir, overlay: readOverlay(dir), found: new Map() }
    if (views.size >= 8) views.delete(views.keys().next().value!)
    views.set(dir, view)
  }
  return view
}

/**
 * The stored copy of a file to send for this request: of the encodings the build made of it,
 * the one the client prefers (brotli before gzip when it takes both alike), or none.
 */
const chooseEncoding = async (req: Request, view: SiteView, rel: string) => {
  const stored = new Map<string, string>()
  for (const encoding of ENCODINGS) {
    const file = await locate(view, `${rel}${encoding.suffix}`)
    if (file) stored.set(encoding.name, file)
  }
  // The client's order by quality; among equals (browsers send `gzip, deflate, br` alike), ours.
  const preferred = stored.size
    ? (new Negotiator(req) as EncodingNegotiator).encodings([...stored.keys(), 'identity'], {
        preferred: ENCODINGS.map((e) => e.name),
      })[0]
    : undefined
  const file = preferred ? stored.get(preferred) : undefined
  return { stored: stored.size > 0, encoding: file ? preferred! : null, file: file ?? null }
}

/** Negotiator 1.x's encodings(), whose tie-break by the server's order its published types do not know yet. */
type EncodingNegotiator = { encodings: (available: string[], options: { preferred: string[] }) => string[] }

const NOT_BUILT = `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Nettstedet bygges</title></head>
<body><h1>Nettstedet bygges</h1><p>Rapporten blir tilgjengelig her om litt. Prøv igjen om noen sekunder.</p></body></html>
`

/** Types of the files the site offers for download that express does not name (a version's citation as RIS and BibTeX). */
const DOWNLOAD_TYPES: Record<string, string> = {
  '.ris': 'application/x-research-info-systems; charset=utf-8',
  '.bib': 'text/x-bibtex; charset=utf-8',
}

/** Sends one file of a view with its type, encoding, validators and caching; resolves when the response is done. */
const sendFile = async (req: Request, res: Response, view: SiteView, rel: string, file: string, status = 200) => {
  const { stored, encoding, file: encoded } = await chooseEncoding(req, view, rel)
  res.type(DOWNLOAD_TYPES[path.extname(rel)] ?? (path.extname(rel) || '.html'))
  if (stored) res.vary('Accept-Encoding')
  if (encoding) res.setHeader('Content-Encoding', encoding)
  res.setHeader('Cache-Control', cacheControlFor(rel))
  if (status !== 200) {
    // An error page is never answered with 304: send it whole.
    res.status(status).send(await fs.promises.readFile(encoded ?? file))
    return
  }
  await new Promise<void>((resolve) => {
    const stream = send(req, encoded ?? file, {
      dotfiles: 'allow',
      index: false,
      cacheControl: false,
      etag: true,
      lastModified: true,
    })
    stream.on('error', (error: { status?: number }) => {
      if (!res.headersSent) res.status(error.status ?? 500).end()
      else res.destroy()
      resolve()
    })
    stream.on('end', () => resolve())
    res.once('close', () => resolve())
    stream.pipe(res)
  })
}

/** The releases of a view, as the archive's date form needs them, from the build's /api/utgivelser.json. */
const releaseDaysOf = async (view: SiteView): Promise<ReleaseDay[]> => {
  const file = await locate(view, 'api/utgivelser.json')
  if (!file) return []
  const { releases } = JSON.parse(await fs.promises.readFile(file, 'utf8')) as {
    releases: Array<{ id: string; publishedAt: string }>
  }
  return releases.map((release) => ({ id: release.id, day: osloDayOrNull(release.publishedAt) ?? '' }))
}

/**
 * The archive's date form sent without JavaScript (`/arkiv/dato/?d=2025-01-01`): a redirect to
 * the release the report stood at on that day, or the form's own page again, with 400 for a
 * day that is not a date and 404 for one before the first release.
 */
const answerArchiveDateForm = async (req: Request, res: Response, view: SiteView) => {
  const result = answerArchiveDate(await releaseDaysOf(view), req.query[ARCHIVE_DATE_PARAM])
  if (result.kind === 'release') return res.set('Cache-Control', 'no-cache').redirect(303, result.location)
  const rel = `${ARCHIVE_DATE_PATH.slice(1)}index.html`
  const page = await locate(view, rel)
  if (!page) return res.status(404).type('text/plain; charset=utf-8').send('Fant ikke siden.')
  return sendFile(req, res, view, rel, page, result.kind === 'invalid' ? 400 : 404)
}

/**
 * The comparison of two releases that the build has no page for, and its form sent without
 * JavaScript (see releaseCompare.ts); false when there is nothing to answer (404).
 */
const answerReleaseCompare = async (req: Request, res: Response, view: SiteView): Promise<boolean> => {
  const compared = await releaseCompareResponse(req.path, req.query, (rel) => locate(view, rel))
  if (!compared || compared.status === 404) return false
  res.set('Cache-Control', 'no-cache')
  if ('location' in compared) res.redirect(compared.status, compared.location)
  else res.status(compared.status).type('html').send(compared.html)
  return true
}

/** Answers a request from a view: its file, a redirect, or the site's own 404 page. */
const answer = async (req: Request, res: Response, view: SiteView) => {
  if (req.path === ARCHIVE_DATE_PATH && req.query[ARCHIVE_DATE_PARAM] !== undefined)
    return answerArchiveDateForm(req, res, view)
  if (
    req.path === RELEASE_COMPARE_PATH &&
    (req.query.fra !== undefined || req.query.til !== undefined) &&
    (await answerReleaseCompare(req, res, view))
  )
    return
  const resolved = await resolveSitePath(view, req.path, req.url.slice(req.path.length))
  if (resolved.kind === 'redirect') return res.redirect(301, resolved.location)
  if (resolved.kind === 'file') return sendFile(req, res, view, resolved.rel, resolved.file)
  if (await answerReleaseCompare(req, res, view)) return
  const page = await locate(view, '404.html')
  if (page) return sendFile(req, res, view, '404.html', page, 404)
  return res.status(404).type('text/plain; charset=utf-8').send('Fant ikke siden.')
}

/**
 * A handler that serves the built reader site from `siteDir()` (the live build). Every request
 * is answered here, never passed on: GET and HEAD from the build it started on (a lease keeps
 * that folder, and the build an overlay serves from, until the response is done), other
 * methods with 405. Before the first build, / leads to the admin UI and other paths answer 503.
 */
export const siteHandler =
  (siteDir: () => string | null, leases: FolderLeases = siteFolders): RequestHandler =>
  (req, res, next) => {
    const dir = siteDir()
    if (!dir) {
      if (req.path === '/') return res.redirect(302, '/admin')
      return res.status(503).set({ 'Retry-After': '10', 'Cache-Control': 'no-store' }).type('html').send(NOT_BUILT)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return res
        .status(405)
        .set('Allow', 'GET, HEAD')
        .type('text/plain; charset=utf-8')
        .send('Bare GET og HEAD er tillatt her.')
    const release = [leases.acquire(dir)]
    let view: SiteView
    try {
      view = viewOf(dir)
    } catch (error) {
      release.forEach((r) => r())
      return next(error)
    }
    if (view.overlay) release.push(leases.acquire(view.overlay.base))
    res.once('close', () => release.forEach((r) => r()))
    answer(req, res, view).catch((error: unknown) => {
      if (!res.headersSent) next(error)
      else res.destroy()
    })
  }

/**
 * Serves the built reader site at / from `siteDir`: its pages, its own 404 page for unknown
 * addresses, long caching for fingerprinted assets, revalidation for the rest, and the brotli or
 * gzip copy the build stored when the client takes it. A folder with an overlay file (a
 * build's new pages, live before the build is whole) is served over its base build, for the
 * files the overlay names. Routes registered before this one (/admin, /api, /healthz) win;
 * nothing after it is reached.
 */
export const serveSite = (app: Express, siteDir: () => string | null, leases: FolderLeases = siteFolders) => {
  app.use(siteHandler(siteDir, leases))
}
