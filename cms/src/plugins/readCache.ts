import type { Config, Plugin } from 'payload'

import { invalidateReadsAfterChange, invalidateReadsAfterDelete } from '../hooks/invalidateReads'
import { hooksFirst } from './hooksFirst'

/**
 * Every collection, whatever it is, moves the content on to a new generation when one of its
 * documents is saved or deleted: the cache of anonymous REST reads (serving/readCache.ts) keeps
 * an answer only for the generation it was read under. Runs first, so no other hook of the
 * collection can keep it from running.
 */
export const readCache: Plugin = (config: Config): Config => ({
  ...config,
  collections: hooksFirst(config.collections, {
    afterChange: [invalidateReadsAfterChange],
    afterDelete: [invalidateReadsAfterDelete],
  }),
})
