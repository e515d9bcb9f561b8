/**
 * The chapter and version pages' one script, which only adds to what works without it: a button
 * that copies the citation, and a link to a paragraph this version no longer has sent on to the
 * comparison that removed or changed it.
 */
import { PARAGRAPH_ID_PREFIX, removalFor, type RemovedParagraphs } from './paragraphLinks'

/** Shows each citation's copy button, which copies the citation's text and says so in its live region. */
export const enhanceCopyButtons = () => {
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    const source = document.getElementById(button.dataset.copy ?? '')
    const status = document.getElementById(button.dataset.status ?? '')
    if (!source || !status || !navigator.clipboard) continue
    button.hidden = false
    const copy = async () => {
      status.textContent = ''
      try {
        await navigator.clipboard.writeText((source.textContent ?? '').replace(/\s+/g, ' ').trim())
        status.textContent = 'Kopiert'
      } catch {
        status.textContent = 'Kunne ikke kopiere. Merk teksten og kopier den selv.'
      }
    }
    button.addEventListener('click', () => void copy())
  }
}

/**
 * When the address names a paragraph the page lacks, goes to the comparison that removed or
 * changed it (from the chapter's versjoner/avsnitt.json), at the paragraph as it was.
 */
export const followParagraphLink = async () => {
  let id: string
  try {
    id = decodeURIComponent(location.hash.slice(1))
  } catch {
    return
  }
  if (!id.startsWith(PARAGRAPH_ID_PREFIX) || document.getElementById(id)) return
  const article = document.querySelector<HTMLElement>('[data-paragraphs]')
  if (!article?.dataset.paragraphs || !article.dataset.compare) return
  try {
    const response = await fetch(article.dataset.paragraphs)
    if (!response.ok) return
    const removal = removalFor((await response.json()) as RemovedParagraphs, id, Number(article.dataset.revision))
    if (removal) location.replace(`${article.dataset.compare}${removal[0]}...${removal[1]}/#${encodeURIComponent(id)}`)
  } catch {
    // No map, no way on: the reader stays on the page.
  }
}
