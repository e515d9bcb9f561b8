/** Browser side of "compare any two revisions": fetches the texts and renders the redline. */
import { compareBlocks } from './diff'
import { inlineRedline } from './redline'
import { blocksOf, type RevisionTexts } from './revisionTexts'

const el = (tag: string, text?: string, className?: string) => {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = text
  if (className) node.className = className
  return node
}

/** Renders revision `from` against `to` into `out`, with the same markup as a comparison page's inline view. */
export const renderComparison = async (url: string, from: number, to: number, out: HTMLElement) => {
  const texts = (await (await fetch(url)).json()) as RevisionTexts
  const a = blocksOf(texts, from)
  const b = blocksOf(texts, to)
  out.replaceChildren()
  if (!a || !b) return void out.append(el('p', 'Fant ikke versjonene.'))
  out.append(el('h2', `Endringer fra versjon ${from} til ${to}`))
  const body = el('div', undefined, 'redline prose')
  body.innerHTML = inlineRedline(compareBlocks(a, b)) // its text escaped
  out.append(body)
  out.focus()
}
