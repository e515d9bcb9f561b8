import type { Config, Plugin } from 'payload'

import { refuseMalformedId } from '../hooks/refuseMalformedId'
import { safeErrorAnswers } from '../hooks/safeErrorAnswers'
import { expandPermissions } from '../lib/graphqlPermissions'
import { hooksFirst } from './hooksFirst'

/**
 * What the API answers to a request it cannot carry out, for every collection at once (the
 * collections need not know): a malformed id is not found (404), and a query comparing ids
 * with a value that cannot be one is refused (400), before anything looks them up;
 * a server failure is one Norwegian sentence without details (see hooks/safeErrorAnswers.ts);
 * GraphQL's permissions (`Access`, `docAccess<Collection>`) come in the shape its schema
 * declares.
 */
export const apiAnswers: Plugin = (config: Config): Config => {
  const customQueries = config.graphQL?.queries
  return {
    ...config,
    collections: hooksFirst(config.collections, { beforeOperation: [refuseMalformedId] }),
    hooks: { ...config.hooks, afterError: [safeErrorAnswers, ...(config.hooks?.afterError ?? [])] },
    loggingLevels: { QueryError: 'info', ...config.loggingLevels },
    graphQL: {
      ...config.graphQL,
      queries: (graphql, context) => {
        const permissions = Object.entries(
          context.Query.fields as Record<string, { type: never; resolve: (...args: unknown[]) => unknown }>,
        )
          .filter(([name]) => name === 'Access' || name.startsWith('docAccess'))
          .map(([name, field]) => [
            name,
            {
              ...field,
              resolve: async (...args: unknown[]) =>
                expandPermissions(graphql, await field.resolve(...args), field.type),
            },
          ])
        return { ...Object.fromEntries(permissions), ...customQueries?.(graphql, context) }
      },
    },
  }
}
