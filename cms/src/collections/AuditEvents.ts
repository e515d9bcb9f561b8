import type { CollectionBeforeOperationHook, CollectionConfig } from 'payload'

import { nobody, readAuditTrail } from '../access/auditEvents'
import { AUDIT_ACTIONS, type AuditAction } from '../audit/actions'
import { RuleForbidden } from '../lib/errors'
import { COLLECTIONS } from '../lib/slugs'
import { UPDATE_TYPE_LABELS, type UpdateType } from './Chapters/revisionRules'
import { collectionNames } from './collectionNames'

export const AUDIT_TRAIL_IS_FIXED = 'Revisjonsloggen kan ikke endres, og hendelser i den kan ikke slettes.'

/**
 * Refuses every update and delete, whoever asks and however (REST, GraphQL, the Local API with
 * or without `overrideAccess`): an event once recorded stays as it was.
 */
const refuseChanges: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation === 'update' || operation === 'delete') throw new RuleForbidden(AUDIT_TRAIL_IS_FIXED)
  return args
}

const COLLECTION_OPTIONS = [
  { value: COLLECTIONS.chapters, label: 'Kapittel' },
  { value: COLLECTIONS.editions, label: 'Utgave' },
  { value: COLLECTIONS.goalAreas, label: 'Målområde' },
  { value: COLLECTIONS.measures, label: 'Tiltak' },
  { value: COLLECTIONS.news, label: 'Nyhet' },
  { value: COLLECTIONS.users, label: 'Bruker' },
]

/**
 * The audit trail: who published, unpublished, withdrew, restored or scheduled what, who
 * rolled the site back and who changed a role, and when. Made only by the server's hooks;
 * read by administrators only; never changed or deleted; never exported to the reader site.
 */
export const AuditEvents: CollectionConfig = {
  ...collectionNames(COLLECTIONS.auditEvents, ['Hendelse', 'Revisjonslogg'], ['AuditEvent', 'AuditEvents']),
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['at', 'action', 'title', 'version', 'userEmail', 'summary'],
    group: 'Administrasjon',
    description:
      'Hvem som publiserte, trakk tilbake, gjenopprettet, planla, rullet tilbake nettstedet eller endret roller, og når. Loggen kan ikke endres.',
    pagination: { defaultLimit: 50 },
  },
  defaultSort: '-at',
  access: { read: readAuditTrail, create: nobody, update: nobody, delete: nobody },
  hooks: { beforeOperation: [refuseChanges] },
  fields: [
    {
      name: 'at',
      type: 'date',
      label: 'Tidspunkt',
      required: true,
      index: true,
      admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'd. MMMM yyyy HH:mm:ss' } },
    },
    {
      name: 'action',
      type: 'select',
      label: 'Hendelse',
      required: true,
      options: (Object.keys(AUDIT_ACTIONS) as AuditAction[]).map((value) => ({ value, label: AUDIT_ACTIONS[value] })),
    },
    { name: 'docCollection', type: 'select', label: 'Type dokument', options: COLLECTION_OPTIONS },
    { name: 'docId', type: 'text', label: 'Dokument-id', index: true },
    { name: 'chapterNumber', type: 'text', label: 'Kapittelnummer' },
    { name: 'title', type: 'text', label: 'Tittel' },
    { name: 'version', type: 'number', label: 'Versjon' },
    {
      name: 'updateType',
      type: 'select',
      label: 'Type endring',
      options: (Object.keys(UPDATE_TYPE_LABELS) as UpdateType[]).map((value) => ({
        value,
        label: UPDATE_TYPE_LABELS[value],
      })),
    },
    { name: 'summary', type: 'text', label: 'Merknad' },
    { name: 'userId', type: 'text', label: 'Bruker-id' },
    { name: 'userEmail', type: 'text', label: 'E-post' },
    { name: 'userName', type: 'text', label: 'Navn' },
  ],
}
