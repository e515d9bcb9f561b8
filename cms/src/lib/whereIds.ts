import type { Where } from 'payload'

import { isWellFormedId, type IdKind } from './ids'

/** The operators that compare a value with ids, and those whose value may list several. */
const COMPARING = new Set(['equals', 'not_equals', 'in', 'not_in', 'all'])
const LISTING = new Set(['in', 'not_in', 'all'])

const valuesOf = (operator: string, value: unknown): unknown[] => {
  if (Array.isArray(value)) return value
  if (LISTING.has(operator) && typeof value === 'string') return value.split(',').map((v) => v.trim())
  return [value]
}

/** What stands for «no document» in a comparison: null, or the text a query string makes of it. */
const isNone = (value: unknown) => value === null || value === undefined || value === '' || value === 'null'

/**
 * The first value in a query (`where`) that is compared with ids but cannot be one, or null.
 * `idKindAt` tells, for a path of the query, the kind of id its values are compared with (the
 * document's own for `id`, the related collection's for a relationship), or null when they
 * are not ids.
 * @example malformedIdInWhere({ edition: { equals: 'abc' } }, (p) => (p === 'edition' ? 'integer' : null)) // 'abc'
 */
export const malformedIdInWhere = (
  where: Where | undefined,
  idKindAt: (path: string) => IdKind | null,
): string | null => {
  if (!where || typeof where !== 'object') return null
  for (const [path, condition] of Object.entries(where)) {
    if (path === 'and' || path === 'or') {
      for (const nested of (Array.isArray(condition) ? condition : []) as Where[]) {
        const found = malformedIdInWhere(nested, idKindAt)
        if (found !== null) return found
      }
      continue
    }
    const kind = idKindAt(path)
    if (!kind || !condition || typeof condition !== 'object') continue
    for (const [operator, value] of Object.entries(condition)) {
      if (!COMPARING.has(operator)) continue
      const bad = valuesOf(operator, value).find((v) => !isNone(v) && !isWellFormedId(v, kind))
      if (bad !== undefined) return String(bad)
    }
  }
  return null
}
