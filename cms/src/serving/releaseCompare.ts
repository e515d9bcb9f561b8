import fs from 'node:fs'

import {
  answerReleaseCompare,
  fillRegion,
  parseReleaseComparisonPath,
  RELEASE_COMPARE_INDEX,
  RELEASE_COMPARE_PATH,
  releaseChanges,
  releaseCompareFormPageHtml,
  releaseComparisonHtml,
  releaseComparisonTitle,
  releaseComparisonUrl,
  type CompareIndex,
} from '@rapport/site/lib/releaseChanges'

/** What the server answers a comparison request with. */
export type CompareResponse =
  { status: 301 | 303; location: string } | { status: 200 | 400; html: string } | { status: 404 }

/** The comparison form's page, whose frame and region every answer uses. */
const FORM_PAGE = `${RELEASE_COMPARE_PATH.slice(1)}index.html`

/** Indexes read so far, by file: a build folder never changes while it is served. */
const indexes = new Map<string, CompareIndex>()

const readIndex = async (file: string): Promise<CompareIndex> => {
  let index = indexes.get(file)
  if (!index) {
    index = JSON.parse(await fs.promises.readFile(file, 'utf8')) as CompareIndex
    if (indexes.size >= 4) indexes.delete(indexes.keys().next().value!)
    indexes.set(file, index)
  }
  return index
}

/**
 * Answers the comparison of two releases for readers without JavaScript, from the build's
 * compact index and its form page: the form (`/arkiv/sammenlign/?fra=…&til=…`, each a release
 * or a day) with a redirect (303) to the comparison's address, or its page again with what was
 * wrong (400); a comparison's address that the build has no page for (two releases that are not
 * consecutive) with the comparison, in the same frame and markup as the static ones. Null for
 * any other request. `locate` finds a file of the build being served.
 */
export const releaseCompareResponse = async (
  urlPath: string,
  query: Record<string, unknown>,
  locate: (rel: string) => Promise<string | null>,
): Promise<CompareResponse | null> => {
  const form = urlPath === RELEASE_COMPARE_PATH && (query.fra !== undefined || query.til !== undefined)
  const pair = form ? null : parseReleaseComparisonPath(urlPath)
  if (!form && !pair) return null
  const [indexFile, pageFile] = await Promise.all([locate(RELEASE_COMPARE_INDEX), locate(FORM_PAGE)])
  if (!indexFile || !pageFile) return { status: 404 }
  const index = await readIndex(indexFile)
  const page = await fs.promises.readFile(pageFile, 'utf8')
  if (form) {
    const answer = answerReleaseCompare(index, query)
    if (answer.kind === 'redirect') return { status: 303, location: answer.location }
    const html = fillRegion(
      page,
      releaseCompareFormPageHtml(index.releases, answer.values, answer.errors),
      'Feil i skjemaet: Sammenlign utgivelser',
    )
    return html ? { status: 400, html } : { status: 404 }
  }
  const from = index.releases.find((r) => r.id === pair!.from)
  const to = index.releases.find((r) => r.id === pair!.to)
  if (!from || !to || from.id === to.id) return { status: 404 }
  if (from.publishedAt > to.publishedAt) return { status: 301, location: releaseComparisonUrl(to.id, from.id) }
  if (!pair!.slash) return { status: 301, location: releaseComparisonUrl(from.id, to.id) }
  const changes = releaseChanges(index, from, to)
  const html = fillRegion(
    page,
    releaseComparisonHtml(changes),
    releaseComparisonTitle(changes),
    releaseComparisonUrl(from.id, to.id),
  )
  return html ? { status: 200, html } : { status: 404 }
}
