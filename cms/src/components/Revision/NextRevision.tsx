'use client'

import { useDocumentInfo, useForm, useFormFields, useFormModified } from '@payloadcms/ui'
import { useEffect } from 'react'

import type { RevisionCheckAnswer } from '../../collections/Chapters/revisionCheck'
import { norwegianDay } from '../../lib/dates'
import { useDebouncedCheck } from '../admin/useDebouncedCheck'

/** The fields that say what the next publish makes: they belong to the next version, never to the live one. */
const NEXT_FIELDS = ['updateType', 'changeNote', 'lastProfessionalChange'] as const

const same = (a: unknown, b: unknown) => {
  if (a === null || a === undefined || a === '') return b === null || b === undefined || b === ''
  return (
    String(a) === String(b) ||
    (typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b) && !Number.isNaN(Date.parse(a)))
  )
}

/** Asks the server what a publish of these values would make, a moment after they change. */
const useRevisionCheck = (body: unknown, deps: unknown[]) =>
  useDebouncedCheck<RevisionCheckAnswer>('/chapters/revision-check', body, deps, 500)

/**
 * Below the «Neste versjon» fields: what a publish of them would make («Ved publisering blir
 * dette versjon 5: …»), or, in Norwegian, each revision rule it would break, so that an editor
 * sees after a draft save (or while typing) what would stop the publish. The draft is saved
 * whatever it says.
 *
 * Right after a publish, and when the chapter is opened with no draft pending, the form holds
 * the live version's stamp (its update type, note and date): these are cleared from the form
 * (not from the database; never once the editor has changed the form), so that the fields start
 * empty for the next version; the live
 * version's values are shown read-only below, under «Gjeldende versjon».
 */
export const NextRevision = () => {
  const { id, data: saved } = useDocumentInfo()
  const { dispatchFields } = useForm()
  // Unsaved changes of the editor's own are never cleared.
  const modified = useFormModified()
  const values = useFormFields(([fields]) =>
    NEXT_FIELDS.map((name) => [fields[name]?.value, fields[name]?.initialValue] as const),
  )

  useEffect(() => {
    if (saved?._status !== 'published' || modified) return
    NEXT_FIELDS.forEach((name, i) => {
      const [value, initialValue] = values[i]
      const empty = value === null || value === undefined || value === ''
      if (!empty && same(value, saved[name]) && same(initialValue, saved[name])) {
        dispatchFields({ type: 'UPDATE', path: name, value: null, initialValue: null })
      }
    })
  }, [saved, values, modified, dispatchFields])

  const [updateType, changeNote, lastProfessionalChange] = values.map(([value]) => value ?? null)
  const { answer, failed } = useRevisionCheck(
    { id: id ?? null, data: { updateType, changeNote, lastProfessionalChange } },
    [id, saved?.updatedAt, updateType, changeNote, lastProfessionalChange],
  )

  return (
    <div className="next-revision" aria-live="polite" data-testid="next-revision">
      {failed && <p>Kunne ikke sjekke publiseringsreglene akkurat nå.</p>}
      {!failed && answer?.next && (
        <p className="next-revision__plan">
          Ved publisering blir dette versjon {answer.next.revision}: {answer.next.updateTypeLabel.toLowerCase()}, siste
          faglige endring {norwegianDay(answer.next.lastProfessionalChange)}.
        </p>
      )}
      {!failed && answer && answer.problems.length > 0 && (
        <div className="next-revision__problems" role="alert">
          <p className="next-revision__problems-title">Dette hindrer publisering:</p>
          <ul>
            {answer.problems.map((p) => (
              <li key={p.field} data-field={p.field}>
                <strong>{p.label}:</strong> {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
