import type { CollectionBeforeOperationHook, Payload, SanitizedCollectionConfig } from 'payload'

import { MalformedId, MalformedQueryId } from '../lib/errors'
import { idKindOf, isWellFormedId, malformedIdMessage, type IdKind } from '../lib/ids'
import { malformedIdInWhere } from '../lib/whereIds'

/**
 * For a path of a query on this collection, the kind of id its values are compared with: the
 * document's own for `id`, the related collection's for a relationship (or its `id`), none for
 * anything else.
 */
const idKindAt =
  (payload: Payload, collection: SanitizedCollectionConfig) =>
  (path: string): IdKind | null => {
    if (path === 'id') return idKindOf(payload, collection.slug)
    const [name, rest] = path.split(/\.(.*)/s)
    const field = collection.flattenedFields.find((f) => f.name === name)
    if (!field || (field.type !== 'relationship' && field.type !== 'upload') || typeof field.relationTo !== 'string')
      return null
    return rest === undefined || rest === 'id' ? idKindOf(payload, field.relationTo) : null
  }

/**
 * Before any operation of a collection, the ids it is given must be ones this database can
 * have, or it never reaches the database:
 * - one document (read, update, delete, a version, a duplicate): answered 404 in Norwegian.
 *   Over REST the id as typed in the address is checked, not only the number Payload made of
 *   it (which takes «12abc» for 12 and «abc» for NaN);
 * - a query (`where`) comparing ids, or a relationship, with a value that cannot be an id:
 *   answered 400 in Norwegian.
 */
export const refuseMalformedId: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const { id, where } = args as { id?: unknown; where?: Parameters<typeof malformedIdInWhere>[0] }
  if (id !== undefined) {
    const typed = req.routeParams?.collection === collection.slug ? req.routeParams?.id : undefined
    const checked = typeof typed === 'string' ? typed : id
    if (!isWellFormedId(checked, idKindOf(req.payload, collection.slug)))
      throw new MalformedId(malformedIdMessage(checked))
  }
  const bad = malformedIdInWhere(where, idKindAt(req.payload, collection))
  if (bad !== null) throw new MalformedQueryId(bad)
  return args
}
