'use client'

import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import type { CurrentRevision as Current, RevisionCheckAnswer } from '../../collections/Chapters/revisionCheck'
import { norwegianDay, osloDateTime, osloDayOrNull } from '../../lib/dates'

/**
 * «Gjeldende versjon N», read-only, below the next version's fields: the live version's update
 * type, change note, «Siste faglige endring» and when it was published, read from the
 * chapter's version history (asked again after each save).
 */
export const CurrentRevision = () => {
  const { id, data } = useDocumentInfo()
  const { config } = useConfig()
  const [current, setCurrent] = useState<Current | null | undefined>(undefined)

  useEffect(() => {
    if (!id) return
    let stopped = false
    void fetch(`${config.serverURL}${config.routes.api}/chapters/revision-check`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, data: {} }),
    })
      .then((r) => (r.ok ? (r.json() as Promise<RevisionCheckAnswer>) : null))
      .then((answer) => {
        if (!stopped && answer) setCurrent(answer.current)
      })
      .catch(() => undefined)
    return () => {
      stopped = true
    }
  }, [id, data?.updatedAt, config.serverURL, config.routes.api])

  if (!id || current === undefined) return null
  if (current === null) {
    return (
      <div className="current-revision" data-testid="current-revision">
        <h3 className="current-revision__title">Gjeldende versjon</h3>
        <p>Kapitlet er ikke publisert ennå.</p>
      </div>
    )
  }
  const day = osloDayOrNull(current.lastProfessionalChange)
  return (
    <div className="current-revision" data-testid="current-revision">
      <h3 className="current-revision__title">Gjeldende versjon {current.revision}</h3>
      <dl className="current-revision__list">
        <dt>Type endring</dt>
        <dd>{current.updateTypeLabel ?? '–'}</dd>
        <dt>Endringsmerknad</dt>
        <dd>{current.changeNote ?? '–'}</dd>
        <dt>Siste faglige endring</dt>
        <dd>{day ? norwegianDay(day) : '–'}</dd>
        <dt>Publisert</dt>
        <dd>{current.publishedAt ? osloDateTime(current.publishedAt) : '–'}</dd>
      </dl>
    </div>
  )
}
