import { apiRequest } from './server'

/** The REST API of the server `current` gives when called (set in a `beforeAll`), as `api(method, route, body?, token?)`. */
export const apiOf =
  (current: () => { url: string }) => (method: string, route: string, body?: unknown, token?: string) =>
    apiRequest(current().url, method, route, body, token)
