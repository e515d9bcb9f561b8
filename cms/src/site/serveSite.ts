import fs from 'node:fs'
import path from 'node:path'

import express, { type Express, type RequestHandler } from 'express'

import { candidateFiles, readOverlay } from '../../../scripts/site-build/overlay'

const staticOptions: Parameters<typeof express.static>[1] = {
  extensions: ['html'],
  index: 'index.html',
  redirect: true,
  dotfiles: 'ignore',
  setHeaders: (res, file) => {
    if (/\/_astro\//.test(file)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
    else res.setHeader('Cache-Control', 'public, max-age=60')
  },
}

/** The static handlers of the folders served lately (at most a few: the live build and the one before). */
const handlers = new Map<string, { own: RequestHandler; overlay: { base: RequestHandler; files: ReadonlySet<string> } | null }>()

const handlersOf = (dir: string) => {
  let h = handlers.get(dir)
  if (!h) {
    const overlay = readOverlay(dir)
    h = { own: express.static(dir, staticOptions), overlay: overlay && { base: express.static(overlay.base, staticOptions), files: overlay.files } }
    if (handlers.size >= 4) handlers.delete(handlers.keys().next().value!)
    handlers.set(dir, h)
  }
  return h
}

/**
 * Serves the built reader site at / from `siteDir`: its pages, its own 404 page for unknown
 * addresses, and long caching for fingerprinted assets. A folder with an overlay file (a build's
 * new pages, live before the build is whole) is served over its base build, for the files the
 * overlay names. Without a built site, / leads to the admin UI instead. Routes registered before
 * this one (/admin, /api, /healthz) win.
 */
export const serveSite = (app: Express, siteDir: () => string | null) => {
  app.use((req, res, next) => {
    const dir = siteDir()
    if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
      if (req.path === '/') return res.redirect(302, '/admin')
      return next()
    }
    const { own, overlay } = handlersOf(dir)
    const notFound = () => {
      const page = path.join(dir, '404.html')
      if ((req.method === 'GET' || req.method === 'HEAD') && fs.existsSync(page)) return res.status(404).sendFile(page)
      return next()
    }
    return own(req, res, () => {
      if (overlay && candidateFiles(req.path).some((f) => overlay.files.has(f))) return overlay.base(req, res, notFound)
      return notFound()
    })
  })
}
