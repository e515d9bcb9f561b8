import type { DataFromCollectionSlug, Payload } from 'payload'

import { paragraphs } from './payload'

export const CONTENT_COLLECTIONS = ['editions', 'chapters', 'goal-areas', 'measures', 'news'] as const
export type ContentCollection = (typeof CONTENT_COLLECTIONS)[number]

/**
 * Valid data for a document of each content collection. `variant` keeps unique fields apart
 * (goal areas only have numbers 1–3, measures 1–17).
 */
export const sampleData = (collection: ContentCollection, variant: 1 | 2, editionId: number) => {
  switch (collection) {
    case 'editions':
      return {
        title: `Prøveutgave ${variant}`,
        slug: `proveutgave-${variant}-${Math.random().toString(36).slice(2, 8)}`,
        year: 2020 + variant,
        status: 'superseded',
      }
    case 'chapters':
      return {
        edition: editionId,
        number: `9.${variant}${Math.floor(Math.random() * 1e6)}`,
        title: `Prøvekapittel ${variant}`,
        body: paragraphs('Tekst.'),
      }
    case 'goal-areas':
      return {
        number: variant,
        editions: [{ edition: editionId, title: `Målområde ${variant}`, effectGoals: [{ text: 'Et mål' }] }],
      }
    case 'measures':
      return { number: variant, title: `Prøvetiltak ${variant}` }
    case 'news':
      return { title: `Prøvenyhet ${variant}`, slug: `provenyhet-${variant}-${Math.random().toString(36).slice(2, 8)}` }
  }
}

/** Removes a document and its history straight from the database, past every rule. */
export const purge = async (payload: Payload, collection: string, id: number | string) => {
  await payload.db.deleteVersions({ collection, where: { parent: { equals: id } } } as never)
  await payload.db.deleteOne({ collection, where: { id: { equals: id } } } as never)
}

/**
 * A document in one of the states the access rules care about, made past every rule.
 * `overrides` replaces fields of the sample data (another number, so that several documents of a
 * numbered collection can exist at once).
 */
export const makeDoc = async <C extends ContentCollection>(
  payload: Payload,
  collection: C,
  state: 'draft' | 'published' | 'publishedWithDraft',
  editionId: number,
  overrides: Record<string, unknown> = {},
): Promise<DataFromCollectionSlug<C>> => {
  const data = { ...sampleData(collection, 1, editionId), ...overrides }
  const doc = await payload.create({
    collection,
    data: { ...data, _status: state === 'draft' ? 'draft' : 'published' } as never,
    draft: state === 'draft',
  })
  if (state === 'publishedWithDraft') {
    await payload.update({ collection, id: doc.id, data: draftChange(collection, editionId) as never, draft: true })
  }
  return doc
}

/** A visible change to save as a draft. */
export const draftChange = (collection: ContentCollection, editionId: number): Record<string, unknown> =>
  collection === 'goal-areas'
    ? { editions: [{ edition: editionId, title: 'UTKAST', effectGoals: [] }] }
    : { title: 'UTKAST' }

/** Whether a document read back shows the draft change. */
export const showsDraft = (doc: Record<string, unknown> | null | undefined): boolean =>
  JSON.stringify(doc ?? {}).includes('UTKAST')
