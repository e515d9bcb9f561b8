import fs from 'node:fs'
import path from 'node:path'

import type { Express, Request } from 'express'
import type { Payload } from 'payload'

import { buildSite } from '../../../scripts/build-site'
import { chapterUrl } from '../../../site/src/lib/model'
import { buildSnapshot } from '../export/snapshot'
import { snapshotFiles, writeSnapshot } from '../export/write'
import { siteRenderer } from './liveSite'

/** Where an editor previews a chapter's draft. */
export const previewPath = (id: string | number) => `/forhandsvisning/kapittel/${id}/`

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
  const work = fs.mkdtempSync(path.join(previews, `${id.replace(/[^\w-]/g, '')}-`))
  try {
    const { snapshot, chapters, preview } = await buildSnapshot(payload, { previewChapter: id })
    writeSnapshot(path.join(work, 'snapshot'), snapshotFiles(snapshot, chapters))
    const file = `${chapterUrl(preview!).slice(1)}index.html`
    // Astro's content cache in the preview's own folder too, so nothing of it outlives the request.
    await buildSite({ snapshot: path.join(work, 'snapshot'), out: path.join(work, 'out'), cacheDir: path.join(work, 'astro-cache'), only: [file], quiet: true, renderer: siteRenderer() })
    const html = fs.readFileSync(path.join(work, 'out', file), 'utf8')
    return html.replace(/<body([^>]*)>/, `<body$1>${BANNER}`).replace('<head>', '<head><meta name="robots" content="noindex, nofollow">')
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

/** The preview route: logged-in users only, never cached, never indexed. */
export const servePreview = (app: Express, payload: Payload, dataDir: string) => {
  app.get('/forhandsvisning/kapittel/:id/', async (req, res) => {
    res.setHeader('Cache-Control', 'private, no-store')
    res.setHeader('X-Robots-Tag', 'noindex, nofollow')
    const { user } = await payload.auth({ headers: headersOf(req) })
    if (!user) {
      return res
        .status(401)
        .type('html')
        .send(`<!doctype html><html lang="nb"><meta charset="utf-8"><title>Logg inn for å forhåndsvise</title><p>Forhåndsvisning krever innlogging. <a href="/admin/login?redirect=${encodeURIComponent(req.originalUrl)}">Logg inn</a></p></html>`)
    }
    try {
      res.type('html').send(await renderPreview(payload, dataDir, req.params.id))
    } catch (error) {
      const message = (error as Error).message
      const status = /not found/i.test(message) ? 404 : 500
      payload.logger[status === 404 ? 'warn' : 'error']({ msg: 'preview failed', chapter: req.params.id, error: message.slice(0, 2000) })
      res.status(status).type('text').send(status === 404 ? 'Fant ikke kapitlet.' : `Forhåndsvisningen kunne ikke lages: ${message.split('\n')[0]}`)
    }
  })
}
