'use client'

import { Link, NavGroup, useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'

/** «Publisering» in the admin nav, styled like the collection links. */
export const SiteBuildsNavLink = () => {
  const pathname = usePathname()
  const { config } = useConfig()
  const href = `${config.routes.admin}/publisering`
  const active = pathname === href
  const label = (
    <>
      {active && <div className="nav__link-indicator" />}
      <span className="nav__link-label">Publisering</span>
    </>
  )
  return (
    <NavGroup label="Nettsted">
      {active ? (
        <div className="nav__link" id="nav-site-builds">
          {label}
        </div>
      ) : (
        <Link className="nav__link" href={href} id="nav-site-builds" prefetch={false}>
          {label}
        </Link>
      )}
    </NavGroup>
  )
}
