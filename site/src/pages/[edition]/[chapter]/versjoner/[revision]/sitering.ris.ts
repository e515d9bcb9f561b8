import type { APIRoute, InferGetStaticPropsType } from 'astro'

import { citationOf, citationRis } from '../../../../../lib/citation'
import { routes } from '../../../../../lib/pages'
import { paths } from '../../../../../lib/site'

export const getStaticPaths = paths(routes.citationRis)

/** A version's citation in RIS, for reference managers (see lib/citation.ts). */
export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props, site }) => {
  const { citation } = props
  return new Response(citationRis(citationOf(citation, site)), {
    headers: { 'content-type': 'application/x-research-info-systems; charset=utf-8' },
  })
}
