/**
 * Where hooks and endpoints find the process's site builder. Kept free of imports: the admin
 * app bundles the hooks and endpoints, and must not bundle the builder.
 */

/** A published document a build could not take as it is (see export/problems.ts). */
export type HeldBackDocument = {
  collection: string
  id: string
  title: string
  message: string
  kept: 'previous' | 'none'
}

/** The step a build is at, or was at when it failed. */
export type BuildPhase = 'export' | 'render' | 'pagesLive' | 'finish' | 'switch'

/** One entry of the build history: a build of the site, or a rollback to an earlier build. */
export type BuildRecord = {
  id: string
  /** 'build' made a new site from the content; 'rollback' switched the live site to `target`. */
  kind: 'build' | 'rollback'
  /** Why: the requests a build covered (`start`, `chapters:12`, …), or who rolled back. */
  reasons: string[]
  startedAt: string
  /** When it ended; for a build a stop of the server interrupted, when the next start found it. */
  finishedAt: string | null
  durationMs: number | null
  result: 'running' | 'succeeded' | 'failed'
  /** A failed build's error, cleaned for reading; 'interrupted' when the server stopped during it. */
  error: string | null
  /** A failed build's cause in Norwegian, as the admin shows it. */
  summary?: string | null
  /** The step it is at while it runs, or the step it failed in. */
  phase?: BuildPhase | null
  /** For a build of requests that failed before: which try this is (2 = the first retry). */
  attempt?: number
  /** Published documents this build could not take and left at their last good version (or out). */
  problems?: HeldBackDocument[]
  /** A successful build's folder, relative to the data folder. */
  folder?: string | null
  /** A rollback's build id. */
  target?: string | null
}

/** Builds that failed in a row for what still waits, and when the next try is. */
export type RetryState = {
  /** How many builds of what waits have failed. */
  failures: number
  /** How many failures the builder retries after, by itself. */
  limit: number
  /** The next automatic try, or null when the builder has given up (the next publish, or «Prøv igjen nå», tries again). */
  at: string | null
}

/** Why the live site does not show all published content, and since when. */
export type Degraded = {
  since: string
  /** In Norwegian, one sentence each. */
  reasons: string[]
}

/** What the admin's «Publisering» view and GET /api/site-builds show. */
export type SiteBuildsStatus = {
  liveBuild: string | null
  building: boolean
  /** Reasons of requests that wait for a build (not yet taken by the running one). */
  queued: string[]
  /** The newest first, at most 20. */
  builds: BuildRecord[]
  /** Kept successful builds the live site can be switched back to, newest first. */
  rollbackTargets: string[]
  /** Failed builds of what waits, and the next try; null when nothing failed. */
  retry: RetryState | null
  /** Null when the live site shows everything that is published. */
  degraded: Degraded | null
  /** The reasons that name a document, with its name as editors know it (added by the endpoint and the view). */
  reasonLabels?: Record<string, string>
}

export type RollbackOutcome =
  | { ok: true; record: BuildRecord }
  | { ok: false; reason: 'unknown' | 'notRollbackTarget' | 'building'; message: string }

export type SiteBuildControl = {
  request: (reason: string) => void
  /** Builds what waits now, without waiting for the next automatic try. */
  retryNow: () => boolean
  status: () => SiteBuildsStatus
  rollback: (id: string, by: string) => RollbackOutcome
}

const KEY = Symbol.for('rapport.siteBuilder')

export const siteBuilder = (): SiteBuildControl | undefined =>
  (globalThis as Record<symbol, SiteBuildControl | undefined>)[KEY]

export const setSiteBuilder = (builder: SiteBuildControl | undefined) => {
  ;(globalThis as Record<symbol, SiteBuildControl | undefined>)[KEY] = builder
}
