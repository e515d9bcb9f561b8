import type { APIRoute } from 'astro'

import { sitemapUrls } from '../lib/pages'
import { siteData } from '../lib/site'
import { xmlDocument } from '../lib/xml'

/** The site's hand-written and fixed pages: every page file without a parameter in its name. */
const fixedPages = Object.keys(import.meta.glob(['./**/*.astro', './**/*.mdx']))
  .filter((f) => !f.includes('[') && !f.endsWith('/404.astro'))
  .map((f) =>
    f
      .slice(1)
      .replace(/(index)?\.(astro|mdx)$/, '')
      .replace(/([^/])$/, '$1/'),
  )

/** Every page of the site: written from the content, so a partial build lists them all too. Addresses are escaped as XML text. */
export const GET: APIRoute = async ({ site }) => {
  const base = site!.toString().replace(/\/$/, '')
  const url = sitemapUrls(fixedPages, await siteData()).map((u) => ({ loc: `${base}${u}` }))
  const body = xmlDocument('urlset', { '@xmlns': 'http://www.sitemaps.org/schemas/sitemap/0.9', url })
  return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8' } })
}
