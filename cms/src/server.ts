import type { Server } from 'node:http'

import express from 'express'
import next from 'next'
import { getPayload, type Payload } from 'payload'

import config from './payload.config'
import { databaseKind } from './lib/database'
import { setListeningPort, siteUrl } from './lib/siteUrl'
import { CMS_DIR, CONTENT_DIR, DATA_DIR } from './lib/paths'
import { seedIfEmpty } from './seed/seedContent'
import { liveSiteDir, stopSiteRenderer } from './publishing/liveSite'
import { servePreview } from './publishing/preview'
import { setSiteBuilder } from './publishing/builderRegistry'
import { SiteBuilder } from './publishing/siteBuilder'
import { siteHandler } from './serving/serveSite'
import { createReadCache, databaseFileStamp } from './serving/readCache'
import { adminHeaders, readerSiteHeaders } from './security/headers'
import { CROSS_ORIGIN_WRITE_MESSAGE, isCrossOriginWrite, publicOrigin } from './security/origins'

const ADMIN_PATHS = /^\/(admin|api|_next|__nextjs[^/]*)(\/|$)/
/** The reader site's JSON API, which lives beside Payload's under /api. */
const SITE_API = /^\/api\/[a-z0-9-]+\.json$/

/** How long an idle keep-alive connection stays open: longer than clients and proxies keep one. */
const KEEP_ALIVE_MS = 65_000

export type RunningServer = {
  url: string
  server: Server
  payload: Payload
  siteBuilt: Promise<void>
  close: () => Promise<void>
}

/**
 * The express server: /healthz, the Payload admin app (the admin at /admin, REST and GraphQL
 * at /api) and the built reader site at /.
 */
export const startServer = async (opts: {
  dev: boolean
  port: number
  host?: string
  /** Build the reader site from the published content on start (default true). */
  buildSite?: boolean
}): Promise<RunningServer> => {
  // cron: the jobs queue runs in this process (scheduled publishes; see payload.config.ts).
  const payload = await getPayload({ config, cron: true })
  const seeded = await seedIfEmpty(payload, CONTENT_DIR)
  if (seeded) payload.logger.info({ msg: 'empty database: loaded the report from content/', ...seeded })
  // Published changes rebuild the reader site (see hooks/requestSiteBuild.ts). Requests a
  // stopped server left in the data folder are built on this start.
  const builder = new SiteBuilder(payload, DATA_DIR)
  setSiteBuilder(builder)
  const nextApp = next({ dev: opts.dev, dir: CMS_DIR })
  await nextApp.prepare()
  const handle = nextApp.getRequestHandler()

  const app = express()
  app.disable('x-powered-by')

  // Security headers on every answer: the admin's policy for the admin app and the API, the
  // reader site's for everything else (see security/headers.ts).
  const headerOptions = { production: process.env.NODE_ENV === 'production', dev: opts.dev }
  const siteHeaders = readerSiteHeaders(headerOptions)
  const appHeaders = adminHeaders(headerOptions)
  app.use((req, res, next) =>
    ADMIN_PATHS.test(req.path) && !SITE_API.test(req.path) ? appHeaders(req, res, next) : siteHeaders(req, res, next),
  )
  // A write sent from a page of another origin is refused, whatever cookie comes with it.
  const allowedOrigin = publicOrigin()
  app.use((req, res, next) => {
    const write = {
      method: req.method,
      origin: req.get('origin'),
      fetchSite: req.get('sec-fetch-site'),
      host: req.get('host'),
    }
    if (!isCrossOriginWrite(write, allowedOrigin)) return next()
    payload.logger.info({
      msg: 'cross-origin write refused',
      method: req.method,
      path: req.path,
      origin: write.origin ?? null,
      fetchSite: write.fetchSite ?? null,
    })
    res.status(403).json({ errors: [{ message: CROSS_ORIGIN_WRITE_MESSAGE }] })
  })

  // 'ok' when the live site shows everything published; 'degraded' (still 200: the site is
  // served) when a failed build or a document the export cannot take keeps published content
  // off it, with since when; 503 when the database does not answer.
  app.get('/healthz', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store')
    try {
      await payload.count({ collection: 'editions', overrideAccess: true })
      const last = builder.lastBuild()
      const degraded = builder.degraded()
      res.json({
        status: degraded ? 'degraded' : 'ok',
        database: databaseKind(process.env.DATABASE_URL),
        site: {
          liveBuild: builder.liveBuild(),
          lastBuild: last
            ? { id: last.id, result: last.result, finishedAt: last.finishedAt, durationMs: last.durationMs }
            : null,
          building: builder.isBuilding(),
          queued: builder.queued().length,
          retry: builder.retryState(),
          degraded,
        },
      })
    } catch (error) {
      payload.logger.error({ err: error, msg: 'health check failed' })
      res.status(503).json({ status: 'error', database: databaseKind(process.env.DATABASE_URL) })
    }
  })

  // The reader site: every path that is not the admin app's. Its JSON API
  // (/api/revisjoner.json, /api/utgivelser.json) lives beside Payload's under /api.
  const site = siteHandler(() => liveSiteDir(DATA_DIR))
  app.get(SITE_API, site)
  // Drafts in the site's design, for logged-in users only (see site/preview.ts).
  servePreview(app, payload, DATA_DIR)
  // The admin app owns /admin, /api and its assets; the reader site has everything else, and
  // answers every path it gets (its 404 page for an unknown one).
  // Anonymous reads of the content over REST are answered from a cache that every change
  // of the content empties (see serving/readCache.ts).
  const readCache = createReadCache(databaseFileStamp(process.env.DATABASE_URL, DATA_DIR))
  app.use((req, res, next) =>
    ADMIN_PATHS.test(req.path) ? readCache.handle(req, res, () => handle(req, res)) : next(),
  )
  app.use(site)

  const host = opts.host ?? '0.0.0.0'
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(opts.port, host, () => resolve(s))
    s.once('error', reject)
  })
  // An idle keep-alive connection is closed by the client or a proxy in front, which keep them
  // for up to a minute, not by the server while one of them may be sending the next request
  // on it (Node's own default is 5 s, which drops such requests).
  server.keepAliveTimeout = KEEP_ALIVE_MS
  server.headersTimeout = KEEP_ALIVE_MS + 1000
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : opts.port
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`
  // Without SITE_URL (development), the site is built for http://localhost:<this port>.
  setListeningPort(port)
  payload.logger.info({ msg: 'server listening', url, admin: `${url}/admin`, site: siteUrl() })
  // The reader site is built from the published content after start, together with what the
  // last run left queued; until the first build is done, / leads to the admin.
  if (opts.buildSite !== false) builder.request('start')
  else builder.resume()
  const siteBuilt = builder.idle()

  const close = async () => {
    await builder.idle()
    builder.stop()
    await stopSiteRenderer()
    setSiteBuilder(undefined)
    setListeningPort(undefined)
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await nextApp.close?.()
    await payload.destroy()
  }
  return { url, server, payload, siteBuilt, close }
}
