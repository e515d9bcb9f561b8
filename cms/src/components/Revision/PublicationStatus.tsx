'use client'

import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import type { ChapterSiteStatus } from '../../collections/Chapters/siteStatus'
import { describePublication, type PublicationText } from '../../publishing/publicationState'

/** How often the status is asked for while the publish is on its way, and while a failed one waits for its next try. */
const PENDING_MS = 1000
const FAILED_MS = 5000

/**
 * At the top of a chapter's sidebar: whether its latest publish is on the reader site yet.
 * After a publish it says «Publiseres på nettstedet…» until the site is rebuilt, then
 * «Publisert på nettstedet kl. 14:02» with a link to the live page, or why the build failed
 * and when it is tried again. Polls GET /api/chapters/:id/site-status while the publish is on
 * its way; asks again after each save.
 */
export const PublicationStatus = () => {
  const { id, data } = useDocumentInfo()
  const { config } = useConfig()
  const [status, setStatus] = useState<ChapterSiteStatus | null>(null)
  const saved = `${data?._status ?? ''}|${data?.publishedAt ?? ''}|${data?.updatedAt ?? ''}`

  useEffect(() => {
    if (!id) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = async () => {
      let state: string | null = null
      try {
        const response = await fetch(`${config.serverURL}${config.routes.api}/chapters/${id}/site-status`, {
          credentials: 'include',
          cache: 'no-store',
        })
        if (response.ok) {
          const next = (await response.json()) as ChapterSiteStatus
          state = next.state
          if (!stopped) setStatus(next)
        }
      } catch {
        state = 'failed'
      }
      if (stopped) return
      const delay = state === 'waiting' || state === 'building' ? PENDING_MS : state === 'failed' ? FAILED_MS : null
      if (delay) timer = setTimeout(() => void poll(), delay)
    }
    void poll()
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
    }
  }, [id, saved, config.serverURL, config.routes.api])

  if (!status || status.state === 'notPublished' || status.state === 'unknown') return null
  const text: PublicationText = describePublication(status)
  return (
    <div
      className={`publication-status publication-status--${text.tone}`}
      role="status"
      aria-live="polite"
      data-testid="publication-status"
    >
      <p className="publication-status__text">{text.text}</p>
      {text.details.length > 0 && (
        <ul className="publication-status__details">
          {text.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      {status.state === 'live' && status.url && (
        <a className="publication-status__link" href={status.url} target="_blank" rel="noopener">
          Se kapitlet på nettstedet
        </a>
      )}
      {status.state === 'failed' && (
        <a className="publication-status__link" href={`${config.routes.admin}/publisering`}>
          Se byggene under Publisering
        </a>
      )}
    </div>
  )
}
