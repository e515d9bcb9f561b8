import type { CollectionBeforeChangeHook, CollectionConfig, PayloadRequest } from 'payload'

import { adminOrSelf } from '../access/adminOrSelf'
import { isAdmin, isAdminField } from '../access/isAdmin'
import { isAdminUser, ROLES, ROLE_LABELS, roleOf } from '../access/roles'
import { recordRoleChange } from '../audit/hooks'
import { COLLECTIONS } from '../lib/slugs'
import { collectionNames } from './collectionNames'
import type { User } from '../payload-types'

/** The very first account (made in the admin's "create first user" screen) runs the place. */
const firstUserIsAdmin: CollectionBeforeChangeHook<User> = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({ collection: COLLECTIONS.users, overrideAccess: true, req })
  return totalDocs === 0 ? { ...data, role: 'admin' } : data
}

export const Users: CollectionConfig = {
  ...collectionNames(COLLECTIONS.users, ['Bruker', 'Brukere'], ['User', 'Users']),
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['name', 'email', 'role'],
    group: 'Administrasjon',
    // Editors and publishers see only themselves: the nav gives them «Min konto» instead.
    hidden: ({ user }) => !isAdminUser(user),
  },
  auth: {
    maxLoginAttempts: 5,
    lockTime: 15 * 60 * 1000,
    tokenExpiration: 8 * 60 * 60,
    // Served over HTTPS in production (or on localhost, which browsers treat as secure).
    cookies: { secure: process.env.NODE_ENV === 'production', sameSite: 'Lax' },
  },
  access: {
    admin: ({ req }) => roleOf(req.user) !== null,
    create: isAdmin,
    read: adminOrSelf,
    update: adminOrSelf,
    delete: isAdmin,
    // Unlocking lifts the lock after too many wrong passwords: for administrators only, or
    // anyone logged in could go on guessing another account's password.
    unlock: isAdmin,
  },
  hooks: { beforeChange: [firstUserIsAdmin], afterChange: [recordRoleChange] },
  fields: [
    { name: 'name', type: 'text', label: 'Navn' },
    {
      name: 'role',
      type: 'select',
      label: 'Rolle',
      required: true,
      // The first account runs the place; the create-first-user screen shows it as such.
      defaultValue: async ({ req }: { req: PayloadRequest }) =>
        (await req.payload.count({ collection: COLLECTIONS.users, overrideAccess: true, req })).totalDocs === 0
          ? 'admin'
          : 'editor',
      saveToJWT: true,
      options: ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })),
      access: { create: isAdminField, update: isAdminField },
      admin: {
        description:
          'Redaktør: skriver utkast. Publisist: publiserer og avpubliserer. Administrator: styrer også brukere og roller.',
      },
    },
  ],
}
