import type { APIRoute } from 'astro'

import { htmlBlocks } from '../../../../lib/diff'
import { chapterPaths } from '../../../../lib/site'
import type { Chapter } from '../../../../lib/snapshot/schema'

/** Only chapters with two revisions or more: the history page offers the comparison only then. */
export const getStaticPaths = async () => (await chapterPaths()).filter((p) => p.props.chapter.revisions.length > 1)

/** Every revision's text as blocks: what the history page's "compare any two" works from. */
export const GET: APIRoute = ({ props }) => {
  const { chapter } = props as { chapter: Chapter }
  const body = { revisions: chapter.revisions.map((r) => ({ revision: r.revision, publishedAt: r.publishedAt, blocks: htmlBlocks(r.html, r.footnotes) })) }
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })
}
