/** Browser side of "compare any two revisions": fetches the texts and renders the redline. */
import { compareBlocks, type Part } from './diff'
import { blocksOf, type RevisionTexts } from './revisionTexts'

const el = (tag: string, text?: string, className?: string) => {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = text
  if (className) node.className = className
  return node
}

const marked = (op: -1 | 1, text: string) => {
  const node = el(op === 1 ? 'ins' : 'del')
  node.append(el('span', op === 1 ? 'lagt til: ' : 'slettet: ', 'vh'), text)
  return node
}

const partsInto = (p: HTMLElement, parts: Part[]) => {
  for (const part of parts) p.append(part.op === 0 ? part.text : marked(part.op, part.text))
}

/** Renders revision `from` against `to` into `out`. */
export const renderComparison = async (url: string, from: number, to: number, out: HTMLElement) => {
  const texts = (await (await fetch(url)).json()) as RevisionTexts
  const a = blocksOf(texts, from)
  const b = blocksOf(texts, to)
  out.replaceChildren()
  if (!a || !b) return void out.append(el('p', 'Fant ikke versjonene.'))
  out.append(el('h2', `Endringer fra versjon ${from} til ${to}`))
  const body = el('div', undefined, 'redline prose')
  for (const change of compareBlocks(a, b)) {
    const kind = change.type === 'changed' ? change.after.kind : change.block.kind
    const p = el('p', undefined, `block block--${kind}`)
    if (change.type === 'same') p.textContent = change.block.text
    else if (change.type === 'changed') partsInto(p, change.parts)
    else {
      p.classList.add(change.type === 'added' ? 'block--added' : 'block--removed')
      p.append(marked(change.type === 'added' ? 1 : -1, change.block.text))
    }
    body.append(p)
  }
  out.append(body)
  out.focus()
}
