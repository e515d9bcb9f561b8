/**
 * The server's side of the public address (SITE_URL; the rules are in
 * site/src/lib/siteUrl.ts): the one place in cms/src that reads it.
 *
 * - `requireSiteUrl` at start: a production start without it, or with a bad one, is refused.
 * - `siteUrl()`: the address the reader site is built with; in development without SITE_URL,
 *   `http://localhost:<the port the server listens on>`.
 * - `configuredSiteUrl()`: SITE_URL when it is set: Payload's serverURL, the one origin whose
 *   pages may write, and the admin's links to the site. Without it the admin links on the host
 *   it was opened on (relative links), as a development server may be reached by several names.
 */
import { siteUrlFrom, type SiteUrl } from '@rapport/site/lib/siteUrl'

// The admin app bundles this module apart from the server's own copy: the port is shared
// through a global, as the site builder is (site/builderRegistry.ts).
const PORT_KEY = Symbol.for('rapport.listeningPort')
const store = globalThis as Record<symbol, number | undefined>

/** Throws, in Norwegian, when a start (`production`: a production start) cannot use what SITE_URL holds. */
export const requireSiteUrl = (production: boolean, env: NodeJS.ProcessEnv = process.env): SiteUrl =>
  siteUrlFrom(env, { production })

/** Records the port the server listens on: the address of a development server without SITE_URL. */
export const setListeningPort = (port: number | undefined) => {
  store[PORT_KEY] = port
}

/** The reader site's public address, without a trailing slash. */
export const siteUrl = (env: NodeJS.ProcessEnv = process.env): string => siteUrlFrom(env, { port: store[PORT_KEY] }).url

/** SITE_URL normalised, or '' when it is not set. */
export const configuredSiteUrl = (env: NodeJS.ProcessEnv = process.env): string => {
  const resolved = siteUrlFrom(env)
  return resolved.configured ? resolved.url : ''
}

/**
 * A link from the admin to a path of the site: under SITE_URL when it is set, otherwise the
 * path alone (the host the admin was opened on).
 * @example siteLink('/arsrapport-2023/malbildet-for-arbeidet/') // 'https://rapport.example.no/arsrapport-2023/malbildet-for-arbeidet/' with SITE_URL=https://rapport.example.no
 */
export const siteLink = (path: string, env: NodeJS.ProcessEnv = process.env): string =>
  `${configuredSiteUrl(env)}${path}`
