import type { CollectionAfterChangeHook, CollectionBeforeOperationHook } from 'payload'

import { afterCommit } from '../lib/afterCommit'
import { siteBuilder } from '../publishing/builderRegistry'

/** Set in a request's context while it saves a draft (or autosaves). */
export const DRAFT_SAVE = 'draftSave'

/** Remembers whether this write is a draft save (hooks after it cannot tell otherwise). */
export const noteDraftSave: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'create' || operation === 'update' || operation === 'restoreVersion') {
    req.context[DRAFT_SAVE] = (args as { draft?: boolean }).draft === true
  }
  return args
}

/**
 * After a change that readers can see (a publish, an unpublish, a restore), asks for a site
 * rebuild once the change is committed: the build reads the content itself, outside this
 * request, and must find it there. Draft saves and autosaves ask for nothing; a change that is
 * rolled back asks for nothing either.
 */
export const requestSiteBuild: CollectionAfterChangeHook = ({ doc, previousDoc, collection, req }) => {
  if (req.context[DRAFT_SAVE]) return doc
  const visible = doc?._status === 'published' || previousDoc?._status === 'published'
  if (visible) afterCommit(req, () => siteBuilder()?.request(`${collection.slug}:${doc.id}`))
  return doc
}
