import type { Access } from 'payload'

import { roleOf } from './roles'

/** Any signed-in user with a role. */
export const authenticated: Access = ({ req }) => roleOf(req.user) !== null
