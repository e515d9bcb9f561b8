/** A stand-in for the site builder in tests that build no site: a live build with one to roll back to. */
import type { RollbackOutcome, SiteBuildsStatus } from '../../cms/src/publishing/builderRegistry'

export const BUILDS_STATUS: SiteBuildsStatus = {
  liveBuild: 'bygg-2',
  building: false,
  queued: [],
  builds: [],
  rollbackTargets: ['bygg-1'],
  retry: null,
  degraded: null,
}

/** What a rollback to `id` answers: a finished, successful rollback build. */
export const rolledBackTo = (id: string): RollbackOutcome => ({
  ok: true,
  record: {
    id: 'tilbake-1',
    kind: 'rollback',
    reasons: [],
    startedAt: '',
    finishedAt: '',
    durationMs: 0,
    result: 'succeeded',
    error: null,
    target: id,
  },
})
