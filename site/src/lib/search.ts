/**
 * What the site's search covers, worked out from the snapshot rather than from rendered pages:
 * every chapter of every edition, each at its current revision (the page at its address, not
 * its older version pages), withdrawn chapters too, marked as such. The build indexes these
 * documents with Pagefind while Astro renders the pages, so search is defined here and only
 * here (the pages carry no search markup).
 */
import { norwegianDay } from './dates'
import { escapeText } from './html'
import { chapterLabel, chapterUrl, currentEdition, currentRevision, labelledTitle, type SiteData } from './model'
import { EDITION_FILTER, type SearchEditionOption } from './searchClient'
import { withdrawalOf } from './withdrawal'

/** A page as the search index sees it: the address a result links to and the HTML to index. */
export type SearchDocument = { url: string; content: string }

/**
 * The editions search can narrow to, in the order the search page lists them and its hits
 * come: the current edition first, then the others, newest first.
 * @example searchEditions(data) // [{ slug: 'arsrapport-2023', title: '…', current: true }, { slug: 'arsrapport-2021', title: '…', current: false }]
 */
export const searchEditions = (data: SiteData): Array<SearchEditionOption & { current: boolean }> => {
  const current = currentEdition(data.snapshot)
  return [...data.snapshot.editions]
    .sort(
      (a, b) =>
        Number(b.slug === current?.slug) - Number(a.slug === current?.slug) ||
        b.year - a.year ||
        a.slug.localeCompare(b.slug),
    )
    .map((e) => ({ slug: e.slug, title: e.title, current: e.slug === current?.slug }))
}

const metaTag = (kind: 'filter' | 'meta', name: string, value: string) =>
  `<meta data-pagefind-${kind}="${name}[content]" content="${escapeText(value)}">`

/**
 * The documents to index, in address order: for each chapter its title as the result's
 * heading (as on the page: "Kapittel 2.1 Title"), its text with the headings a result can
 * point into, and its footnotes; its edition as a filter (by slug) and as meta (by title), its
 * version number, and the day it was withdrawn when it is withdrawn now.
 * @example searchDocuments(data)[0] // { url: '/arsrapport-2021/beskrivelse-av-malomrade-2/', content: '<!doctype html><html lang="nb">…' }
 */
export const searchDocuments = (data: SiteData): SearchDocument[] => {
  const editions = new Map(data.snapshot.editions.map((e) => [e.slug, e]))
  return data.chapters
    .filter((c) => editions.has(c.edition))
    .map((c) => {
      const r = currentRevision(c)
      const withdrawal = withdrawalOf(c)
      const title = escapeText(labelledTitle(chapterLabel(c), r.title))
      const meta = [
        metaTag('filter', EDITION_FILTER, c.edition),
        metaTag('meta', 'utgave', editions.get(c.edition)!.title),
        metaTag('meta', 'versjon', String(r.revision)),
        withdrawal ? metaTag('meta', 'trukket', norwegianDay(withdrawal.date)) : '',
      ].join('')
      const notes = r.footnotes.length
        ? `<section><h2 id="fotnoter">Fotnoter</h2><ol>${r.footnotes.map((f) => `<li id="fn-${f.number}">${f.html}</li>`).join('')}</ol></section>`
        : ''
      return {
        url: chapterUrl(c),
        content: `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>${title}</title>${meta}</head><body><main data-pagefind-body><h1>${title}</h1>${r.html}${notes}</main></body></html>`,
      }
    })
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
}
