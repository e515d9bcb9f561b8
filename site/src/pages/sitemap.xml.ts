import type { APIRoute } from 'astro'

import { sitemapUrls } from '../lib/pages'
import { siteData } from '../lib/site'

/** The site's hand-written and fixed pages: every page file without a parameter in its name. */
const fixedPages = Object.keys(import.meta.glob(['./**/*.astro', './**/*.mdx']))
  .filter((f) => !f.includes('[') && !f.endsWith('/404.astro'))
  .map((f) => f.slice(1).replace(/(index)?\.(astro|mdx)$/, '').replace(/([^/])$/, '$1/'))

/** Every page of the site: written from the content, so a partial build lists them all too. */
export const GET: APIRoute = async ({ site }) => {
  const base = (site ?? new URL('http://localhost:3000')).toString().replace(/\/$/, '')
  const urls = sitemapUrls(fixedPages, await siteData())
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.map((u) => `<url><loc>${base}${u}</loc></url>`).join('\n')}\n</urlset>\n`
  return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8' } })
}
