import type { Endpoint, PayloadRequest } from 'payload'

import { canRetrySiteBuild, canRollBackSite, canSeeSiteBuilds } from '../access/siteBuilds'
import { rollbackSummary } from '../audit/actions'
import { recordAuditEvent } from '../audit/record'
import { siteBuilder } from '../publishing/builderRegistry'
import { reasonLabels, reasonsIn } from '../publishing/reasonLabels'

const error = (status: number, message: string) => Response.json({ errors: [{ message }] }, { status })

const notSignedIn = (req: PayloadRequest) => (req.user ? null : error(401, 'Du må være innlogget.'))

/**
 * GET /api/site-builds: the live build, what waits, whether a build runs, the last 20 builds
 * and rollbacks, which builds the live site can be switched back to, and the names of the
 * documents the reasons name (`reasonLabels`). Any signed-in role.
 */
export const siteBuildsEndpoint: Endpoint = {
  path: '/site-builds',
  method: 'get',
  handler: async (req) => {
    const anonymous = notSignedIn(req)
    if (anonymous) return anonymous
    if (!canSeeSiteBuilds(req)) return error(403, 'Du har ikke tilgang til publiseringen.')
    const builder = siteBuilder()
    if (!builder) return error(503, 'Nettstedet bygges ikke av denne prosessen.')
    const status = builder.status()
    // Each reason that names a document with the document's name: «Kapittel 2.1 Tittel (årsrapport 2023)».
    return Response.json({ ...status, reasonLabels: await reasonLabels(req.payload, reasonsIn(status)) }, { headers: { 'cache-control': 'no-store' } })
  },
}

/**
 * POST /api/site-builds/:id/rollback: switches the live site to a kept successful build.
 * Admins only; 404 for an unknown build, 409 for one that cannot be rolled back to.
 */
export const siteBuildRollbackEndpoint: Endpoint = {
  path: '/site-builds/:id/rollback',
  method: 'post',
  handler: async (req) => {
    const anonymous = notSignedIn(req)
    if (anonymous) return anonymous
    if (!canRollBackSite(req)) return error(403, 'Bare administratorer kan rulle tilbake nettstedet.')
    const builder = siteBuilder()
    if (!builder) return error(503, 'Nettstedet bygges ikke av denne prosessen.')
    const id = String(req.routeParams?.id ?? '')
    const by = String((req.user as { email?: unknown }).email ?? req.user!.id)
    const outcome = builder.rollback(id, by)
    if (outcome.ok) {
      await recordAuditEvent(req, { action: 'rollback', summary: rollbackSummary(id) })
      return Response.json({ rolledBack: outcome.record, status: builder.status() })
    }
    return error(outcome.reason === 'unknown' ? 404 : 409, outcome.message)
  },
}

/**
 * POST /api/site-builds/retry: builds what waits now (requests whose builds failed), instead of
 * at the next automatic try. Publishers and admins; 409 when nothing waits or a build runs.
 */
export const siteBuildRetryEndpoint: Endpoint = {
  path: '/site-builds/retry',
  method: 'post',
  handler: (req) => {
    const anonymous = notSignedIn(req)
    if (anonymous) return anonymous
    if (!canRetrySiteBuild(req)) return error(403, 'Bare publisister og administratorer kan starte et bygg på nytt.')
    const builder = siteBuilder()
    if (!builder) return error(503, 'Nettstedet bygges ikke av denne prosessen.')
    if (!builder.retryNow()) return error(409, 'Ingen endringer venter på et nytt forsøk, eller et bygg pågår allerede.')
    return Response.json({ status: builder.status() }, { status: 202 })
  },
}
