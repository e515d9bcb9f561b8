import { APIError } from 'payload'

/**
 * A refusal with a message for the person who asked (HTTP 403). It is named like Payload's
 * own Forbidden so that it is logged as an expected outcome, not as a server error.
 */
export class RuleForbidden extends APIError {
  constructor(message: string) {
    super(message, 403, null, true)
    this.name = 'Forbidden'
  }
}

/**
 * A request that names a document by a value that cannot be an id (HTTP 404, see lib/ids.ts).
 * Named like Payload's own NotFound, so it is logged as an expected outcome.
 */
export class MalformedId extends APIError {
  constructor(message: string) {
    super(message, 404, null, true)
    this.name = 'NotFound'
  }
}

/**
 * A query that compares ids with a value that cannot be one (HTTP 400, see lib/whereIds.ts).
 * Named like Payload's own QueryError (an unusable query, 400), so it is logged as expected.
 */
export class MalformedQueryId extends APIError {
  constructor(value: string) {
    super(`Spørringen kan ikke utføres: «${shortValue(value)}» er ikke en gyldig id.`, 400, null, true)
    this.name = 'QueryError'
  }
}

/** The HTTP status an error carries (GraphQL wraps Payload's error as `originalError`), if any. */
export const errorStatus = (error: unknown): number | undefined => {
  const { status, originalError } = error as { status?: unknown; originalError?: { status?: unknown } }
  const found = status ?? originalError?.status
  return typeof found === 'number' ? found : undefined
}

/**
 * A value repeated in a message, at most 40 characters of it.
 * @example shortValue('abc') // 'abc'
 */
export const shortValue = (value: unknown): string => {
  const text = String(value)
  return text.length > 40 ? `${text.slice(0, 39)}…` : text
}

/** What a request is told when the server failed: nothing of the error itself (it is logged). */
export const SERVER_ERROR_MESSAGE =
  'Noe gikk galt på serveren, så forespørselen ble ikke utført. Feilen er logget; prøv igjen senere.'
