/**
 * Browser side of the search page: asks the Pagefind index once per edition (the current one
 * first, then the older ones, newest first) or in the edition chosen, and lists the hits, each
 * with its edition and version, withdrawn chapters marked. The index's meta and filter names are
 * defined here, so the build (site/src/lib/search.ts) and the page agree on them.
 */

/** The Pagefind filter a chapter's edition is indexed under, by its slug. */
export const EDITION_FILTER = 'utgave'

/** What a hit carries besides its title: its edition's title, its version number, and the day it was withdrawn, when it is. */
export type HitMeta = { title: string; utgave: string; versjon: string; trukket?: string }

/** An edition the search page can narrow to, as its select lists them. */
export type SearchEditionOption = { slug: string; title: string }

/**
 * The line under a hit's title: its edition and version.
 * @example hitSource({ title: 'Kapittel 2.1 …', utgave: 'Årsrapport 2021', versjon: '3' }) // 'Årsrapport 2021 · versjon 3'
 */
export const hitSource = (meta: HitMeta): string => `${meta.utgave} · versjon ${meta.versjon}`

/**
 * The sentence above the hits.
 * @example resultSummary(1, 'kontinuitet', null) // '1 treff på «kontinuitet» i alle utgaver'
 */
export const resultSummary = (count: number, term: string, edition: SearchEditionOption | null): string =>
  `${count} treff på «${term}» ${edition ? `i ${edition.title}` : 'i alle utgaver'}`

/** How many hits the page lists. */
export const SHOWN_HITS = 20

type PagefindResult = { data: () => Promise<{ url: string; meta: HitMeta; excerpt: string }> }
type Pagefind = {
  search: (term: string, options?: { filters?: Record<string, string> }) => Promise<{ results: PagefindResult[] }>
}

const el = (tag: string, text?: string, className?: string) => {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = text
  if (className) node.className = className
  return node
}

/**
 * Searches for `term` in the edition `chosen` (a slug), or in every edition of `editions` in
 * their order when it is empty, and renders the hits into `out`.
 */
export const renderSearch = async (term: string, chosen: string, editions: SearchEditionOption[], out: HTMLElement) => {
  const index = '/pagefind/pagefind.js' // the build's index, not a module of the site's bundle
  const pagefind = (await import(/* @vite-ignore */ index)) as Pagefind
  const edition = editions.find((e) => e.slug === chosen) ?? null
  const searched = edition ? [edition] : editions
  const found = await Promise.all(searched.map((e) => pagefind.search(term, { filters: { [EDITION_FILTER]: e.slug } })))
  const results = found.flatMap((s) => s.results)
  const hits = await Promise.all(results.slice(0, SHOWN_HITS).map((r) => r.data()))
  out.replaceChildren()
  out.append(
    el(
      'p',
      resultSummary(results.length, term, edition) +
        (results.length > SHOWN_HITS ? `. Viser de ${SHOWN_HITS} første.` : ''),
    ),
  )
  if (!hits.length) return
  const list = el('ol', undefined, 'results')
  for (const hit of hits) {
    const item = el('li')
    const link = el('a', hit.meta.title) as HTMLAnchorElement
    link.href = hit.url
    const source = el('p', hitSource(hit.meta), 'meta')
    if (hit.meta.trukket)
      source.append(' ', el('span', `Trukket tilbake ${hit.meta.trukket}`, 'badge badge--withdrawn'))
    const excerpt = el('p')
    excerpt.innerHTML = hit.excerpt // Pagefind's excerpt: the indexed text, escaped, with <mark>
    item.append(link, source, excerpt)
    list.append(item)
  }
  out.append(list)
}
