import type { CollectionConfig } from 'payload'

import { perEditionRows } from '../fields/editionInRow'
import { uniqueNumberField } from '../fields/numberField'
import { LIMITS, textRule, titleField } from '../fields/validation'
import { COLLECTIONS } from '../lib/slugs'
import { actionPlanItem, labelField } from './actionPlanItem'
import { collectionNames } from './collectionNames'

export const GOAL_AREA_EDITION_TWICE = 'Utgaven står i mer enn én rad. Hver utgave kan bare ha én rad per målområde.'

/** Målområde 1–3: its wording and effect goals can change from one edition to the next. */
export const GoalAreas: CollectionConfig = {
  ...collectionNames(COLLECTIONS.goalAreas, ['Målområde', 'Målområder'], ['GoalArea', 'GoalAreas']),
  ...actionPlanItem('number', (data) => `Målområde ${data.number ?? ''}`.trim()),
  fields: [
    uniqueNumberField(1, 3, 'Målområdenummeret må være 1, 2 eller 3.'),
    labelField,
    perEditionRows(
      'editions',
      'Per utgave',
      ['Utgave', 'Utgaver'],
      { missing: 'Velg hvilken utgave raden gjelder.', twice: GOAL_AREA_EDITION_TWICE },
      [
        { ...titleField, label: 'Tittel i denne utgaven' },
        {
          name: 'effectGoals',
          type: 'array',
          label: 'Effektmål',
          labels: { singular: 'Effektmål', plural: 'Effektmål' },
          fields: [
            {
              name: 'text',
              type: 'text',
              label: 'Effektmål',
              required: true,
              validate: textRule('Effektmålet', LIMITS.listItem, { required: true }),
            },
          ],
        },
      ],
    ),
  ],
}
