import type { CollectionConfig } from 'payload'

import { sourceField } from '../fields/source'
import { slugField } from '../fields/slug'
import { reportEditor } from '../lib/editor'
import { COLLECTIONS } from '../lib/slugs'
import { contentAccess, contentHooks, contentVersions } from './contentDefaults'

/** A news item, such as the ministry's press release that launched the action plan. */
export const News: CollectionConfig = {
  slug: COLLECTIONS.news,
  labels: { singular: 'Nyhet', plural: 'Nyheter' },
  graphQL: { singularName: 'NewsItem', pluralName: 'News' },
  admin: { useAsTitle: 'title', defaultColumns: ['title', 'publisher', 'publishedAt'], group: 'Rapport' },
  access: contentAccess,
  versions: contentVersions,
  hooks: contentHooks,
  fields: [
    { name: 'kicker', type: 'text', label: 'Overtittel' },
    { name: 'title', type: 'text', label: 'Tittel', required: true },
    slugField('title', { unique: true }),
    {
      name: 'historicalArchive',
      type: 'checkbox',
      label: 'Historisk arkiv',
      admin: { description: 'Vis at saken er fra en tidligere regjering og ikke lenger oppdateres.' },
    },
    { name: 'publishedUnder', type: 'text', label: 'Publisert under' },
    { name: 'publisher', type: 'text', label: 'Utgiver' },
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
      fields: [{ name: 'text', type: 'text', label: 'Tiltak', required: true }],
    },
    sourceField,
  ],
}
