import type { CollectionConfig } from 'payload'

import { sourceField } from '../fields/source'
import { slugField } from '../fields/slug'
import { choiceRule, integerRule, RANGES, rowNumberField, slugRule, titleField } from '../fields/validation'
import { COLLECTIONS } from '../lib/slugs'
import { collectionNames } from './collectionNames'
import { contentAccess, contentHooks, contentVersions } from './contentDefaults'

const EDITION_STATUSES = [
  { value: 'current', label: 'Gjeldende utgave' },
  { value: 'superseded', label: 'Erstattet (historisk arkiv)' },
]

export const partNumberTakenMessage = (number: unknown) =>
  `Del ${number} står mer enn én gang i utgaven. Hver del må ha sitt eget nummer.`

/** A yearly edition of the report ("årsrapport 2021"); superseded ones are a read-only archive. */
export const Editions: CollectionConfig = {
  ...collectionNames(COLLECTIONS.editions, ['Utgave', 'Utgaver'], ['Edition', 'Editions']),
  admin: { useAsTitle: 'title', defaultColumns: ['title', 'year', 'publishedAt', 'status'], group: 'Rapport' },
  access: contentAccess,
  versions: contentVersions,
  hooks: contentHooks,
  defaultSort: '-year',
  fields: [
    titleField,
    slugField('title', { unique: true }),
    {
      name: 'year',
      type: 'number',
      label: 'Rapportår',
      required: true,
      min: 2000,
      max: 2100,
      validate: integerRule('Rapportåret', RANGES.year, { required: true }),
      admin: { description: 'Året utgaven rapporterer på.' },
    },
    {
      name: 'publishedAt',
      type: 'date',
      label: 'Publiseringsdato',
      admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd. MMMM yyyy' } },
    },
    {
      name: 'status',
      type: 'select',
      label: 'Status',
      required: true,
      defaultValue: 'current',
      options: EDITION_STATUSES,
      validate: choiceRule('Statusen', EDITION_STATUSES, { required: true }),
    },
    {
      name: 'parts',
      type: 'array',
      label: 'Deler',
      labels: { singular: 'Del', plural: 'Deler' },
      fields: [
        rowNumberField('parts', 'Nummer', 'Delnummeret', RANGES.part, partNumberTakenMessage),
        titleField,
        {
          name: 'slug',
          type: 'text',
          label: 'Adresse (slug)',
          validate: slugRule(),
          admin: { description: 'Små bokstaver a–z, tall og bindestrek, for eksempel «del-1». Kan stå tomt.' },
        },
      ],
    },
    sourceField,
  ],
}
