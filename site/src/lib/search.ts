/**
 * What the site's search covers, worked out from the snapshot rather than from rendered pages:
 * the chapters of the current edition that are not withdrawn, each at its current revision.
 * The build indexes these documents with Pagefind while Astro renders the pages, so search
 * is defined here and only here (the pages carry no search markup).
 */
import { escapeText } from './html'
import { chapterLabel, chapterUrl, currentEdition, currentRevision, labelledTitle, type SiteData } from './model'
import { withdrawalOf } from './withdrawal'

/** A page as the search index sees it: the address a result links to and the HTML to index. */
export type SearchDocument = { url: string; content: string }

/**
 * The documents to index, in address order: for each searchable chapter its title as the
 * result's heading (as on the page: "Kapittel 2.1 Title"), its text with the headings a result
 * can point into, and its footnotes.
 * @example searchDocuments(data)[0] // { url: '/arsrapport-2024/kapittel-1/', content: '<!doctype html><html lang="nb">…' }
 */
export const searchDocuments = (data: SiteData): SearchDocument[] => {
  const edition = currentEdition(data.snapshot)
  if (!edition) return []
  return data.chapters
    .filter((c) => c.edition === edition.slug && !withdrawalOf(c))
    .map((c) => {
      const r = currentRevision(c)
      const title = escapeText(labelledTitle(chapterLabel(c), r.title))
      const notes = r.footnotes.length ? `<section><h2 id="fotnoter">Fotnoter</h2><ol>${r.footnotes.map((f) => `<li id="fn-${f.number}">${f.html}</li>`).join('')}</ol></section>` : ''
      return {
        url: chapterUrl(c),
        content: `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>${title}</title></head><body><main data-pagefind-body><h1>${title}</h1>${r.html}${notes}</main></body></html>`,
      }
    })
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
}
