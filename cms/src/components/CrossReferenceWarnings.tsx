'use client'

import { useAllFormFields, useDocumentInfo } from '@payloadcms/ui'
import { reduceFieldsToValues } from 'payload/shared'

import { useDebouncedCheck } from './admin/useDebouncedCheck'

type Finding = { severity: 'error' | 'warning'; code: string; message: string }

/**
 * Shows the cross-reference checker's findings for the chapter being edited, before it is
 * published: measure numbers and titles, footnotes, links and chapter numbers. Re-checks a
 * moment after the form changes.
 */
export const CrossReferenceWarnings = () => {
  const [fields] = useAllFormFields()
  const { id } = useDocumentInfo()
  const { answer, failed } = useDebouncedCheck<{ findings: Finding[] }>(
    '/chapters/check-references',
    { id: id ?? null, data: reduceFieldsToValues(fields, true) },
    [fields, id],
    800,
  )
  const findings = answer?.findings ?? null

  return (
    <div className="cross-reference-warnings" aria-live="polite" data-testid="cross-reference-warnings">
      <h3 className="cross-reference-warnings__title">Kryssreferanser</h3>
      {failed && <p>Kunne ikke sjekke kryssreferansene akkurat nå.</p>}
      {!failed && findings === null && <p>Sjekker …</p>}
      {!failed && findings?.length === 0 && <p className="cross-reference-warnings__ok">Ingen problemer funnet.</p>}
      {!failed && findings && findings.length > 0 && (
        <ul className="cross-reference-warnings__list">
          {findings.map((f) => (
            <li key={`${f.code}-${f.message}`} className={`cross-reference-warnings__item--${f.severity}`}>
              {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
