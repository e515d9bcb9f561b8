import type { CollectionConfig } from 'payload'

import { perEditionRows } from '../fields/editionInRow'
import { uniqueNumberField } from '../fields/numberField'
import { sourceField } from '../fields/source'
import { choiceRule, LIMITS, textRule } from '../fields/validation'
import { COLLECTIONS } from '../lib/slugs'
import { actionPlanItem, labelField } from './actionPlanItem'
import { collectionNames } from './collectionNames'

export const MEASURE_NUMBER_MESSAGE = 'Tiltaksnummeret må være et heltall fra 1 til 17.'

const MEASURE_STATUSES = [
  { value: 'notStarted', label: 'Ikke startet' },
  { value: 'inProgress', label: 'Pågår' },
  { value: 'completed', label: 'Gjennomført' },
]

export const MEASURE_EDITION_TWICE = 'Utgaven står i mer enn én rad. Et tiltak kan bare ha én status per utgave.'

/** Tiltak 1–17 of the action plan. A title stays empty until a source confirms it. */
export const Measures: CollectionConfig = {
  ...collectionNames(COLLECTIONS.measures, ['Tiltak', 'Tiltak'], ['Measure', 'Measures']),
  ...actionPlanItem('goalArea', (data) =>
    data.title ? `Tiltak ${data.number}: ${data.title}` : `Tiltak ${data.number}`,
  ),
  fields: [
    uniqueNumberField(1, 17, MEASURE_NUMBER_MESSAGE),
    labelField,
    {
      name: 'title',
      type: 'text',
      label: 'Tittel',
      validate: textRule('Tittelen', LIMITS.title),
      admin: {
        description: 'La feltet stå tomt til tittelen er bekreftet av en kilde. Nettstedet viser da bare «Tiltak N».',
      },
    },
    { name: 'goalArea', type: 'relationship', relationTo: COLLECTIONS.goalAreas, label: 'Målområde' },
    {
      name: 'description',
      type: 'textarea',
      label: 'Beskrivelse',
      validate: textRule('Beskrivelsen', LIMITS.description),
    },
    perEditionRows(
      'statuses',
      'Status per utgave',
      ['Status', 'Statuser'],
      { missing: 'Velg hvilken utgave statusen gjelder.', twice: MEASURE_EDITION_TWICE },
      [
        {
          name: 'status',
          type: 'select',
          label: 'Status',
          required: true,
          options: MEASURE_STATUSES,
          validate: choiceRule('Statusen', MEASURE_STATUSES, { required: true }),
        },
      ],
    ),
    sourceField,
  ],
}
