import type { GroupField } from 'payload'

import { httpUrlRule, LIMITS, textRule } from './validation'

/** Where the content comes from and under which licence it may be reused. */
export const sourceField: GroupField = {
  name: 'source',
  type: 'group',
  label: 'Kilde og lisens',
  admin: { position: 'sidebar' },
  fields: [
    { name: 'publisher', type: 'text', label: 'Utgiver', validate: textRule('Utgiveren', LIMITS.shortText) },
    {
      name: 'url',
      type: 'text',
      label: 'Kildeadresse',
      validate: httpUrlRule,
      admin: { description: 'En nettadresse som begynner med https://.' },
    },
    {
      name: 'licence',
      type: 'text',
      label: 'Lisens',
      defaultValue: 'NLOD 2.0',
      validate: textRule('Lisensen', LIMITS.licence),
    },
  ],
}
