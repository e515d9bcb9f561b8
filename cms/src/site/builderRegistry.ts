/**
 * Where hooks and endpoints find the process's site builder. Kept free of imports: the admin
 * app bundles the hooks and endpoints, and must not bundle the builder.
 */

/** One entry of the build history: a build of the site, or a rollback to an earlier build. */
export type BuildRecord = {
  id: string
  /** 'build' made a new site from the content; 'rollback' switched the live site to `target`. */
  kind: 'build' | 'rollback'
  /** Why: the requests a build covered (`start`, `chapters:12`, …), or who rolled back. */
  reasons: string[]
  startedAt: string
  finishedAt: string | null
  durationMs: number | null
  result: 'running' | 'succeeded' | 'failed'
  /** The end of the error message of a failed build; 'interrupted' when the server stopped during it. */
  error: string | null
  /** A successful build's folder, relative to the data folder. */
  folder?: string | null
  /** A rollback's build id. */
  target?: string | null
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
}

export type RollbackOutcome =
  | { ok: true; record: BuildRecord }
  | { ok: false; reason: 'unknown' | 'notRollbackTarget' | 'building'; message: string }

export type SiteBuildControl = {
  request: (reason: string) => void
  status: () => SiteBuildsStatus
  rollback: (id: string, by: string) => RollbackOutcome
}

const KEY = Symbol.for('rapport.siteBuilder')

export const siteBuilder = (): SiteBuildControl | undefined => (globalThis as Record<symbol, SiteBuildControl | undefined>)[KEY]

export const setSiteBuilder = (builder: SiteBuildControl | undefined) => {
  ;(globalThis as Record<symbol, SiteBuildControl | undefined>)[KEY] = builder
}
