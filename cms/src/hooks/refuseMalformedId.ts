import type { CollectionBeforeOperationHook } from 'payload'

import { MalformedId } from '../lib/errors'
import { idKindOf, isWellFormedId, malformedIdMessage } from '../lib/ids'

/**
 * Before any operation on one document (read, update, delete, a version, a duplicate): its id
 * must be one this database can have, or the request is answered 404 in Norwegian and never
 * reaches the database. Over REST the id as typed in the address is checked, not only the
 * number Payload made of it (which takes «12abc» for 12 and «abc» for NaN).
 */
export const refuseMalformedId: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const id = (args as { id?: unknown }).id
  if (id === undefined) return args
  const kind = idKindOf(req.payload, collection.slug)
  const typed = req.routeParams?.collection === collection.slug ? req.routeParams?.id : undefined
  const checked = typeof typed === 'string' ? typed : id
  if (!isWellFormedId(checked, kind)) throw new MalformedId(malformedIdMessage(checked))
  return args
}
