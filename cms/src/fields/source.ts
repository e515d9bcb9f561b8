import type { GroupField } from 'payload'

/** Where the content comes from and under which licence it may be reused. */
export const sourceField: GroupField = {
  name: 'source',
  type: 'group',
  label: 'Kilde og lisens',
  admin: { position: 'sidebar' },
  fields: [
    { name: 'publisher', type: 'text', label: 'Utgiver' },
    { name: 'url', type: 'text', label: 'Kildeadresse' },
    { name: 'licence', type: 'text', label: 'Lisens', defaultValue: 'NLOD 2.0' },
  ],
}
