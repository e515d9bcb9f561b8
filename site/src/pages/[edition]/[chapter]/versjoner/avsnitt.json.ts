import type { APIRoute, InferGetStaticPropsType } from 'astro'

import { routes } from '../../../../lib/pages'
import { removedParagraphs } from '../../../../lib/paragraphs'
import { paths } from '../../../../lib/site'

/** Only chapters with two revisions or more: a chapter of one version has lost no paragraph. */
export const getStaticPaths = paths(routes.removedParagraphs)

/** Each paragraph id the chapter's text lost, with the comparisons where it did (see lib/paragraphs.ts). */
export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props }) => {
  const { revisions } = props
  return new Response(JSON.stringify(removedParagraphs(revisions)), { headers: { 'content-type': 'application/json' } })
}
