import fs from 'node:fs'
import path from 'node:path'

import type { Express, Request } from 'express'
import type { Payload } from 'payload'

import { buildSite } from '@rapport/site/builder/build'
import { chapterUrl } from '@rapport/site/lib/model'
import { buildSnapshot } from '../export/snapshot'
import { snapshotFiles, writeSnapshot } from '../export/write'
import { idKindOf, isWellFormedId } from '../lib/ids'
import { previewPath } from '../lib/previewPath'
import { siteUrl } from '../lib/siteUrl'
import { siteRenderer } from './liveSite'

const headersOf = (req: Request): Headers => {
  const headers = new Headers()
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(key, value)
    else if (Array.isArray(value)) headers.set(key, value.join(', '))
  }
  return headers
}

const BANNER =
  '<div class="preview-banner" role="note"><strong>Forhåndsvisning av utkast – ikke publisert.</strong> Slik blir kapitlet seende ut om utkastet publiseres nå. Adressen virker bare for innloggede redaktører.</div>'

/**
 * Renders a chapter's draft as its page would look if published now, in the site's own design:
 * the published content plus the draft as the next revision, built with the live site's
 * renderer into a private folder that is removed once the page is read. Never written to the
 * live site, the snapshot or the public API.
 */
export const renderPreview = async (payload: Payload, dataDir: string, id: string): Promise<string> => {
  const previews = path.join(dataDir, 'previews')
  fs.mkdirSync(previews, { recursive: true })
  // The folder's name is the server's own: nothing of the address a request typed.
  const work = fs.mkdtempSync(path.join(previews, 'kapittel-'))
  try {
    const { snapshot, chapters, preview } = await buildSnapshot(payload, { previewChapter: id })
    writeSnapshot(path.join(work, 'snapshot'), snapshotFiles(snapshot, chapters))
    const file = `${chapterUrl(preview!).slice(1)}index.html`
    // Astro's content cache in the preview's own folder too, so nothing of it outlives the request.
    await buildSite({
      snapshot: path.join(work, 'snapshot'),
      out: path.join(work, 'out'),
      cacheDir: path.join(work, 'astro-cache'),
      only: [file],
      quiet: true,
      siteUrl: siteUrl(),
      renderer: siteRenderer(),
    })
    const html = fs.readFileSync(path.join(work, 'out', file), 'utf8')
    return html
      .replace(/<body([^>]*)>/, `<body$1>${BANNER}`)
      .replace('<head>', '<head><meta name="robots" content="noindex, nofollow">')
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

export const PREVIEW_NOT_FOUND = 'Fant ikke kapitlet.'
export const PREVIEW_FAILED =
  'Forhåndsvisningen kunne ikke lages. Feilen er logget; prøv igjen, eller si fra om den gjentar seg.'

/**
 * The preview route: logged-in users only, never cached, never indexed. An id that names no
 * chapter answers 404; a failure answers 500 without its details (they are logged).
 */
export const servePreview = (app: Express, payload: Payload, dataDir: string) => {
  app.get(previewPath(':id'), async (req, res) => {
    res.setHeader('Cache-Control', 'private, no-store')
    res.setHeader('X-Robots-Tag', 'noindex, nofollow')
    const { user } = await payload.auth({ headers: headersOf(req) })
    if (!user) {
      return res
        .status(401)
        .type('html')
        .send(
          `<!doctype html><html lang="nb"><meta charset="utf-8"><title>Logg inn for å forhåndsvise</title><p>Forhåndsvisning krever innlogging. <a href="/admin/login?redirect=${encodeURIComponent(req.originalUrl)}">Logg inn</a></p></html>`,
        )
    }
    const id = String(req.params.id)
    if (!isWellFormedId(id, idKindOf(payload, 'chapters'))) return res.status(404).type('text').send(PREVIEW_NOT_FOUND)
    try {
      res.type('html').send(await renderPreview(payload, dataDir, id))
    } catch (error) {
      // Not found is Payload's NotFound (status 404); another refusal (4xx) was written for the
      // editor and is told as it is; anything else is the server's failure, told in one
      // sentence, its details only logged.
      const given = (error as { status?: unknown }).status
      const status = typeof given === 'number' && given >= 400 && given < 500 ? given : 500
      payload.logger[status < 500 ? 'warn' : 'error']({ msg: 'preview failed', chapter: id.slice(0, 100), err: error })
      res
        .status(status)
        .type('text')
        .send(status === 404 ? PREVIEW_NOT_FOUND : status < 500 ? (error as Error).message : PREVIEW_FAILED)
    }
  })
}
