'use client'

import { Link, NavGroup, useAuth, useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'

/**
 * «Administrasjon → Min konto» in the nav for editors and publishers, who can see only their
 * own account (administrators get the users collection, «Brukere», instead).
 */
export const MyAccountNavLink = () => {
  const { user } = useAuth<{ role?: string }>()
  const pathname = usePathname()
  const { config } = useConfig()
  if (!user || user.role === 'admin') return null
  const href = `${config.routes.admin}/account`
  const active = pathname === href
  const label = (
    <>
      {active && <div className="nav__link-indicator" />}
      <span className="nav__link-label">Min konto</span>
    </>
  )
  return (
    <NavGroup label="Administrasjon">
      {active ? (
        <div className="nav__link" id="nav-my-account">
          {label}
        </div>
      ) : (
        <Link className="nav__link" href={href} id="nav-my-account" prefetch={false}>
          {label}
        </Link>
      )}
    </NavGroup>
  )
}
