import type { Endpoint, PayloadRequest } from 'payload'

import { canRetrySiteBuild, canRollBackSite, canSeeSiteBuilds } from '../access/siteBuilds'
import { rollbackSummary } from '../audit/actions'
import { recordAuditEvent } from '../audit/record'
import { siteBuilder } from '../publishing/builderRegistry'
import { reasonLabels, reasonsIn } from '../publishing/reasonLabels'

const error = (status: number, message: string) => Response.json({ errors: [{ message }] }, { status })

type Builder = NonNullable<ReturnType<typeof siteBuilder>>

/**
 * An endpoint of the site builds: `answer` with the process's site builder, for a signed-in user
 * whom `allowed` lets in; otherwise the answer that says why not: 401 for no one signed in, 403
 * with `refused`, 503 where this process builds no site.
 */
const builderEndpoint = (
  path: string,
  method: Endpoint['method'],
  allowed: (req: PayloadRequest) => boolean,
  refused: string,
  answer: (req: PayloadRequest, builder: Builder) => Promise<Response> | Response,
): Endpoint => ({
  path,
  method,
  handler: (req) => {
    if (!req.user) return error(401, 'Du må være innlogget.')
    if (!allowed(req)) return error(403, refused)
    const builder = siteBuilder()
    return builder ? answer(req, builder) : error(503, 'Nettstedet bygges ikke av denne prosessen.')
  },
})

/**
 * GET /api/site-builds: the live build, what waits, whether a build runs, the last 20 builds
 * and rollbacks, which builds the live site can be switched back to, and the names of the
 * documents the reasons name (`reasonLabels`). Any signed-in role.
 */
export const siteBuildsEndpoint = builderEndpoint(
  '/site-builds',
  'get',
  canSeeSiteBuilds,
  'Du har ikke tilgang til publiseringen.',
  async (req, builder) => {
    const status = builder.status()
    // Each reason that names a document with the document's name: «Kapittel 2.1 Tittel (årsrapport 2023)».
    return Response.json(
      { ...status, reasonLabels: await reasonLabels(req.payload, reasonsIn(status)) },
      { headers: { 'cache-control': 'no-store' } },
    )
  },
)

/**
 * POST /api/site-builds/:id/rollback: switches the live site to a kept successful build.
 * Admins only; 404 for an unknown build, 409 for one that cannot be rolled back to.
 */
export const siteBuildRollbackEndpoint = builderEndpoint(
  '/site-builds/:id/rollback',
  'post',
  canRollBackSite,
  'Bare administratorer kan rulle tilbake nettstedet.',
  async (req, builder) => {
    const id = String(req.routeParams?.id ?? '')
    const by = String((req.user as { email?: unknown }).email ?? req.user!.id)
    const outcome = builder.rollback(id, by)
    if (outcome.ok) {
      await recordAuditEvent(req, { action: 'rollback', summary: rollbackSummary(id) })
      return Response.json({ rolledBack: outcome.record, status: builder.status() })
    }
    return error(outcome.reason === 'unknown' ? 404 : 409, outcome.message)
  },
)

/**
 * POST /api/site-builds/retry: builds what waits now (requests whose builds failed), instead of
 * at the next automatic try. Publishers and admins; 409 when nothing waits or a build runs.
 */
export const siteBuildRetryEndpoint = builderEndpoint(
  '/site-builds/retry',
  'post',
  canRetrySiteBuild,
  'Bare publisister og administratorer kan starte et bygg på nytt.',
  (_req, builder) => {
    if (!builder.retryNow())
      return error(409, 'Ingen endringer venter på et nytt forsøk, eller et bygg pågår allerede.')
    return Response.json({ status: builder.status() }, { status: 202 })
  },
)
