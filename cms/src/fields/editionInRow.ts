import type { ArrayField, Field, RelationshipField } from 'payload'

import { COLLECTIONS } from '../lib/slugs'
import { allOf, distinctInRows, requiredRelation } from './validation'

/**
 * The edition a row of a per-edition list is about (a goal area's wording, a measure's status):
 * required, and each edition in one row only.
 */
export const editionInRowField = (
  rows: string,
  { missing, twice }: { missing: string; twice: string },
): RelationshipField => ({
  name: 'edition',
  type: 'relationship',
  relationTo: COLLECTIONS.editions,
  label: 'Utgave',
  required: true,
  validate: allOf(
    requiredRelation(missing),
    distinctInRows(rows, 'edition', () => twice),
  ),
})

/**
 * A per-edition list (a goal area's wording, a measure's status): rows of `fields`, each about
 * the edition it names first (`editionInRowField`, with its messages).
 */
export const perEditionRows = (
  name: string,
  label: string,
  [singular, plural]: [string, string],
  messages: { missing: string; twice: string },
  fields: Field[],
): ArrayField => ({
  name,
  type: 'array',
  label,
  labels: { singular, plural },
  fields: [editionInRowField(name, messages), ...fields],
})
