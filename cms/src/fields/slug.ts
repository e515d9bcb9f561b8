import type { FieldHook, TextField } from 'payload'

import { slugify } from '../lib/slugs'

const fillFromTitle =
  (sourceField: string): FieldHook =>
  ({ value, data }) => {
    if (typeof value === 'string' && value.trim() !== '') return slugify(value)
    const source = data?.[sourceField]
    return typeof source === 'string' ? slugify(source) : value
  }

/** A URL slug, filled from another field when left empty; part of the permanent URL. */
export const slugField = (sourceField = 'title', overrides: Partial<TextField> = {}): TextField => ({
  name: 'slug',
  type: 'text',
  label: 'Adresse (slug)',
  index: true,
  admin: {
    position: 'sidebar',
    description: 'Del av den faste nettadressen. Lages fra tittelen hvis feltet står tomt. Endre ikke etter publisering.',
  },
  hooks: { beforeValidate: [fillFromTitle(sourceField)] },
  ...(overrides as object),
}) as TextField
