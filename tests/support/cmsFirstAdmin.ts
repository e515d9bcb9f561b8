/** The first account of a fresh server, made the way the admin's first screen makes it. */
import { expect } from 'vitest'

import { apiRequest } from './server'

/** Registers admin@example.no with `password` as the first user of the server at `url`; answers its login token. */
export const registerFirstAdmin = async (url: string, password: string): Promise<string> => {
  const first = await apiRequest(url, 'POST', '/users/first-register', {
    email: 'admin@example.no',
    password,
    name: 'Admin',
  })
  expect(first.status).toBe(200)
  return first.json.token as string
}
