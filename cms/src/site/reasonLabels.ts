import type { Payload } from 'payload'

type Doc = Record<string, any>

/** What a collection's documents are called, and how one is named in the build history. */
const NAMERS: Record<string, (doc: Doc) => string> = {
  chapters: (c) => {
    const e = c.edition && typeof c.edition === 'object' ? (c.edition as Doc) : null
    const edition = e?.year ? ` (årsrapport ${e.year})` : e?.title ? ` (${e.title})` : ''
    if (c.kind === 'partIntro') return `Innledning${c.part ? ` til del ${c.part}` : ''}: ${c.title}${edition}`
    return `Kapittel ${c.number ? `${c.number} ` : ''}${c.title}${edition}`
  },
  editions: (e) => `Utgave: ${e.title}`,
  measures: (m) => `Tiltak ${m.number}${m.title ? `: ${m.title}` : ''}`,
  'goal-areas': (g) => g.label ?? `Målområde ${g.number}`,
  news: (n) => `Nyhet: ${n.title}`,
}

/** `chapters:12` → ['chapters', '12'], or null for reasons that name no document. */
const documentOf = (reason: string): [string, string] | null => {
  const at = reason.indexOf(':')
  if (at < 0) return null
  const collection = reason.slice(0, at)
  return NAMERS[collection] ? [collection, reason.slice(at + 1)] : null
}

/** A document's name as editors know it: «Kapittel 2.1 Tittel (Årsrapport 2023)», «Tiltak 11: …». */
export const documentLabel = (collection: string, doc: Doc): string => NAMERS[collection]?.(doc) ?? `${collection} ${doc.id}`

/**
 * The build history's reasons that name a document (`chapters:12`), each with the document's
 * name as editors know it: its published version, or its newest draft when it has none. A
 * document that no longer exists keeps its reason unnamed.
 */
export const reasonLabels = async (payload: Payload, reasons: string[]): Promise<Record<string, string>> => {
  const wanted = new Map<string, Set<string>>()
  for (const reason of reasons) {
    const doc = documentOf(reason)
    if (doc) wanted.set(doc[0], (wanted.get(doc[0]) ?? new Set()).add(doc[1]))
  }
  const labels: Record<string, string> = {}
  for (const [collection, ids] of wanted) {
    const find = (draft: boolean, among: string[]) =>
      payload
        .find({ collection: collection as 'chapters', where: { id: { in: among } }, depth: 1, draft, limit: 0, pagination: false, overrideAccess: true })
        .then((r) => r.docs as Doc[])
        .catch(() => [] as Doc[])
    const published = await find(false, [...ids])
    for (const doc of published) labels[`${collection}:${doc.id}`] = documentLabel(collection, doc)
    const rest = [...ids].filter((id) => !labels[`${collection}:${id}`])
    if (rest.length > 0) for (const doc of await find(true, rest)) labels[`${collection}:${doc.id}`] = documentLabel(collection, doc)
  }
  return labels
}

/** Every reason a status names: the waiting requests' and the listed builds'. */
export const reasonsIn = (status: { queued: string[]; builds: Array<{ reasons: string[] }> }): string[] => [
  ...new Set([...status.queued, ...status.builds.flatMap((b) => b.reasons)]),
]
