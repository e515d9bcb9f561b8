import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import { afterCommit } from '../lib/afterCommit'
import { bumpReadGeneration } from '../lib/readGeneration'

/**
 * A change moves the content on to a new generation twice: at once, and again when its
 * transaction commits, so that an answer read meanwhile (still without the change) is never
 * kept as the new generation's.
 */
const bumpNowAndAfterCommit = (req: PayloadRequest) => {
  bumpReadGeneration()
  afterCommit(req, bumpReadGeneration)
}

/** After any document of a collection is saved (draft, publish, restore): answers read before are out of date. */
export const invalidateReadsAfterChange: CollectionAfterChangeHook = ({ doc, req }) => {
  bumpNowAndAfterCommit(req)
  return doc
}

/** After a document is deleted: answers read before are out of date. */
export const invalidateReadsAfterDelete: CollectionAfterDeleteHook = ({ doc, req }) => {
  bumpNowAndAfterCommit(req)
  return doc
}
