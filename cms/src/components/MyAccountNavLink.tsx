'use client'

import { useAuth } from '@payloadcms/ui'

import { NavLink } from './admin/NavLink'

/**
 * «Administrasjon → Min konto» in the nav for editors and publishers, who can see only their
 * own account (administrators get the users collection, «Brukere», instead).
 */
export const MyAccountNavLink = () => {
  const { user } = useAuth<{ role?: string }>()
  if (!user || user.role === 'admin') return null
  return <NavLink group="Administrasjon" label="Min konto" path="/account" id="nav-my-account" />
}
