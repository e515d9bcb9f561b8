import type { CollectionConfig } from 'payload'

import { sourceField } from '../fields/source'
import { slugField } from '../fields/slug'
import { COLLECTIONS } from '../lib/slugs'
import { contentAccess, contentHooks, contentVersions } from './contentDefaults'

/** A yearly edition of the report ("årsrapport 2021"); superseded ones are a read-only archive. */
export const Editions: CollectionConfig = {
  slug: COLLECTIONS.editions,
  labels: { singular: 'Utgave', plural: 'Utgaver' },
  graphQL: { singularName: 'Edition', pluralName: 'Editions' },
  admin: { useAsTitle: 'title', defaultColumns: ['title', 'year', 'publishedAt', 'status'], group: 'Rapport' },
  access: contentAccess,
  versions: contentVersions,
  hooks: contentHooks,
  defaultSort: '-year',
  fields: [
    { name: 'title', type: 'text', label: 'Tittel', required: true },
    slugField('title', { unique: true }),
    {
      name: 'year',
      type: 'number',
      label: 'Rapportår',
      required: true,
      min: 2000,
      max: 2100,
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
      options: [
        { value: 'current', label: 'Gjeldende utgave' },
        { value: 'superseded', label: 'Erstattet (historisk arkiv)' },
      ],
    },
    {
      name: 'parts',
      type: 'array',
      label: 'Deler',
      labels: { singular: 'Del', plural: 'Deler' },
      fields: [
        { name: 'number', type: 'number', label: 'Nummer', required: true, min: 1 },
        { name: 'title', type: 'text', label: 'Tittel', required: true },
        { name: 'slug', type: 'text', label: 'Adresse (slug)' },
      ],
    },
    sourceField,
  ],
}
