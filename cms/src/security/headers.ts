/**
 * The security headers of every answer, set with helmet: one policy for the reader site (static
 * pages with no inline script or style, which any page of the same site may frame) and one
 * for the admin app and the API (scripts only from the server or with this answer's nonce,
 * never framed). Both policies are exercised in Chromium by tests/security/headers.test.ts.
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

import helmet from 'helmet'

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void

export type HeaderOptions = {
  /** NODE_ENV=production: HSTS is sent. */
  production: boolean
  /** Next's development server: its refresh runtime evaluates code and talks over a WebSocket. */
  dev?: boolean
}

const ONE_YEAR = 365 * 24 * 60 * 60

const common = ({ production }: HeaderOptions) => ({
  strictTransportSecurity: production ? { maxAge: ONE_YEAR, includeSubDomains: false } : false,
  xContentTypeOptions: true,
  xDnsPrefetchControl: { allow: false },
  xPermittedCrossDomainPolicies: { permittedPolicies: 'none' as const },
  originAgentCluster: true,
  crossOriginOpenerPolicy: { policy: 'same-origin' as const },
  crossOriginEmbedderPolicy: false,
})

/** The Content-Security-Policy directives of the reader site. */
export const readerSiteDirectives = {
  defaultSrc: ["'self'"],
  // The search page runs Pagefind's WebAssembly index.
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  upgradeInsecureRequests: null,
}

/** The reader site's headers: pages, their assets, the JSON API and the feed. */
export const readerSiteHeaders = (opts: HeaderOptions): Middleware =>
  helmet({
    ...common(opts),
    contentSecurityPolicy: { useDefaults: false, directives: readerSiteDirectives },
    // The report is open data: other sites may link and load its files.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'sameorigin' },
  }) as Middleware

type WithNonce = ServerResponse & { locals?: Record<string, unknown> }

const nonceOf = (res: WithNonce) => String(res.locals?.cspNonce ?? '')

/** The Content-Security-Policy directives of the admin app and the API. */
export const adminDirectives = ({ dev }: HeaderOptions) => ({
  defaultSrc: ["'self'"],
  // Next's inline bootstrap scripts carry this answer's nonce; its chunks come from /_next.
  scriptSrc: [
    "'self'",
    (_req: IncomingMessage, res: ServerResponse) => `'nonce-${nonceOf(res as WithNonce)}'`,
    ...(dev ? ["'unsafe-eval'"] : []),
  ],
  // The admin's components and the rich-text editor set style attributes.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", ...(dev ? ['ws:', 'wss:'] : [])],
  workerSrc: ["'self'", 'blob:'],
  frameSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
})

/**
 * The admin app's and the API's headers. Each answer gets a fresh nonce, which Next reads
 * from the request's own Content-Security-Policy header and puts on its inline scripts.
 */
export const adminHeaders = (opts: HeaderOptions): Middleware => {
  const headers = helmet({
    ...common(opts),
    contentSecurityPolicy: { useDefaults: false, directives: adminDirectives(opts) },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  }) as Middleware
  return (req, res, next) => {
    const withLocals = res as WithNonce
    withLocals.locals = { ...withLocals.locals, cspNonce: randomBytes(16).toString('base64') }
    headers(req, res, (error) => {
      if (error) return next(error)
      const policy = res.getHeader('content-security-policy')
      if (typeof policy === 'string') req.headers['content-security-policy'] = policy
      next()
    })
  }
}
