import type { CollectionConfig, Field } from 'payload'

import { contentAccess, contentHooks, contentVersions } from './contentDefaults'

/** The fields a label is written from: the item's number, and a measure's title. */
type LabelSource = { number?: number | null; title?: string | null }

/**
 * What the action plan's numbered items (goal areas, measures) share: report content, in
 * number order, listed by a label each save writes from the item's other fields (`label`) in
 * the admin's «Handlingsplanen» group, beside `otherColumn`.
 */
export const actionPlanItem = (
  otherColumn: string,
  label: (data: LabelSource) => string,
): Pick<CollectionConfig, 'admin' | 'access' | 'versions' | 'hooks' | 'defaultSort'> => ({
  admin: { useAsTitle: 'label', defaultColumns: ['label', otherColumn], group: 'Handlingsplanen' },
  access: contentAccess,
  versions: contentVersions,
  hooks: { ...contentHooks, beforeChange: [({ data }) => ({ ...data, label: label(data) })] },
  defaultSort: 'number',
})

/** The label each save writes (see `actionPlanItem`): hidden in the form. */
export const labelField: Field = { name: 'label', type: 'text', admin: { hidden: true } }
