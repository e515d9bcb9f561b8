'use client'

import { useAllFormFields, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { reduceFieldsToValues } from 'payload/shared'
import { useEffect, useRef, useState } from 'react'

type Finding = { severity: 'error' | 'warning'; code: string; message: string }

/**
 * Shows the cross-reference checker's findings for the chapter being edited, before it is
 * published: measure numbers and titles, footnotes, links and chapter numbers. Re-checks a
 * moment after the form changes.
 */
export const CrossReferenceWarnings = () => {
  const [fields] = useAllFormFields()
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const [findings, setFindings] = useState<Finding[] | null>(null)
  const [failed, setFailed] = useState(false)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  useEffect(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(async () => {
      try {
        const data = reduceFieldsToValues(fields, true)
        const response = await fetch(`${config.serverURL}${config.routes.api}/chapters/check-references`, {
          method: 'POST',
          credentials: 'include',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: id ?? null, data }),
        })
        if (!response.ok) throw new Error(String(response.status))
        setFindings(((await response.json()) as { findings: Finding[] }).findings)
        setFailed(false)
      } catch {
        setFailed(true)
      }
    }, 800)
    return () => {
      if (timer.current) clearTimeout(timer.current)
    }
  }, [fields, id, config.serverURL, config.routes.api])

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
