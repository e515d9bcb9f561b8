import type { APIRoute } from 'astro'

import { citationBibtex, citationOf } from '../../../../../lib/citation'
import { routes, type Props } from '../../../../../lib/pages'
import { paths } from '../../../../../lib/site'

export const getStaticPaths = paths(routes.citationBib)

/** A version's citation in BibTeX, for reference managers (see lib/citation.ts). */
export const GET: APIRoute = ({ props, site }) => {
  const { chapter, citation } = props as Props<typeof routes.citationBib>
  return new Response(citationBibtex(citationOf(citation, site), chapter), { headers: { 'content-type': 'text/x-bibtex; charset=utf-8' } })
}
