import type { APIRoute } from 'astro'

import { htmlBlocks } from '../../../../lib/diff'
import { chapterPaths } from '../../../../lib/site'
import type { Chapter } from '../../../../lib/snapshot/schema'

export const getStaticPaths = chapterPaths

/** Every revision's text as blocks: what the history page's "compare any two" works from. */
export const GET: APIRoute = ({ props }) => {
  const { chapter } = props as { chapter: Chapter }
  const body = { revisions: chapter.revisions.map((r) => ({ revision: r.revision, publishedAt: r.publishedAt, blocks: htmlBlocks(r.html, r.footnotes) })) }
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })
}
