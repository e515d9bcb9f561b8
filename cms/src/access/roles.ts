/** The roles a user can have, from least to most trusted. */
export const ROLES = ['editor', 'publisher', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  editor: 'Redaktør',
  publisher: 'Publisist',
  admin: 'Administrator',
}

/** A signed-in user as the server (`req.user`) or the admin's client knows it, or nobody. */
type MaybeUser = object | null | undefined

/** The role of a signed-in user of the `users` collection, or null. */
export const roleOf = (user: MaybeUser): Role | null => {
  const role = user && 'role' in user ? user.role : null
  return ROLES.includes(role as Role) ? (role as Role) : null
}

/** Publishers and admins may publish, unpublish and restore. */
export const canPublish = (user: MaybeUser): boolean => {
  const role = roleOf(user)
  return role === 'publisher' || role === 'admin'
}

export const isAdminUser = (user: MaybeUser): boolean => roleOf(user) === 'admin'
