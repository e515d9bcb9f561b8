import type { CollectionSlug, CollectionBeforeDeleteHook } from 'payload'

import { RuleForbidden } from '../lib/errors'

export const CANNOT_DELETE_PUBLISHED =
  'Dokumentet har vært publisert og kan ikke slettes: historikken skal bevares. Avpubliser det i stedet.'

/** History is only appended: a document that was ever published is never deleted. */
export const preventDeletingPublished: CollectionBeforeDeleteHook = async ({ collection, id, req }) => {
  const published = await req.payload.countVersions({
    collection: collection.slug as CollectionSlug,
    where: { and: [{ parent: { equals: id } }, { 'version._status': { equals: 'published' } }] },
    req,
  })
  if (published.totalDocs > 0) throw new RuleForbidden(CANNOT_DELETE_PUBLISHED)
}
