import type { AfterErrorHook } from 'payload'

import { errorStatus, SERVER_ERROR_MESSAGE } from '../lib/errors'
import { idKindOf, isWellFormedId, malformedIdMessage } from '../lib/ids'

/** An error without a status is the server's own failure. */
const statusOf = (error: unknown): number => errorStatus(error) ?? 500

/**
 * What the API answers when a request fails, over REST and GraphQL:
 * - an address naming a document by a value that cannot be an id: 404, in Norwegian (some of
 *   Payload's operations refuse such an id before any hook sees it, in English);
 * - a failure of the server (500, an error no one wrote for the client): one Norwegian
 *   sentence, never the error's message, a stack, a query or a path on the server; the error
 *   itself is in the log. Other statuses (a refusal, a busy database's 503) keep their answer.
 * Runs before the other afterError hooks, so their more precise answers (a busy database, the
 * fields of a refused save) replace this one.
 */
export const safeErrorAnswers: AfterErrorHook = ({ collection, error, graphqlResult, req }) => {
  if (graphqlResult) {
    if (statusOf(error) !== 500) return
    return { graphqlResult: { ...graphqlResult, message: SERVER_ERROR_MESSAGE, extensions: { statusCode: 500 } } }
  }
  const typed = req.routeParams?.id
  if (
    collection &&
    req.routeParams?.collection === collection.slug &&
    typeof typed === 'string' &&
    !isWellFormedId(typed, idKindOf(req.payload, collection.slug))
  ) {
    return { response: { errors: [{ message: malformedIdMessage(typed) }] }, status: 404 }
  }
  if (statusOf(error) === 500) return { response: { errors: [{ message: SERVER_ERROR_MESSAGE }] }, status: 500 }
}
