/**
 * What the export could not take: a published document whose content the snapshot schema
 * refuses. The export leaves such a document at its last version that it can take (or out of
 * the site, when none can), builds everything else, and names the document in Norwegian, so
 * one bad document never stops the others from being published.
 */

/** One document the export could not take as it is. */
export type ExportProblem = {
  /** The collection's slug (`chapters`, `editions`, …). */
  collection: string
  id: string
  /** The document's title (or number) as editors know it. */
  title: string
  /** What is wrong, in Norwegian: each field and the rule it breaks. */
  message: string
  /** What readers see instead: the last version the export could take, or nothing. */
  kept: 'previous' | 'none'
}

/** The collections as editors name them. */
export const COLLECTION_NAMES: Record<string, string> = {
  chapters: 'Kapittel',
  editions: 'Utgave',
  'goal-areas': 'Målområde',
  measures: 'Tiltak',
  news: 'Nyhet',
}

/** Field names as the admin labels them. */
const FIELD_NAMES: Record<string, string> = {
  slug: 'Adresse (slug)',
  edition: 'Utgave',
  title: 'Tittel',
  year: 'År',
  number: 'Nummer',
  parts: 'Deler',
  part: 'Del',
  kind: 'Type',
  status: 'Status',
  changeNote: 'Endringsnotat',
  updateType: 'Type endring',
  lastProfessionalChange: 'Siste faglige endring',
  publishedAt: 'Publisert',
  goalArea: 'Målområde',
  measures: 'Tiltak',
  editions: 'Utgaver',
  effectGoals: 'Effektmål',
  statuses: 'Status per utgave',
  kicker: 'Stikktittel',
  revision: 'Versjon',
}

type Issue = {
  code: string
  path: PropertyKey[]
  message: string
  maximum?: unknown
  minimum?: unknown
  origin?: string
  expected?: string
}

/**
 * A field path as editors read it.
 * @example fieldName(['parts', 0, 'slug']) // 'Deler 1: Adresse (slug)'
 */
export const fieldName = (at: readonly PropertyKey[]): string => {
  let text = ''
  for (const p of at) {
    if (typeof p === 'number') text += ` ${p + 1}`
    else text += `${text ? ': ' : ''}${FIELD_NAMES[String(p)] ?? String(p)}`
  }
  return text
}

/** One rule broken, in Norwegian. */
const describeIssue = (issue: Issue): string => {
  const what = issue.path.length ? fieldName(issue.path) : 'Dokumentet'
  if (issue.code === 'too_big' && issue.origin === 'string')
    return `${what} er for lang (høyst ${String(issue.maximum)} tegn).`
  if (issue.code === 'too_big') return `${what} er for stor (høyst ${String(issue.maximum)}).`
  if (issue.code === 'too_small' && issue.origin === 'string')
    return Number(issue.minimum) <= 1
      ? `${what} mangler.`
      : `${what} er for kort (minst ${String(issue.minimum)} tegn).`
  if (issue.code === 'too_small') return `${what} er for liten (minst ${String(issue.minimum)}).`
  if (issue.code === 'invalid_format' && issue.path.at(-1) === 'slug')
    return `${what} kan bare ha små bokstaver a–z, tall og enkle bindestreker.`
  if (issue.code === 'invalid_format') return `${what} har feil format.`
  if (issue.code === 'invalid_value') return `${what} har en verdi som ikke er tillatt.`
  if (issue.code === 'invalid_type') return `${what} mangler eller har feil type.`
  return `${what} er ugyldig.`
}

/** Every rule a document breaks, in Norwegian, each once. */
export const describeIssues = (issues: readonly Issue[]): string => [...new Set(issues.map(describeIssue))].join(' ')

/**
 * A problem as the build history and the admin show it.
 * @example problemText({ collection: 'chapters', id: '12', title: 'Målbildet', message: 'Tittel mangler.', kept: 'previous' })
 * // 'Kapittel «Målbildet» (#12) ble ikke publisert: Tittel mangler. Nettstedet viser forrige versjon som kunne publiseres.'
 */
export const problemText = (p: ExportProblem): string =>
  `${COLLECTION_NAMES[p.collection] ?? p.collection} «${p.title}» (#${p.id}) ble ikke publisert: ${p.message} ${
    p.kept === 'previous'
      ? 'Nettstedet viser forrige versjon som kunne publiseres.'
      : 'Det er ikke med på nettstedet før feilen er rettet.'
  }`
