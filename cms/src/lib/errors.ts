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
