import { osloMoment } from '../lib/dates'
import type { BuildRecord, SiteBuildsStatus } from './builderRegistry'

/**
 * Where a publish stands on the reader site:
 * - `waiting`: no build that includes it has started yet;
 * - `building`: a build that includes it runs;
 * - `live`: a build that includes it went live (`liveAt`), and readers see it (or a later build);
 * - `failed`: the builds that included it failed (the newest one's cause in Norwegian); the
 *   builder tries again by itself (`retryAt`) or on the next publish;
 * - `rolledBack`: it went live, but the site was switched back to a build from before it.
 */
export type PublicationState =
  | { state: 'waiting' }
  | { state: 'building' }
  | { state: 'live'; liveAt: string | null }
  | { state: 'failed'; summary: string | null; error: string | null; retryAt: string | null; gaveUp: boolean }
  | { state: 'rolledBack' }

/**
 * A build includes a publish when it started after the publish and covered its request (the
 * request is made once the publish is committed) or was a start build (which builds all that
 * is published).
 */
const includes = (build: BuildRecord, reason: string, since: string) =>
  build.kind === 'build' &&
  build.startedAt >= since &&
  (build.reasons.includes(reason) || build.reasons.includes('start'))

/**
 * The state of the publish made at `since` (the published version's publishedAt), whose build
 * request has `reason` (`chapters:12`), read from the builder's status.
 */
export const publicationState = (status: SiteBuildsStatus, reason: string, since: string): PublicationState => {
  const covering = status.builds.filter((b) => includes(b, reason, since)) // newest first
  const succeeded = covering.filter((b) => b.result === 'succeeded')
  if (succeeded.length > 0) {
    const first = succeeded[succeeded.length - 1]
    const live = status.builds.find((b) => b.kind === 'build' && b.id === status.liveBuild)
    if (live && live.startedAt < first.startedAt) return { state: 'rolledBack' }
    return { state: 'live', liveAt: first.finishedAt }
  }
  const newest = covering[0]
  if (newest?.result === 'running') return { state: 'building' }
  if (newest?.result === 'failed') {
    const interrupted = newest.error === 'interrupted'
    return {
      state: 'failed',
      summary: interrupted ? 'Serveren stoppet mens bygget pågikk.' : (newest.summary ?? null),
      error: interrupted ? null : (newest.error ?? '').trim().split('\n')[0] || null,
      retryAt: status.retry?.at ?? null,
      gaveUp: Boolean(status.retry && status.retry.at === null),
    }
  }
  // No build after it yet; or the history no longer reaches back to it while readers see a later build.
  const live = status.builds.find((b) => b.kind === 'build' && b.id === status.liveBuild)
  if (!newest && live && live.startedAt >= since && !status.queued.includes(reason))
    return { state: 'live', liveAt: null }
  return { state: 'waiting' }
}

/** What the chapter's edit view says about a publish, as plain sentences. */
export type PublicationText = { tone: 'pending' | 'live' | 'failed'; text: string; details: string[] }

/**
 * The edit view's line about the latest publish: «Publiseres på nettstedet…», «Publisert på
 * nettstedet kl. 14:02», or why it is not there and when the next try is. Times in Oslo.
 */
export const describePublication = (state: PublicationState, now: Date = new Date()): PublicationText => {
  switch (state.state) {
    case 'waiting':
    case 'building':
      return { tone: 'pending', text: 'Publiseres på nettstedet…', details: [] }
    case 'live':
      return {
        tone: 'live',
        text: state.liveAt ? `Publisert på nettstedet ${osloMoment(state.liveAt, now)}` : 'Publisert på nettstedet',
        details: [],
      }
    case 'rolledBack':
      return {
        tone: 'failed',
        text: 'Ikke på nettstedet nå: nettstedet er rullet tilbake til et bygg fra før denne publiseringen.',
        details: ['Neste publisering bygger nettstedet fra innholdet igjen.'],
      }
    case 'failed': {
      const next = state.retryAt
        ? `Prøves igjen automatisk ${osloMoment(state.retryAt, now)}.`
        : 'Prøves igjen ved neste publisering, eller med «Prøv igjen nå» under Publisering.'
      return {
        tone: 'failed',
        text: 'Publiseringen er ikke på nettstedet: byggingen av nettstedet feilet.',
        // The build's own error message (the tools' English) is under Publisering, not here.
        details: [state.summary ?? 'Ukjent feil.', next],
      }
    }
  }
}
