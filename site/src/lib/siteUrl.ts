/**
 * The site's public address (SITE_URL): the one setting behind the canonical links, the
 * sitemap, the Atom feed's links, the address printed at the foot of a page and the admin's
 * links to the site. The site build (astro.config.mjs, site/builder/build.ts) and the server
 * (cms/src/lib/siteUrl.ts) read it through `siteUrlFrom` only.
 *
 * A value is an absolute http(s) address of the site's root: no path, query, fragment, user or
 * password. A trailing slash is dropped, so `https://rapport.example.no/` and
 * `https://rapport.example.no` are one address.
 */

export const SITE_URL_VARIABLE = 'SITE_URL'

const EXAMPLE = 'https://rapport.example.no'

/** A SITE_URL that cannot be used, or a production start without one; the message is for the operator, in Norwegian. */
export class SiteUrlError extends Error {
  override name = 'SiteUrlError'
}

const refuse = (value: string, problem: string) =>
  new SiteUrlError(
    `${SITE_URL_VARIABLE} kan ikke være «${value}»: ${problem}. Oppgi nettstedets offentlige adresse som en fullstendig https- eller http-adresse, for eksempel ${SITE_URL_VARIABLE}=${EXAMPLE}.`,
  )

/**
 * The address in its one form: scheme, host and port (when not the default), no trailing slash.
 * Throws a SiteUrlError naming SITE_URL, the value and what is wrong with it.
 * @example normaliseSiteUrl('https://Rapport.Example.no/') // 'https://rapport.example.no'
 * @example normaliseSiteUrl('rapport.example.no') // throws «SITE_URL kan ikke være «rapport.example.no»: det er ikke en fullstendig adresse …»
 */
export const normaliseSiteUrl = (value: string): string => {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw refuse(value, 'det er ikke en fullstendig adresse (den må begynne med https:// eller http://)')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw refuse(value, `adressen må begynne med https:// eller http://, ikke «${url.protocol}»`)
  if (!url.hostname) throw refuse(value, 'adressen mangler et vertsnavn')
  if (url.username || url.password) throw refuse(value, 'adressen kan ikke ha brukernavn eller passord')
  if (url.search || value.includes('?')) throw refuse(value, 'adressen kan ikke ha en spørring («?…»)')
  if (url.hash || value.includes('#')) throw refuse(value, 'adressen kan ikke ha et fragment («#…»)')
  if (url.pathname !== '/')
    throw refuse(value, `adressen kan ikke ha en sti («${url.pathname}»): nettstedet ligger på roten av adressen`)
  return url.origin
}

export type SiteUrl = {
  /** The address, normalised (no trailing slash). */
  url: string
  /** Whether SITE_URL set it; false for the development default. */
  configured: boolean
}

/**
 * The public address from the environment: SITE_URL normalised; without it, in development,
 * `http://localhost:<port>` (the port given, else PORT, else 3000). A production start
 * (`production`) without it is refused, as is a SITE_URL that cannot be used and a SERVER_URL
 * (the setting's former name) without SITE_URL.
 * @example siteUrlFrom({ SITE_URL: 'https://rapport.example.no/' }) // { url: 'https://rapport.example.no', configured: true }
 * @example siteUrlFrom({}, { port: 4000 }) // { url: 'http://localhost:4000', configured: false }
 */
export const siteUrlFrom = (
  env: Record<string, string | undefined>,
  opts: { production?: boolean; port?: number | string } = {},
): SiteUrl => {
  const value = env[SITE_URL_VARIABLE]?.trim()
  if (value) return { url: normaliseSiteUrl(value), configured: true }
  if (env.SERVER_URL?.trim()) {
    throw new SiteUrlError(
      `SERVER_URL brukes ikke lenger: nettstedets offentlige adresse settes nå med ${SITE_URL_VARIABLE}. Gi ${SITE_URL_VARIABLE} verdien «${env.SERVER_URL.trim()}», og fjern SERVER_URL.`,
    )
  }
  if (opts.production) {
    throw new SiteUrlError(
      `Starter ikke i produksjon: ${SITE_URL_VARIABLE} er ikke satt. Sett ${SITE_URL_VARIABLE} til nettstedets offentlige adresse, for eksempel ${SITE_URL_VARIABLE}=${EXAMPLE}. Den brukes i kanoniske lenker, nettstedskartet, Atom-strømmen, på utskrifter og i publiseringsløsningens lenker til nettstedet.`,
    )
  }
  const port = Number(opts.port ?? env.PORT) || 3000
  return { url: `http://localhost:${port}`, configured: false }
}
