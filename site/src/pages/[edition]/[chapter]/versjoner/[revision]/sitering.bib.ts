import type { APIRoute, InferGetStaticPropsType } from 'astro'

import { citationBibtex, citationOf } from '../../../../../lib/citation'
import { routes } from '../../../../../lib/pages'
import { paths } from '../../../../../lib/site'

export const getStaticPaths = paths(routes.citationBib)

/** A version's citation in BibTeX, for reference managers (see lib/citation.ts). */
export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props, site }) => {
  const { chapter, citation } = props
  return new Response(citationBibtex(citationOf(citation, site), chapter), {
    headers: { 'content-type': 'text/x-bibtex; charset=utf-8' },
  })
}
