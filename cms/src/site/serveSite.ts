import fs from 'node:fs'
import path from 'node:path'

import express, { type Express } from 'express'

/**
 * Serves the built reader site at / from `siteDir`: its pages, its own 404 page for unknown
 * addresses, and long caching for fingerprinted assets. Without a built site, / leads to the
 * admin UI instead. Routes registered before this one (/admin, /api, /healthz) win.
 */
export const serveSite = (app: Express, siteDir: () => string | null) => {
  app.use((req, res, next) => {
    const dir = siteDir()
    if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
      if (req.path === '/') return res.redirect(302, '/admin')
      return next()
    }
    return express.static(dir, {
      extensions: ['html'],
      index: 'index.html',
      redirect: true,
      setHeaders: (res, file) => {
        if (/\/_astro\//.test(file)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
        else res.setHeader('Cache-Control', 'public, max-age=60')
      },
    })(req, res, () => {
      const notFound = path.join(dir, '404.html')
      if ((req.method === 'GET' || req.method === 'HEAD') && fs.existsSync(notFound)) {
        return res.status(404).sendFile(notFound)
      }
      return next()
    })
  })
}
