import type { AfterErrorHook } from 'payload'

type FieldErrors = { errors?: Array<{ message: string; path: string; label?: string }> }

/**
 * A refused save answers with its field errors (`errors[0].data.errors`: path and Norwegian
 * message of each), over REST and to the admin, which shows each message on its field. Payload
 * adds them only for an error it recognises as its own ValidationError class; in the admin's
 * Next build Payload is bundled more than once, the class check fails, and the answer carried
 * only «Følgende felt er ugyldig: …». Recognised here by name instead.
 */
export const fieldErrorsInAnswer: AfterErrorHook = ({ error, result }) => {
  const data = (error as Error & { data?: FieldErrors }).data
  if (error.name !== 'ValidationError' || !Array.isArray(data?.errors) || !result?.errors?.length) return
  const [first, ...rest] = result.errors
  if (first.data) return
  return {
    response: { ...result, errors: [{ ...first, name: error.name, data: data as Record<string, unknown> }, ...rest] },
  }
}
