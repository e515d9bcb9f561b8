import type { CollectionConfig } from 'payload'

import { authenticated } from '../access/authenticated'
import { editContent } from '../access/editContent'
import { publishedOrAuthenticated } from '../access/publishedOrAuthenticated'
import { publisherOrAdmin } from '../access/publisherOrAdmin'
import { recordPublication } from '../audit/hooks'
import { guardPublication } from '../hooks/guardPublication'
import { preventDeletingPublished } from '../hooks/preventDeletingPublished'
import { noteDraftSave, requestSiteBuild } from '../hooks/requestSiteBuild'

/**
 * What every piece of report content shares: drafts and a complete version history (never
 * pruned), public reads of published documents only, drafts for every role and publishing
 * (now or scheduled) for publishers and admins.
 */
export const contentAccess: CollectionConfig['access'] = {
  create: editContent,
  read: publishedOrAuthenticated,
  readVersions: authenticated,
  update: editContent,
  delete: publisherOrAdmin,
}

/**
 * Publishers can schedule a publish or an unpublish for later in the admin; the server's jobs
 * queue carries it out at that time (see payload.config.ts, `jobs`).
 */
export const contentVersions: CollectionConfig['versions'] = {
  drafts: { validate: true, schedulePublish: { timeFormat: 'HH:mm', timeIntervals: 5 } },
  maxPerDoc: 0,
}

export const contentHooks = {
  beforeOperation: [guardPublication, noteDraftSave],
  beforeDelete: [preventDeletingPublished],
  afterChange: [requestSiteBuild, recordPublication],
}
