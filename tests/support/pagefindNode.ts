/**
 * Searches a written Pagefind index in Node with Pagefind's own browser script (pagefind.js
 * and its WebAssembly), as a reader's browser would: its files are read from the folder.
 */
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export type PagefindHit = {
  url: string
  meta: Record<string, string>
  filters: Record<string, string[]>
  excerpt: string
}
export type PagefindSearch = {
  /** The hits for a term, best first, optionally in one value of a filter. */
  search: (term: string, filters?: Record<string, string>) => Promise<PagefindHit[]>
  /** Every filter with the number of pages of each value. */
  filters: () => Promise<Record<string, Record<string, number>>>
}

type PagefindModule = {
  options: (o: { basePath: string; baseUrl: string }) => Promise<void>
  search: (
    term: string,
    o?: { filters?: Record<string, string> },
  ) => Promise<{ results: Array<{ data: () => Promise<PagefindHit> }> }>
  filters: () => Promise<Record<string, Record<string, number>>>
}

let shimmed = false
const folders = new Set<string>()

/** Lets fetch read files of the index folders (file: addresses), as pagefind.js fetches its chunks. */
const shimFetch = () => {
  if (shimmed) return
  shimmed = true
  const original = globalThis.fetch
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url, 'file:///')
    if (url.protocol !== 'file:' || ![...folders].some((f) => url.pathname.startsWith(f))) return original(input, init)
    return new Response(fs.readFileSync(url.pathname))
  }) as typeof fetch
}

/** The index written into `dir`, ready to search. */
export const pagefindIn = async (dir: string): Promise<PagefindSearch> => {
  const base = `${path.resolve(dir)}/`
  folders.add(base)
  shimFetch()
  const pagefind = (await import(
    /* @vite-ignore */ pathToFileURL(path.join(base, 'pagefind.js')).href
  )) as PagefindModule
  await pagefind.options({ basePath: pathToFileURL(base).href, baseUrl: '/' }) // hits at their site addresses
  return {
    search: async (term, filters) =>
      Promise.all((await pagefind.search(term, filters ? { filters } : {})).results.map((r) => r.data())),
    filters: () => pagefind.filters(),
  }
}
