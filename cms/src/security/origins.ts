import { configuredSiteUrl } from '../lib/siteUrl'

/**
 * Which origins may write: the one public address (SITE_URL) when it is set, otherwise the
 * address the request itself was sent to. A browser names the page a request comes from in
 * its Origin header (and Sec-Fetch-Site); a write that a page of another origin sends, with
 * the editor's cookie riding along, is refused before it reaches Payload.
 */

/** The origin of the public address, or '' when none is set or it is not an http(s) URL. */
export const originOf = (url: string | undefined): string => {
  if (!url) return ''
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : ''
  } catch {
    return ''
  }
}

/** The server's public origin, from SITE_URL ('' when it is not set): Payload's serverURL and the one entry of its csrf list. */
export const publicOrigin = (): string => originOf(configuredSiteUrl())

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export type WriteRequest = {
  method: string
  /** The Origin header, if sent. */
  origin?: string
  /** The Sec-Fetch-Site header, if sent. */
  fetchSite?: string
  /** The Host header. */
  host?: string
}

/**
 * Whether a request is a write sent from a page of another origin: a method other than GET,
 * HEAD and OPTIONS whose Origin is not the public origin (or, with none set, not the host
 * the request was sent to), or that the browser marks as coming from another site or origin.
 * A client that sends neither header (a script with a token) is not a browser page.
 * @example isCrossOriginWrite({ method: 'POST', origin: 'http://localhost:4000', host: 'localhost:3000' }, '') // true
 */
export const isCrossOriginWrite = (req: WriteRequest, allowedOrigin: string): boolean => {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return false
  if (req.fetchSite === 'cross-site' || req.fetchSite === 'same-site') return true
  if (!req.origin) return false
  if (req.origin === 'null') return true
  if (allowedOrigin) return req.origin !== allowedOrigin
  // No public address set: the page must come from the host the request went to.
  try {
    return new URL(req.origin).host !== (req.host ?? '').toLowerCase()
  } catch {
    return true
  }
}

/** What a refused cross-origin write is told. */
export const CROSS_ORIGIN_WRITE_MESSAGE =
  'Endringen ble avvist: den kom fra en side på en annen adresse enn publiseringsløsningen.'
