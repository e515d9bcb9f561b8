import type { Payload } from 'payload'

import { shortValue } from './errors'

/**
 * Document ids as each database makes them, checked before anything looks one up: SQLite's
 * are whole numbers from 1, MongoDB's 24 hexadecimal digits (ObjectId). A value that cannot be
 * an id names no document, so it is answered as not found (404) instead of reaching the
 * database, where it failed as a server error (500) or named a folder on disk.
 */
export type IdKind = 'integer' | 'objectId' | 'text'

/** The longest text id. */
const MAX_TEXT_ID = 255

/**
 * The kind of id a collection's documents have in this database.
 * @example idKindOf(payload, 'chapters') // 'integer' on SQLite, 'objectId' on MongoDB
 */
export const idKindOf = (payload: Pick<Payload, 'collections' | 'db'>, collection: string): IdKind => {
  const custom = payload.collections[collection as keyof Payload['collections']]?.customIDType
  if (custom === 'number') return 'integer'
  if (custom === 'text') return 'text'
  if (payload.db.defaultIDType === 'number') return 'integer'
  return payload.db.name === 'mongoose' ? 'objectId' : 'text'
}

/**
 * Whether a value (as typed in an address, or as parsed) can be an id of this kind.
 * @example isWellFormedId('12', 'integer') // true
 * @example isWellFormedId('abc', 'integer') // false
 * @example isWellFormedId('65f0c0ffee0000000000aa02', 'objectId') // true
 */
export const isWellFormedId = (value: unknown, kind: IdKind): boolean => {
  if (kind === 'integer') {
    if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0
    return typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) && Number.isSafeInteger(Number(value))
  }
  const text = typeof value === 'object' && value !== null ? String(value) : value
  if (typeof text !== 'string') return false
  if (kind === 'objectId') return /^[0-9a-f]{24}$/i.test(text)
  return text.length > 0 && text.length <= MAX_TEXT_ID && !/\p{Cc}/u.test(text)
}

/**
 * What a request naming a malformed id is told: that no document has it. At most 40 characters
 * of the value are repeated.
 * @example malformedIdMessage('abc') // 'Fant ikke dokumentet: «abc» er ikke en gyldig id.'
 */
export const malformedIdMessage = (value: unknown): string =>
  `Fant ikke dokumentet: «${shortValue(value)}» er ikke en gyldig id.`
