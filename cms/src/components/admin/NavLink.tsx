'use client'

import { Link, NavGroup, useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'

/** One link of the admin's nav in its own group, styled like Payload's collection links. */
export const NavLink = ({ group, label, path, id }: { group: string; label: string; path: string; id: string }) => {
  const pathname = usePathname()
  const { config } = useConfig()
  const href = `${config.routes.admin}${path}`
  const active = pathname === href
  const content = (
    <>
      {active && <div className="nav__link-indicator" />}
      <span className="nav__link-label">{label}</span>
    </>
  )
  return (
    <NavGroup label={group}>
      {active ? (
        <div className="nav__link" id={id}>
          {content}
        </div>
      ) : (
        <Link className="nav__link" href={href} id={id} prefetch={false}>
          {content}
        </Link>
      )}
    </NavGroup>
  )
}
