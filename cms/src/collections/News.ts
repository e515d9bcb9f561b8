import type { CollectionConfig } from 'payload'

import { sourceField } from '../fields/source'
import { slugField } from '../fields/slug'
import { LIMITS, textRule, titleField } from '../fields/validation'
import { reportEditor } from '../lib/editor'
import { COLLECTIONS } from '../lib/slugs'
import { collectionNames } from './collectionNames'
import { contentAccess, contentHooks, contentVersions } from './contentDefaults'

/** A news item, such as the ministry's press release that launched the action plan. */
export const News: CollectionConfig = {
  ...collectionNames(COLLECTIONS.news, ['Nyhet', 'Nyheter'], ['NewsItem', 'News']),
  admin: { useAsTitle: 'title', defaultColumns: ['title', 'publisher', 'publishedAt'], group: 'Rapport' },
  access: contentAccess,
  versions: contentVersions,
  hooks: contentHooks,
  fields: [
    { name: 'kicker', type: 'text', label: 'Overtittel', validate: textRule('Overtittelen', LIMITS.shortText) },
    titleField,
    slugField('title', { unique: true }),
    {
      name: 'historicalArchive',
      type: 'checkbox',
      label: 'Historisk arkiv',
      admin: { description: 'Vis at saken er fra en tidligere regjering og ikke lenger oppdateres.' },
    },
    {
      name: 'publishedUnder',
      type: 'text',
      label: 'Publisert under',
      validate: textRule('Feltet «Publisert under»', LIMITS.shortText),
    },
    { name: 'publisher', type: 'text', label: 'Utgiver', validate: textRule('Utgiveren', LIMITS.shortText) },
    {
      name: 'publishedAt',
      type: 'date',
      label: 'Publiseringsdato',
      admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd. MMMM yyyy' } },
    },
    { name: 'body', type: 'richText', label: 'Tekst', editor: reportEditor },
    {
      name: 'importantMeasures',
      type: 'array',
      label: 'Viktige tiltak',
      fields: [
        {
          name: 'text',
          type: 'text',
          label: 'Tiltak',
          required: true,
          validate: textRule('Tiltaket', LIMITS.listItem, { required: true }),
        },
      ],
    },
    sourceField,
  ],
}
