import type { APIRoute, InferGetStaticPropsType } from 'astro'

import { revisionBlocks } from '../../../../lib/diff'
import { routes } from '../../../../lib/pages'
import { revisionTexts } from '../../../../lib/revisionTexts'
import { paths } from '../../../../lib/site'

/** Only chapters with two revisions or more: the history page offers the comparison only then. */
export const getStaticPaths = paths(routes.revisionTexts)

/** Every revision's text as blocks, each distinct block once: what the history page's "compare any two" works from. */
export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props }) => {
  const { revisions } = props
  const body = revisionTexts(
    revisions.map((r) => ({ revision: r.revision, publishedAt: r.publishedAt, blocks: revisionBlocks(r) })),
  )
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })
}
