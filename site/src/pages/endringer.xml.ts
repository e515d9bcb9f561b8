import type { APIRoute } from 'astro'

import { changesFeed } from '../lib/feed'
import { siteData } from '../lib/site'

/** The major changes and withdrawals as an Atom feed, newest first (see lib/feed.ts); links under the site's public address. */
export const GET: APIRoute = async ({ site }) => {
  const base = site!.toString().replace(/\/$/, '')
  return new Response(changesFeed(await siteData(), base), {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8' },
  })
}
