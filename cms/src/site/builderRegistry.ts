/**
 * Where hooks find the process's site builder. Kept free of imports: the admin app bundles the
 * hooks, and must not bundle the builder.
 */
export type BuildRequester = { request: (reason: string) => void }

const KEY = Symbol.for('rapport.siteBuilder')

export const siteBuilder = (): BuildRequester | undefined => (globalThis as Record<symbol, BuildRequester | undefined>)[KEY]

export const setSiteBuilder = (builder: BuildRequester | undefined) => {
  ;(globalThis as Record<symbol, BuildRequester | undefined>)[KEY] = builder
}
