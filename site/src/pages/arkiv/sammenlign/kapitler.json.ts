import type { APIRoute } from 'astro'

import { compareIndex } from '../../../lib/releaseChanges'
import { siteData } from '../../../lib/site'

/** Every release and every chapter's versions without their text: what the server compares any two releases from. */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(compareIndex(await siteData())), { headers: { 'content-type': 'application/json' } })
