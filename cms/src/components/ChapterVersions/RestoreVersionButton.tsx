'use client'

import { Button, toast, useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useId, useRef, useState } from 'react'

import { restoreNote } from '../../collections/Chapters/revisionRules'

type Props = {
  chapterId: number | string
  versionId: number | string
  revision: number
  /** The version number the restore becomes. */
  nextRevision: number
  publishedDay: string
  lastProfessionalChangeDay: string
  updateTypeLabel: string
  /** Publishers and admins publish the restore; editors make it the draft. */
  mode: 'publish' | 'draft'
  /** Where to go when it is done (the chapter), instead of staying on this page. */
  afterHref?: string
}

/**
 * «Gjenopprett …» and its dialog: names the version with its own dates, says which version the
 * restore becomes, and asks for the update type (faglig or redaksjonell) and a change note,
 * prefilled with «Gjenopprettet innholdet fra versjon N.». Sent to POST /api/chapters/:id/restore,
 * which applies the same revision rules as any publish; a refusal is shown in the dialog.
 */
/** The two kinds of change a restore can be, and what each does to «Siste faglige endring». */
const UPDATE_TYPES = [
  { value: 'major', label: 'Faglig endring', hint: 'Siste faglige endring blir i dag' },
  { value: 'minor', label: 'Redaksjonell endring', hint: 'Siste faglige endring beholdes' },
] as const

export const RestoreVersionButton = (props: Props) => {
  const {
    chapterId,
    versionId,
    revision,
    nextRevision,
    publishedDay,
    lastProfessionalChangeDay,
    updateTypeLabel,
    mode,
    afterHref,
  } = props
  const { config } = useConfig()
  const router = useRouter()
  const dialog = useRef<HTMLDialogElement>(null)
  const [updateType, setUpdateType] = useState<'major' | 'minor'>('major')
  const [changeNote, setChangeNote] = useState(restoreNote(revision))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const ids = useId()
  const headingId = `${ids}-heading`
  const noteId = `${ids}-note`

  const open = () => {
    setUpdateType('major')
    setChangeNote(restoreNote(revision))
    setError(null)
    dialog.current?.showModal()
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(`${config.serverURL}${config.routes.api}/chapters/${chapterId}/restore`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          mode === 'publish' ? { version: versionId, updateType, changeNote } : { version: versionId, draft: true },
        ),
      })
      const body = (await response.json().catch(() => null)) as {
        errors?: Array<{ message: string }>
        doc?: { revision?: number | null }
      } | null
      if (!response.ok) {
        setError(body?.errors?.[0]?.message ?? 'Kunne ikke gjenopprette versjonen.')
        return
      }
      dialog.current?.close()
      toast.success(
        mode === 'publish'
          ? `Innholdet fra versjon ${revision} er publisert som versjon ${body?.doc?.revision ?? nextRevision}.`
          : `Innholdet fra versjon ${revision} er nå kapitlets utkast.`,
      )
      if (afterHref) router.push(afterHref)
      else router.refresh()
    } catch {
      setError('Kunne ikke nå serveren. Prøv igjen.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Button buttonStyle="secondary" size="small" margin={false} onClick={open} className="chapter-restore__open">
        {mode === 'publish' ? `Gjenopprett versjon ${revision} …` : `Gjenopprett versjon ${revision} som utkast …`}
      </Button>
      <dialog ref={dialog} className="chapter-restore" aria-labelledby={headingId}>
        <form method="dialog" onSubmit={submit}>
          <h2 id={headingId}>Gjenopprette versjon {revision}?</h2>
          <p>
            Versjon {revision} ble publisert {publishedDay} som {updateTypeLabel.toLowerCase()}. Siste faglige endring i
            den versjonen: {lastProfessionalChangeDay}.
          </p>
          {mode === 'publish' ? (
            <>
              <p className="chapter-restore__becomes">
                Innholdet fra versjon {revision} publiseres på nytt og <strong>blir versjon {nextRevision}</strong>. De
                tidligere versjonene blir stående i historikken.
              </p>
              <fieldset className="chapter-restore__types">
                <legend>Type endring</legend>
                {UPDATE_TYPES.map(({ value, label, hint }) => (
                  <label key={value}>
                    <input
                      type="radio"
                      name="updateType"
                      value={value}
                      checked={updateType === value}
                      onChange={() => setUpdateType(value)}
                    />{' '}
                    {label} <span className="chapter-restore__hint">({hint})</span>
                  </label>
                ))}
              </fieldset>
              <label htmlFor={noteId} className="chapter-restore__label">
                Endringsmerknad (vises for leserne)
              </label>
              <textarea
                id={noteId}
                name="changeNote"
                rows={3}
                value={changeNote}
                onChange={(e) => setChangeNote(e.target.value)}
              />
            </>
          ) : (
            <p className="chapter-restore__becomes">
              Innholdet fra versjon {revision} blir kapitlets utkast. Ingenting publiseres: en publisist publiserer
              utkastet som en ny versjon.
            </p>
          )}
          {error && (
            <p className="chapter-restore__error" role="alert">
              {error}
            </p>
          )}
          <div className="chapter-restore__buttons">
            <Button type="submit" buttonStyle="primary" size="medium" margin={false} disabled={busy}>
              {busy
                ? 'Gjenoppretter …'
                : mode === 'publish'
                  ? `Gjenopprett som versjon ${nextRevision}`
                  : 'Gjenopprett som utkast'}
            </Button>
            <Button
              type="button"
              buttonStyle="secondary"
              size="medium"
              margin={false}
              onClick={() => dialog.current?.close()}
            >
              Avbryt
            </Button>
          </div>
        </form>
      </dialog>
    </>
  )
}
