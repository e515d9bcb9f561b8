import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import { redirect } from 'next/navigation'
import type { AdminViewServerProps } from 'payload'

import { canRetrySiteBuild, canRollBackSite, canSeeSiteBuilds } from '../../access/siteBuilds'
import { siteBuilder } from '../../publishing/builderRegistry'
import { reasonLabels, reasonsIn } from '../../publishing/reasonLabels'
import { SiteBuildsList } from './SiteBuildsList'

/**
 * /admin/publisering: the reader site's builds, newest first, with the live one marked, and
 * for admins a rollback to any kept successful build. The list refreshes itself over
 * GET /api/site-builds.
 */
export const SiteBuildsView = async ({ initPageResult, params, searchParams }: AdminViewServerProps) => {
  const { req, permissions, locale, visibleEntities } = initPageResult
  const adminRoute = req.payload.config.routes.admin
  // Custom views are public unless they say otherwise.
  if (!req.user) redirect(`${adminRoute}/login?redirect=${encodeURIComponent(`${adminRoute}/publisering`)}`)
  const allowed = canSeeSiteBuilds(req)
  const live = allowed ? (siteBuilder()?.status() ?? null) : null
  const status = live ? { ...live, reasonLabels: await reasonLabels(req.payload, reasonsIn(live)) } : null
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      req={req}
      searchParams={searchParams}
      user={req.user ?? undefined}
      viewType="siteBuilds"
      visibleEntities={{ collections: visibleEntities?.collections, globals: visibleEntities?.globals }}
    >
      <Gutter className="site-builds">
        <h1 className="site-builds__title">Publisering</h1>
        <p className="site-builds__intro">
          Nettstedet bygges på nytt hver gang noe publiseres, avpubliseres eller gjenopprettes. Her ser du byggene,
          hvilket bygg leserne ser nå, og hvorfor hvert bygg ble laget.
        </p>
        {allowed ? (
          <SiteBuildsList initial={status} canRollBack={canRollBackSite(req)} canRetry={canRetrySiteBuild(req)} />
        ) : (
          <p>Du har ikke tilgang til publiseringen.</p>
        )}
      </Gutter>
    </DefaultTemplate>
  )
}
