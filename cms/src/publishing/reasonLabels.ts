import type { DataFromCollectionSlug, Payload } from 'payload'

type Named = 'chapters' | 'editions' | 'measures' | 'goal-areas' | 'news'

/** What a collection's documents are called, and how one is named in the build history. */
const NAMERS: { [C in Named]: (doc: DataFromCollectionSlug<C>) => string } = {
  chapters: (c) => {
    const e = c.edition && typeof c.edition === 'object' ? c.edition : null
    const edition = e?.year ? ` (årsrapport ${e.year})` : e?.title ? ` (${e.title})` : ''
    if (c.kind === 'partIntro') return `Innledning${c.part ? ` til del ${c.part}` : ''}: ${c.title}${edition}`
    return `Kapittel ${c.number ? `${c.number} ` : ''}${c.title}${edition}`
  },
  editions: (e) => `Utgave: ${e.title}`,
  measures: (m) => `Tiltak ${m.number}${m.title ? `: ${m.title}` : ''}`,
  'goal-areas': (g) => g.label ?? `Målområde ${g.number}`,
  news: (n) => `Nyhet: ${n.title}`,
}

const isNamed = (collection: string): collection is Named => Object.hasOwn(NAMERS, collection)

/** `chapters:12` → ['chapters', '12'], or null for reasons that name no document. */
const documentOf = (reason: string): [Named, string] | null => {
  const at = reason.indexOf(':')
  if (at < 0) return null
  const collection = reason.slice(0, at)
  return isNamed(collection) ? [collection, reason.slice(at + 1)] : null
}

/**
 * The names of some documents of one collection as editors know them («Kapittel 2.1 Tittel
 * (årsrapport 2023)», «Tiltak 11: …»): from the published version, or the newest draft.
 */
const labelsOf = async <C extends Named>(
  payload: Payload,
  collection: C,
  ids: string[],
): Promise<Array<[string, string]>> => {
  const find = (draft: boolean, among: string[]) =>
    payload
      .find({
        collection,
        where: { id: { in: among } },
        depth: 1,
        draft,
        limit: 0,
        pagination: false,
        overrideAccess: true,
      })
      .then((r) => r.docs as Array<DataFromCollectionSlug<C>>)
      .catch(() => [])
  const named = new Map<string, string>()
  for (const doc of await find(false, ids)) named.set(String(doc.id), NAMERS[collection](doc))
  const rest = ids.filter((id) => !named.has(id))
  if (rest.length > 0) for (const doc of await find(true, rest)) named.set(String(doc.id), NAMERS[collection](doc))
  return [...named].map(([id, label]) => [`${collection}:${id}`, label])
}

/**
 * The build history's reasons that name a document (`chapters:12`), each with the document's
 * name as editors know it: its published version, or its newest draft when it has none. A
 * document that no longer exists keeps its reason unnamed.
 */
export const reasonLabels = async (payload: Payload, reasons: string[]): Promise<Record<string, string>> => {
  const wanted = new Map<Named, Set<string>>()
  for (const reason of reasons) {
    const doc = documentOf(reason)
    if (doc) wanted.set(doc[0], (wanted.get(doc[0]) ?? new Set()).add(doc[1]))
  }
  const labels: Record<string, string> = {}
  for (const [collection, ids] of wanted)
    Object.assign(labels, Object.fromEntries(await labelsOf(payload, collection, [...ids])))
  return labels
}

/** Every reason a status names: the waiting requests' and the listed builds'. */
export const reasonsIn = (status: { queued: string[]; builds: Array<{ reasons: string[] }> }): string[] => [
  ...new Set([...status.queued, ...status.builds.flatMap((b) => b.reasons)]),
]
