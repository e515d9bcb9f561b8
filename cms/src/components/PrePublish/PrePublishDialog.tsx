'use client'

import { useEffect, useRef, useState } from 'react'

import { BLOCK_KIND_LABELS } from '../../collections/Chapters/blockKinds'
import type { ParagraphChange } from '../../collections/Chapters/publishCheck'
import type { PublishCheckAnswer } from '../../collections/Chapters/publishCheckEndpoint'

const KIND: Record<ParagraphChange['kind'], string> = BLOCK_KIND_LABELS
const WHAT: Record<ParagraphChange['type'], string> = { changed: 'endret', added: 'lagt til', removed: 'fjernet' }

/** How many changed paragraphs the dialog lists before it says how many more there are. */
const SHOWN = 30

const day = (iso: string | null) => {
  if (!iso) return '(ingen dato)'
  const [y, m, d] = iso.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d, 12)).toLocaleDateString('nb-NO', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
}

const Added = ({ text }: { text: string }) => (
  <ins>
    <span className="pre-publish__vh">lagt til: </span>
    {text}
  </ins>
)
const Removed = ({ text }: { text: string }) => (
  <del>
    <span className="pre-publish__vh">slettet: </span>
    {text}
  </del>
)

const Change = ({ change }: { change: ParagraphChange }) => (
  <li className={`pre-publish__change pre-publish__change--${change.type}`} data-testid="pre-publish-change">
    <span className="pre-publish__where">
      {KIND[change.kind]} {change.kind === 'note' ? '' : change.position} {WHAT[change.type]}
    </span>
    <p className="pre-publish__text">
      {change.type === 'added' && <Added text={change.text} />}
      {change.type === 'removed' && <Removed text={change.text} />}
      {change.type === 'changed' &&
        change.parts.map((part, i) =>
          part.op === 0 ? (
            <span key={i}>{part.text}</span>
          ) : part.op === 1 ? (
            <Added key={i} text={part.text} />
          ) : (
            <Removed key={i} text={part.text} />
          ),
        )}
    </p>
  </li>
)

const Changes = ({ title, changes }: { title: string; changes: ParagraphChange[] }) =>
  changes.length === 0 ? null : (
    <section aria-label={title}>
      <h3>{title}</h3>
      <ul className="pre-publish__changes">
        {changes.slice(0, SHOWN).map((change, i) => (
          <Change key={i} change={change} />
        ))}
      </ul>
      {changes.length > SHOWN && <p>… og {changes.length - SHOWN} til.</p>}
    </section>
  )

/** What a withdrawal does, so that the publisher confirms it knowingly. */
const Withdrawal = () => (
  <section className="pre-publish__withdrawal" data-testid="pre-publish-withdrawal">
    <h3>Vil du trekke tilbake kapitlet?</h3>
    <p>
      Kapitlet blir stående på sin adresse med innholdet slik det sist ble publisert, og med varselet «Dette kapitlet er
      trukket tilbake» og datoen øverst. Endringsmerknaden over er forklaringen leserne ser i varselet og i
      endringshistorikken. Et utkast som venter, blir ikke publisert. En senere faglig eller redaksjonell endring
      gjeninnfører kapitlet.
    </p>
  </section>
)

/**
 * «Kontroller før publisering»: what the publish changes against the live version, the chosen
 * and suggested update types, the change note, and «Publiser» / «Avbryt». A native modal
 * dialog: focus moves into it and stays there, Escape cancels.
 */
export const PrePublishDialog = ({
  answer,
  failed,
  onCancel,
  onPublish,
  onShowErrors,
}: {
  answer: PublishCheckAnswer | null
  failed: boolean
  onCancel: () => void
  onPublish: () => void
  /** Sends the refused publish anyway, so that the form shows each rule on its field. */
  onShowErrors: () => void
}) => {
  const dialog = useRef<HTMLDialogElement>(null)
  const [confirmed, setConfirmed] = useState(false)

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => element?.close()
  }, [])

  const check = answer?.check
  const withdrawal = answer?.withdrawal ?? false
  const blocked = Boolean(answer?.refusal) || (withdrawal && !confirmed) || (!answer && !failed)

  return (
    <dialog
      ref={dialog}
      className="pre-publish__dialog"
      aria-labelledby="pre-publish-title"
      data-testid="pre-publish-dialog"
      onCancel={(event) => {
        event.preventDefault()
        onCancel()
      }}
    >
      <h2 id="pre-publish-title">Kontroller før publisering</h2>
      <div className="pre-publish__body" aria-live="polite" aria-busy={!answer && !failed}>
        {!answer && !failed && <p>Henter endringene …</p>}
        {failed && (
          <p role="alert">
            Kunne ikke hente endringene akkurat nå. Du kan publisere likevel; reglene for publisering gjelder som før.
          </p>
        )}
        {answer && check && (
          <>
            <dl className="pre-publish__types">
              <dt>Valgt type endring</dt>
              <dd data-testid="pre-publish-chosen">{answer.updateTypeLabel ?? 'Ikke valgt'}</dd>
              {!withdrawal && (
                <>
                  <dt>Foreslått type endring</dt>
                  <dd data-testid="pre-publish-suggested">{check.suggestion.label}</dd>
                </>
              )}
              <dt>Endringsmerknad</dt>
              <dd data-testid="pre-publish-note">{answer.changeNote ?? '(ingen)'}</dd>
              {answer.stamp && (
                <>
                  <dt>Siste faglige endring blir</dt>
                  <dd data-testid="pre-publish-date">{day(answer.stamp.lastProfessionalChange)}</dd>
                </>
              )}
            </dl>
            {!withdrawal && (
              <ul className="pre-publish__reasons" aria-label="Hvorfor denne typen foreslås">
                {check.suggestion.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            )}
            {answer.suggestionDiffers && (
              <p className="pre-publish__warning" role="alert" data-testid="pre-publish-warning">
                Du har valgt {answer.updateTypeLabel?.toLowerCase()}, men kontrollen foreslår{' '}
                {check.suggestion.label.toLowerCase()}. Sjekk at typen er riktig før du publiserer.
              </p>
            )}
            {!withdrawal && !answer.updateType && (
              <p className="pre-publish__warning" role="alert">
                Velg type endring i sidefeltet før du publiserer.
              </p>
            )}
            {answer.refusal && (
              <p className="pre-publish__error" role="alert" data-testid="pre-publish-refusal">
                Publiseringen vil bli avvist: {answer.refusal.message} Vis feilen i skjemaet, eller lukk og rett den.
              </p>
            )}
            {withdrawal ? (
              <Withdrawal />
            ) : (
              <section aria-label="Endringer">
                <h3>Endringer mot den publiserte versjonen</h3>
                <ul className="pre-publish__summary">
                  {answer.summary.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
                {(check.title || check.number || check.lastProfessionalChange) && (
                  <dl className="pre-publish__fields">
                    {check.title && (
                      <>
                        <dt>Tittel</dt>
                        <dd>
                          <Removed text={check.title.before || '(ingen)'} /> → <Added text={check.title.after} />
                        </dd>
                      </>
                    )}
                    {check.number && (
                      <>
                        <dt>Kapittelnummer</dt>
                        <dd>
                          <Removed text={check.number.before ?? '(ingen)'} /> →{' '}
                          <Added text={check.number.after ?? '(ingen)'} />
                        </dd>
                      </>
                    )}
                    {check.lastProfessionalChange && (
                      <>
                        <dt>Siste faglige endring</dt>
                        <dd>
                          {day(check.lastProfessionalChange.before)} → {day(check.lastProfessionalChange.after)}
                          {answer.updateType === 'minor' && ' (en redaksjonell endring beholder forrige dato)'}
                        </dd>
                      </>
                    )}
                  </dl>
                )}
                {(check.measures.added.length > 0 || check.measures.removed.length > 0) && (
                  <section aria-label="Tiltak" data-testid="pre-publish-measures">
                    <h3>Tiltak</h3>
                    <ul className="pre-publish__changes">
                      {check.measures.added.map((m) => (
                        <li key={`a${m.number}`} className="pre-publish__change pre-publish__change--added">
                          <Added text={`Tiltak ${m.number}${m.title ? `: ${m.title}` : ''}`} />
                        </li>
                      ))}
                      {check.measures.removed.map((m) => (
                        <li key={`r${m.number}`} className="pre-publish__change pre-publish__change--removed">
                          <Removed text={`Tiltak ${m.number}${m.title ? `: ${m.title}` : ''}`} />
                        </li>
                      ))}
                    </ul>
                  </section>
                )}
                <Changes title="Tekst" changes={check.paragraphs} />
                <Changes title="Fotnoter" changes={check.footnotes} />
                {check.formattingChanged && (
                  <p>Teksten er den samme, men formateringen (uthevinger, lenker, lister) er endret.</p>
                )}
              </section>
            )}
          </>
        )}
      </div>
      {withdrawal && (
        <label className="pre-publish__confirm">
          <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} /> Ja,
          kapitlet skal trekkes tilbake
        </label>
      )}
      <div className="pre-publish__buttons">
        <button
          type="button"
          className="btn btn--style-primary btn--size-medium"
          disabled={blocked}
          onClick={onPublish}
          data-testid="pre-publish-publish"
        >
          {withdrawal ? 'Trekk tilbake' : 'Publiser'}
        </button>
        {answer?.refusal && (
          // Sends the publish, which the server refuses with each rule's message on its field.
          <button
            type="button"
            className="btn btn--style-secondary btn--size-medium"
            onClick={onShowErrors}
            data-testid="pre-publish-show-errors"
          >
            Vis feilen i skjemaet
          </button>
        )}
        <button type="button" className="btn btn--style-secondary btn--size-medium" onClick={onCancel} autoFocus>
          Avbryt
        </button>
      </div>
    </dialog>
  )
}
