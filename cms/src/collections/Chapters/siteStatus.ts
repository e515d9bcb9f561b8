import type { Endpoint } from 'payload'

import { roleOf } from '../../access/roles'
import { siteLink } from '../../lib/siteUrl'
import { COLLECTIONS } from '../../lib/slugs'
import { siteBuilder } from '../../publishing/builderRegistry'
import { publicationState, type PublicationState } from '../../publishing/publicationState'

export type ChapterSiteStatus =
  ({ publishedAt: string; url: string | null } & PublicationState) | { state: 'notPublished' } | { state: 'unknown' }

/**
 * GET /api/chapters/:id/site-status: whether the chapter's latest publish is live on the
 * reader site yet (see site/publicationState.ts), with the live page's address. The chapter's
 * edit view polls it after a publish. The address is under SITE_URL when it is set. Any signed-in role.
 */
export const siteStatusEndpoint: Endpoint = {
  path: '/:id/site-status',
  method: 'get',
  handler: async (req) => {
    if (!roleOf(req.user)) return Response.json({ errors: [{ message: 'Du må være innlogget.' }] }, { status: 403 })
    const id = String(req.routeParams?.id ?? '')
    const chapter = await req.payload
      .findByID({
        collection: COLLECTIONS.chapters,
        id,
        depth: 1,
        draft: false,
        overrideAccess: true,
        disableErrors: true,
        req,
      })
      .catch(() => null)
    const headers = { 'cache-control': 'no-store' }
    if (!chapter || chapter._status !== 'published' || typeof chapter.publishedAt !== 'string') {
      return Response.json({ state: 'notPublished' } satisfies ChapterSiteStatus, { headers })
    }
    const builder = siteBuilder()
    if (!builder) return Response.json({ state: 'unknown' } satisfies ChapterSiteStatus, { headers })
    const edition = typeof chapter.edition === 'object' ? chapter.edition.slug : null
    const url = edition && chapter.slug ? siteLink(`/${edition}/${chapter.slug}/`) : null
    const state = publicationState(builder.status(), `${COLLECTIONS.chapters}:${chapter.id}`, chapter.publishedAt)
    return Response.json({ ...state, publishedAt: chapter.publishedAt, url } satisfies ChapterSiteStatus, { headers })
  },
}
