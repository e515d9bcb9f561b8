'use client'

import { Button, ConfirmationModal, Pill, SetStepNav, toast, useConfig, useModal } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

import { problemText } from '../../export/problems'
import type { BuildPhase, BuildRecord, SiteBuildsStatus } from '../../publishing/builderRegistry'

const CONFIRM_SLUG = 'confirm-site-rollback'
/** How often the list refreshes while a build runs or waits, and otherwise. */
const FAST_MS = 2000
const SLOW_MS = 15000

const COLLECTION_LABELS: Record<string, string> = {
  chapters: 'Kapittel',
  editions: 'Utgave',
  measures: 'Tiltak',
  'goal-areas': 'Målområde',
  news: 'Nyhet',
}

const dateTime = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Oslo' })
const clock = new Intl.DateTimeFormat('nb-NO', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'Europe/Oslo',
})

/** What a running build is doing, as an editor would say it. */
const PHASES: Record<BuildPhase, string> = {
  export: 'henter det publiserte innholdet',
  render: 'lager sidene',
  pagesLive: 'de nye sidene er ute; lager søk og utgivelsesfiler',
  finish: 'lager søk og utgivelsesfiler',
  switch: 'setter bygget i drift',
}

/**
 * A request's reason as an editor would say it: the document's name when the server gave it
 * («Kapittel 2.1 Tittel (årsrapport 2023)»), «Oppstart av serveren», «Rullet tilbake av …»;
 * a document that no longer exists by its kind alone.
 */
export const describeReason = (reason: string, labels: Record<string, string> = {}): string => {
  if (labels[reason]) return labels[reason]
  if (reason === 'start') return 'Oppstart av serveren'
  const [kind, rest] = [reason.slice(0, reason.indexOf(':')), reason.slice(reason.indexOf(':') + 1)]
  if (kind === 'rollback') return `Rullet tilbake av ${rest}`
  if (COLLECTION_LABELS[kind]) return `${COLLECTION_LABELS[kind]} (slettet)`
  return reason
}

/** Reasons once each, with a count when a build covered the same one several times. */
const describeReasons = (reasons: string[], labels: Record<string, string> = {}): string[] => {
  const counts = new Map<string, number>()
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1)
  return [...counts].map(([r, n]) => (n > 1 ? `${describeReason(r, labels)} (×${n})` : describeReason(r, labels)))
}

/** A build id is the UTC time it started (`2026-11-29T13-02-00-000Z`); readers of the list get Oslo time. */
const buildStarted = (id: string | null | undefined, builds: BuildRecord[]): Date | null => {
  if (!id) return null
  const record = builds.find((b) => b.kind === 'build' && b.id === id)
  if (record) return new Date(record.startedAt)
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(id)
  return m ? new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : null
}

/** «bygget fra 29. nov. 2026, 14:02:05» (Oslo time), for a build named by its id. */
export const describeBuild = (id: string | null | undefined, builds: BuildRecord[]): string => {
  const started = buildStarted(id, builds)
  return started ? `bygget fra ${dateTime.format(started)}` : 'et tidligere bygg'
}

export const formatDuration = (ms: number | null): string => {
  if (ms === null) return '–'
  if (ms < 60_000) return `${(ms / 1000).toLocaleString('nb-NO', { maximumFractionDigits: 1 })} s`
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
}

const Result = ({ build }: { build: BuildRecord }) => {
  if (build.kind === 'rollback') return <Pill pillStyle="light-gray">Tilbakerulling</Pill>
  if (build.result === 'running') return <Pill pillStyle="warning">Bygger …</Pill>
  if (build.result === 'succeeded')
    return build.problems?.length ? (
      <Pill pillStyle="warning">Vellykket, med dokumenter holdt tilbake</Pill>
    ) : (
      <Pill pillStyle="success">Vellykket</Pill>
    )
  return <Pill pillStyle="error">{build.error === 'interrupted' ? 'Avbrutt' : 'Feilet'}</Pill>
}

const Details = ({ build, builds }: { build: BuildRecord; builds: BuildRecord[] }) => {
  if (build.kind === 'rollback')
    return <span>Nettstedet ble satt tilbake til {describeBuild(build.target, builds)}.</span>
  const attempt = build.attempt ? <span className="site-builds__attempt">Forsøk {build.attempt}.</span> : null
  if (build.result === 'running')
    return (
      <span>
        {build.phase ? `Nå: ${PHASES[build.phase]}.` : 'Starter …'} {attempt}
      </span>
    )
  if (build.result === 'succeeded') {
    if (!build.problems?.length) return attempt
    return (
      <>
        {attempt}
        <ul className="site-builds__problems">
          {build.problems.map((p) => (
            <li key={`${p.collection}:${p.id}`}>{problemText(p)}</li>
          ))}
        </ul>
      </>
    )
  }
  if (build.error === 'interrupted')
    return <span>Serveren stoppet mens bygget pågikk. Endringene bygges ved neste oppstart.</span>
  const lines = (build.error ?? '').trim().split('\n')
  return (
    <>
      {attempt}
      <details className="site-builds__error">
        <summary>{build.summary ?? (lines[0] || 'Ukjent feil')}</summary>
        <pre>{lines.join('\n')}</pre>
      </details>
    </>
  )
}

/** Why readers do not see everything that is published, with the next try and, for publishers, «Prøv igjen nå». */
const Degraded = ({
  status,
  canRetry,
  onRetry,
}: {
  status: SiteBuildsStatus
  canRetry: boolean
  onRetry: () => void
}) => {
  if (!status.degraded) return null
  return (
    <div className="site-builds__degraded" role="alert">
      <p>
        <strong>Nettstedet viser ikke alt som er publisert</strong> (siden{' '}
        {dateTime.format(new Date(status.degraded.since))}).
      </p>
      <ul>
        {status.degraded.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {canRetry && status.retry && !status.building && (
        <Button buttonStyle="secondary" size="small" margin={false} onClick={onRetry}>
          Prøv igjen nå
        </Button>
      )}
    </div>
  )
}

/**
 * The build list of the «Publisering» view. Refreshes every couple of seconds while a build
 * runs or waits; admins get «Rull tilbake hit» on each kept build, with a confirmation.
 */
/** Asks the builder to act (retry, roll back); its answer is the new status or the refusal. */
const postAction = async (url: string) => {
  const response = await fetch(url, { method: 'POST', credentials: 'include' })
  const body = (await response.json().catch(() => null)) as {
    errors?: Array<{ message: string }>
    status?: SiteBuildsStatus
  } | null
  return { response, body }
}

export const SiteBuildsList = ({
  initial,
  canRollBack,
  canRetry,
}: {
  initial: SiteBuildsStatus | null
  canRollBack: boolean
  canRetry: boolean
}) => {
  const { config } = useConfig()
  const { openModal } = useModal()
  const [status, setStatus] = useState<SiteBuildsStatus | null>(initial)
  const [failed, setFailed] = useState(false)
  const [target, setTarget] = useState<string | null>(null)
  const api = `${config.serverURL}${config.routes.api}/site-builds`

  const refresh = useCallback(async () => {
    try {
      const response = await fetch(api, { credentials: 'include', cache: 'no-store' })
      if (!response.ok) throw new Error(String(response.status))
      setStatus((await response.json()) as SiteBuildsStatus)
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }, [api])

  const busy = Boolean(status && (status.building || status.queued.length > 0))

  const retry = async () => {
    const { response, body } = await postAction(`${api}/retry`)
    if (response.ok && body?.status) {
      setStatus(body.status)
      toast.success('Bygget startes på nytt.')
    } else {
      toast.error(body?.errors?.[0]?.message ?? 'Kunne ikke starte bygget på nytt.')
      void refresh()
    }
  }
  useEffect(() => {
    if (!initial) void refresh()
    const timer = setInterval(() => void refresh(), busy ? FAST_MS : SLOW_MS)
    return () => clearInterval(timer)
  }, [busy, refresh, initial])

  const rollBack = async () => {
    if (!target) return
    const { response, body } = await postAction(`${api}/${encodeURIComponent(target)}/rollback`)
    if (response.ok && body?.status) {
      setStatus(body.status)
      toast.success(`Nettstedet viser nå ${describeBuild(target, status?.builds ?? [])}.`)
    } else {
      toast.error(body?.errors?.[0]?.message ?? 'Kunne ikke rulle tilbake.')
      void refresh()
    }
    setTarget(null)
  }

  if (!status) {
    return (
      <>
        <SetStepNav nav={[{ label: 'Publisering' }]} />
        <p>{failed ? 'Kunne ikke hente byggene akkurat nå.' : 'Henter byggene …'}</p>
      </>
    )
  }
  const targets = new Set(status.rollbackTargets)
  return (
    <div className="site-builds__body" aria-live="polite">
      <SetStepNav nav={[{ label: 'Publisering' }]} />
      <Degraded status={status} canRetry={canRetry} onRetry={() => void retry()} />
      <ul className="site-builds__summary">
        <li>
          Leserne ser nå:{' '}
          <strong>{status.liveBuild ? describeBuild(status.liveBuild, status.builds) : 'ingen bygg ennå'}</strong>
        </li>
        <li>{status.building ? 'Et bygg pågår.' : 'Ingen bygg pågår.'}</li>
        {status.retry && (
          <li>
            {status.retry.at
              ? `Nytt forsøk kl. ${clock.format(new Date(status.retry.at))} (${status.retry.failures} av ${status.retry.limit + 1} forsøk har feilet).`
              : `Automatiske forsøk er gitt opp etter ${status.retry.failures} feil.`}
          </li>
        )}
        <li>
          {status.queued.length > 0
            ? `Venter på bygg: ${describeReasons(status.queued, status.reasonLabels).join(', ')}`
            : 'Ingen endringer venter på bygg.'}
        </li>
      </ul>
      {failed && <p className="site-builds__stale">Kunne ikke oppdatere listen akkurat nå.</p>}
      {status.builds.length === 0 ? (
        <p>Ingen bygg ennå.</p>
      ) : (
        <div className="site-builds__table-wrap">
          <table className="site-builds__table" data-testid="site-builds">
            <thead>
              <tr>
                <th scope="col">Startet</th>
                <th scope="col">Årsak</th>
                <th scope="col">Varighet</th>
                <th scope="col">Resultat</th>
                {canRollBack && (
                  <th scope="col">
                    <span className="site-builds__vh">Handling</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {status.builds.map((build) => {
                const live = build.kind === 'build' && build.id === status.liveBuild
                return (
                  <tr key={build.id} data-build-id={build.id} className={live ? 'site-builds__row--live' : undefined}>
                    <td>
                      <time dateTime={build.startedAt}>{dateTime.format(new Date(build.startedAt))}</time>
                    </td>
                    <td className="site-builds__reasons">
                      {describeReasons(build.reasons, status.reasonLabels).join(', ')}
                    </td>
                    <td className="site-builds__duration">
                      {build.kind === 'rollback' ? '–' : formatDuration(build.durationMs)}
                    </td>
                    <td className="site-builds__result">
                      <Result build={build} />
                      {live && (
                        <Pill pillStyle="dark" className="site-builds__live">
                          Vises nå
                        </Pill>
                      )}
                      <Details build={build} builds={status.builds} />
                    </td>
                    {canRollBack && (
                      <td className="site-builds__action">
                        {targets.has(build.id) && (
                          <Button
                            buttonStyle="secondary"
                            size="small"
                            margin={false}
                            disabled={busy}
                            onClick={() => {
                              setTarget(build.id)
                              openModal(CONFIRM_SLUG)
                            }}
                          >
                            Rull tilbake hit
                          </Button>
                        )}
                      </td>
                    )}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {canRollBack && (
        <ConfirmationModal
          modalSlug={CONFIRM_SLUG}
          heading="Rulle tilbake nettstedet?"
          body={
            <p>
              Leserne ser straks {describeBuild(target, status.builds)} i stedet for det som er publisert nå. Innholdet
              i CMS-et endres ikke: neste publisering bygger nettstedet fra innholdet som vanlig.
            </p>
          }
          confirmLabel="Rull tilbake"
          confirmingLabel="Ruller tilbake …"
          cancelLabel="Avbryt"
          onCancel={() => setTarget(null)}
          onConfirm={rollBack}
        />
      )}
    </div>
  )
}
