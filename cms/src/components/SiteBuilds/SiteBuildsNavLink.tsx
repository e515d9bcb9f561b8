'use client'

import { NavLink } from '../admin/NavLink'

/** «Publisering» in the admin nav, styled like the collection links. */
export const SiteBuildsNavLink = () => (
  <NavLink group="Nettsted" label="Publisering" path="/publisering" id="nav-site-builds" />
)
