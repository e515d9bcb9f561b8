import type { CollectionConfig } from 'payload'

import { sourceField } from '../../fields/source'
import { slugField } from '../../fields/slug'
import {
  choiceRule,
  integerRule,
  LIMITS,
  RANGES,
  requiredRelation,
  rowNumberField,
  textRule,
  titleField,
} from '../../fields/validation'
import { reportEditor } from '../../lib/editor'
import { previewPath } from '../../lib/previewPath'
import { siteLink } from '../../lib/siteUrl'
import { COLLECTIONS } from '../../lib/slugs'
import { collectionNames } from '../collectionNames'
import { contentAccess, contentHooks, contentVersions } from '../contentDefaults'
import { noteRestore, stampRevision } from './hooks/stampRevision'
import { checkReferencesEndpoint } from './checkReferences'
import { restoreEndpoint } from './restore'
import { revisionsEndpoint } from './revisions'
import { publishCheckEndpoints } from './publishCheckEndpoint'
import { revisionCheckEndpoint } from './revisionCheck'
import { siteStatusEndpoint } from './siteStatus'
import { validateChapterNumber } from './hooks/validateNumber'
import { UPDATE_TYPE_LABELS } from './revisionRules'

const CHAPTER_KINDS = [
  { value: 'chapter', label: 'Kapittel' },
  { value: 'partIntro', label: 'Innledning til en del' },
]

const UPDATE_TYPE_OPTIONS = (Object.keys(UPDATE_TYPE_LABELS) as Array<keyof typeof UPDATE_TYPE_LABELS>).map(
  (value) => ({
    value,
    label: UPDATE_TYPE_LABELS[value],
  }),
)

export const footnoteNumberTakenMessage = (number: unknown) =>
  `Fotnote ${number} står mer enn én gang i kapitlet. Hver fotnote må ha sitt eget nummer.`

/**
 * A numbered chapter of an edition (or the introduction of one of its parts). Every publish
 * is a revision in the version history, stamped with its update type and change note.
 * "Først publisert" is the first published revision's date: derived, never stored.
 */
export const Chapters: CollectionConfig = {
  ...collectionNames(COLLECTIONS.chapters, ['Kapittel', 'Kapitler'], ['Chapter', 'Chapters']),
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'number', 'edition', 'lastProfessionalChange', '_status'],
    listSearchableFields: ['title', 'number'],
    group: 'Rapport',
    // The draft in the site's design, behind login (served by the express server, site/preview.ts), at SITE_URL.
    preview: (doc) => (doc?.id ? siteLink(previewPath(String(doc.id))) : null),
    components: {
      // «Publiser endringer» first shows what the publish changes (the pre-publish check).
      edit: { PublishButton: '/components/PrePublish/PrePublishButton#PrePublishButton' },
      // The version list by reader-facing version numbers, with a restore that asks for type and note.
      views: {
        edit: {
          versions: { Component: '/components/ChapterVersions/ChapterVersionsView#ChapterVersionsView' },
          version: { actions: ['/components/ChapterVersions/ChapterVersionActions#ChapterVersionActions'] },
        },
      },
    },
  },
  access: contentAccess,
  versions: contentVersions,
  defaultSort: 'number',
  endpoints: [
    revisionsEndpoint,
    checkReferencesEndpoint,
    revisionCheckEndpoint,
    siteStatusEndpoint,
    restoreEndpoint,
    ...publishCheckEndpoints,
  ],
  hooks: {
    beforeOperation: [...contentHooks.beforeOperation, noteRestore],
    beforeDelete: contentHooks.beforeDelete,
    beforeChange: [stampRevision],
    afterChange: contentHooks.afterChange,
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'edition',
          type: 'relationship',
          relationTo: COLLECTIONS.editions,
          label: 'Utgave',
          required: true,
          index: true,
          validate: requiredRelation('Velg hvilken utgave kapitlet hører til.'),
          admin: { width: '50%' },
        },
        {
          name: 'kind',
          type: 'select',
          label: 'Type',
          required: true,
          defaultValue: 'chapter',
          options: CHAPTER_KINDS,
          validate: choiceRule('Typen', CHAPTER_KINDS, { required: true }),
          admin: { width: '50%' },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'number',
          type: 'text',
          label: 'Kapittelnummer',
          index: true,
          validate: validateChapterNumber,
          admin: {
            width: '25%',
            description: 'For eksempel 2.1. Står tomt for innledningen til en del.',
          },
        },
        { ...titleField, admin: { width: '75%' } },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'part',
          type: 'number',
          label: 'Del',
          min: RANGES.part.min,
          max: RANGES.part.max,
          validate: integerRule('Delnummeret', RANGES.part),
          admin: { width: '25%' },
        },
        {
          name: 'goalArea',
          type: 'relationship',
          relationTo: COLLECTIONS.goalAreas,
          label: 'Målområde',
          admin: { width: '75%' },
        },
      ],
    },
    { name: 'body', type: 'richText', label: 'Tekst', editor: reportEditor },
    {
      name: 'footnotes',
      type: 'array',
      label: 'Fotnoter',
      labels: { singular: 'Fotnote', plural: 'Fotnoter' },
      admin: { description: 'Hver fotnote vises der teksten har en fotnotehenvisning med samme nummer.' },
      fields: [
        {
          type: 'row',
          fields: [
            {
              ...rowNumberField('footnotes', 'Nr.', 'Fotnotenummeret', RANGES.footnote, footnoteNumberTakenMessage),
              admin: { width: '15%' },
            },
            {
              name: 'text',
              type: 'textarea',
              label: 'Tekst',
              required: true,
              validate: textRule('Fotnoteteksten', LIMITS.footnote, { required: true }),
              admin: { width: '85%' },
            },
          ],
        },
      ],
    },
    {
      name: 'measures',
      type: 'relationship',
      relationTo: COLLECTIONS.measures,
      hasMany: true,
      label: 'Tiltak som omtales',
    },
    {
      name: 'publicationStatus',
      type: 'ui',
      label: 'Publisering på nettstedet',
      admin: { position: 'sidebar', components: { Field: '/components/Revision/PublicationStatus#PublicationStatus' } },
    },
    {
      name: 'crossReferences',
      type: 'ui',
      label: 'Kryssreferanser',
      admin: {
        position: 'sidebar',
        components: { Field: '/components/CrossReferenceWarnings#CrossReferenceWarnings' },
      },
    },
    slugField('title', {}, 'edition'),
    {
      // Presentational only: the fields stay where they are stored. They say what the next
      // publish makes; the live version's values are shown read-only below them.
      type: 'group',
      label: 'Neste versjon',
      admin: { position: 'sidebar' },
      fields: [
        {
          name: 'updateType',
          type: 'radio',
          label: 'Type endring ved publisering',
          options: UPDATE_TYPE_OPTIONS,
          validate: choiceRule('Typen endring', UPDATE_TYPE_OPTIONS),
          admin: {
            description:
              'Faglig endring: innholdet er endret. Redaksjonell endring: skrivefeil, språk eller oppsett. Tilbaketrekking: kapitlet blir stående med innholdet slik det var publisert og et varsel om at det er trukket tilbake; en senere faglig eller redaksjonell endring gjeninnfører det.',
          },
        },
        {
          name: 'changeNote',
          type: 'textarea',
          label: 'Endringsmerknad',
          validate: textRule('Endringsmerknaden', LIMITS.changeNote),
          admin: {
            description:
              'Påkrevd ved faglig endring og tilbaketrekking (forklar hvorfor). Vises for leserne i endringshistorikken.',
          },
        },
        {
          name: 'lastProfessionalChange',
          type: 'date',
          label: 'Siste faglige endring (dato leserne ser)',
          admin: {
            date: { pickerAppearance: 'dayOnly', displayFormat: 'd. MMMM yyyy' },
            description:
              'Datoen kapitlet sist ble faglig endret, vist for leserne som «Siste faglige endring». Ikke det samme som når versjonen ble publisert. Settes ved faglige endringer (i dag hvis du ikke velger en annen dato). Kan ikke være frem i tid eller før forrige versjons dato. Redaksjonelle endringer beholder datoen.',
          },
        },
        {
          name: 'nextRevision',
          type: 'ui',
          label: 'Kontroll før publisering',
          admin: { components: { Field: '/components/Revision/NextRevision#NextRevision' } },
        },
      ],
    },
    {
      name: 'currentRevision',
      type: 'ui',
      label: 'Gjeldende versjon',
      admin: { position: 'sidebar', components: { Field: '/components/Revision/CurrentRevision#CurrentRevision' } },
    },
    {
      name: 'revision',
      type: 'number',
      label: 'Versjon',
      // Shown under «Gjeldende versjon»; stamped at publishing.
      admin: { position: 'sidebar', readOnly: true, hidden: true, description: 'Settes ved publisering.' },
    },
    {
      name: 'publishedAt',
      type: 'date',
      label: 'Publiseringstidspunkt for denne versjonen',
      admin: {
        position: 'sidebar',
        readOnly: true,
        hidden: true,
        date: { pickerAppearance: 'dayAndTime', displayFormat: 'd. MMMM yyyy HH:mm' },
      },
    },
    sourceField,
  ],
}
