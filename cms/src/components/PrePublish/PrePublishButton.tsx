'use client'

import { useConfig, useDocumentInfo, useForm, useLocale } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import { useCallback, useRef, useState, type MouseEvent } from 'react'

import type { PublishCheckAnswer } from '../../collections/Chapters/publishCheckEndpoint'
import { PublishButton } from '../publish/PublishButton'
import { PrePublishDialog } from './PrePublishDialog'
import './prePublish.scss'

const PUBLISH_BUTTON = '#action-save'

/**
 * The chapter's Publish button: the admin's Norwegian one (components/publish: its schedule menu
 * on Oslo time, keyboard use and state), but
 * pressing «Publiser endringer» first opens «Kontroller før publisering», which shows what the
 * publish changes against the live version. «Publiser» there publishes as Payload's button
 * does (the form submitted with `_status: 'published'`); «Avbryt» publishes nothing. Focus
 * goes back to the button when the dialog closes.
 */
export const PrePublishButton = () => {
  const {
    id,
    collectionSlug,
    setHasPublishedDoc,
    setMostRecentVersionIsAutosaved,
    setUnpublishedVersionCount,
    uploadStatus,
  } = useDocumentInfo()
  const { config } = useConfig()
  const { code: localeCode } = useLocale()
  const { getData, submit } = useForm()
  const wrapper = useRef<HTMLDivElement>(null)
  const [open, setOpen] = useState(false)
  const [answer, setAnswer] = useState<PublishCheckAnswer | null>(null)
  const [failed, setFailed] = useState(false)

  const api = config.routes.api
  const check = useCallback(async () => {
    setAnswer(null)
    setFailed(false)
    try {
      const response = await fetch(formatAdminURL({ apiRoute: api, path: `/${collectionSlug}/${id}/publish-check` }), {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data: getData() }),
      })
      if (!response.ok) throw new Error(String(response.status))
      setAnswer((await response.json()) as PublishCheckAnswer)
    } catch {
      setFailed(true)
    }
  }, [api, collectionSlug, id, getData])

  /** Publishes as Payload's PublishButton does. */
  const publish = useCallback(async () => {
    if (uploadStatus === 'uploading') return
    const params = new URLSearchParams({ depth: '0', ...(localeCode ? { locale: localeCode } : {}) })
    const result = await submit({
      action: formatAdminURL({ apiRoute: api, path: `/${collectionSlug}${id ? `/${id}` : ''}?${params}` }),
      overrides: { _status: 'published' },
    })
    if (result) {
      setUnpublishedVersionCount(0)
      setMostRecentVersionIsAutosaved(false)
      setHasPublishedDoc(true)
    }
  }, [
    uploadStatus,
    localeCode,
    submit,
    api,
    collectionSlug,
    id,
    setUnpublishedVersionCount,
    setMostRecentVersionIsAutosaved,
    setHasPublishedDoc,
  ])

  const focusButton = () => wrapper.current?.querySelector<HTMLButtonElement>(PUBLISH_BUTTON)?.focus()

  // A new chapter has no live version to compare with: it is published at once, as before.
  const onClickCapture = (event: MouseEvent) => {
    if (!id || !(event.target as HTMLElement).closest(PUBLISH_BUTTON)) return
    event.preventDefault()
    event.stopPropagation()
    setOpen(true)
    void check()
  }

  const close = () => {
    setOpen(false)
    // After the dialog is gone from the page.
    setTimeout(focusButton, 0)
  }

  return (
    <div className="pre-publish" ref={wrapper} onClickCapture={onClickCapture}>
      <PublishButton />
      {open && (
        <PrePublishDialog
          answer={answer}
          failed={failed}
          onCancel={close}
          onPublish={() => {
            close()
            void publish()
          }}
          onShowErrors={() => {
            close()
            void publish()
          }}
        />
      )}
    </div>
  )
}
