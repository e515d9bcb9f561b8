import type { Access } from 'payload'

import { canPublish } from './roles'

export const publisherOrAdmin: Access = ({ req }) => canPublish(req.user)
