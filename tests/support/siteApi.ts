import { apiRequest } from './server'

/** The REST API of the server `current` gives when called (set in a `beforeAll`), as `api(method, route, body?, token?)`. */
export const apiOf =
  (current: () => { url: string }) => (method: string, route: string, body?: unknown, token?: string) =>
    apiRequest(current().url, method, route, body, token)

/** Registers the first user, admin@example.no, with this password on an empty server, and gives its token. */
export const firstAdminToken = async (
  api: (method: string, route: string, body: unknown) => Promise<{ json: { token: string } }>,
  password: string,
): Promise<string> =>
  (await api('POST', '/users/first-register', { email: 'admin@example.no', password, name: 'Admin' })).json.token
