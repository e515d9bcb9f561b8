import { slugFromTitle } from '@rapport/contracts/slug'
import { toBlocks } from './blocks'
import type { NewsItem, PageSource } from '@rapport/contracts/content'
import { ImportError } from './errors'
import * as L from './lexical'
import { chunks, normalizeSpace, readPageLines } from './pageText'

const BANNER = 'Historisk arkiv'
const PUBLISHED_UNDER = /^Publisert under:\s*(.+)$/
const PUBLISHER = /^Utgiver:\s*(.+)$/
const MEASURES_INTRO = /^Viktige tiltak i handlingsplanen:?$/
const READ_MORE = /^Les (handlingsplanen|mer|rapporten)\b/
const SPOKEN = /^–\s/

/** Scraped soft hyphens show as "¬": they are not part of the words. */
const unhyphenate = (text: string) => text.replace(/¬/g, '')

/**
 * The ministry's press-release page: the "Historisk arkiv" banner, a kicker ending in ":",
 * the title, "Publisert under: …", "Utgiver: …", paragraphs and spoken quotes ("– …, sier …"),
 * sub-headings, the list of important measures, and a closing link («Les handlingsplanen her»),
 * which becomes the text's last paragraph, linked to the address content/sources.json gives
 * for those words (the scraped text has the words only).
 */
export const parseNewsPage = (file: string, bytes: Buffer, page: PageSource): NewsItem => {
  const all = chunks(readPageLines(file, bytes))
  let historicalArchive = false
  const head: string[] = []
  let publishedUnder: string | null = null
  let publisher: string | null = null
  let i = 0
  for (; i < all.length; i++) {
    const value = normalizeSpace(all[i].lines.map((l) => l.text).join(' '))
    if (value === BANNER) {
      historicalArchive = true
      continue
    }
    const under = PUBLISHED_UNDER.exec(value)
    const by = PUBLISHER.exec(value)
    if (under) publishedUnder = under[1]
    else if (by) publisher = by[1]
    else if (publisher || (publishedUnder && head.length >= 1)) break
    else head.push(value)
  }
  if (!publisher)
    throw new ImportError(
      file,
      all[Math.min(i, all.length - 1)]?.start ?? 1,
      'expected a press release with a line "Utgiver: <publisher>"',
    )
  if (head.length === 0)
    throw new ImportError(file, all[0]?.start ?? 1, 'expected a press release title before "Utgiver:"')
  const kicker = head.length > 1 && head[0].endsWith(':') ? unhyphenate(head[0]).replace(/:$/, '') : null
  const title = unhyphenate(head[head.length - 1])

  const rest = all.slice(i)
  const introAt = rest.findIndex((c) => MEASURES_INTRO.test(normalizeSpace(c.lines[0].text)))
  const bodyChunks = introAt >= 0 ? rest.slice(0, introAt) : rest
  const tail = introAt >= 0 ? rest.slice(introAt + 1) : []
  const importantMeasures: string[] = []
  const readMore: Array<{ text: string; url: string }> = []
  for (const chunk of tail) {
    for (const line of chunk.lines) {
      const value = normalizeSpace(line.text)
      if (READ_MORE.test(value)) {
        const url = page.links[value]
        if (!url)
          throw new ImportError(
            file,
            line.n,
            `expected an address for the link «${value}»: add it to this page's "links" in content/sources.json, e.g. "links": { "${value}": "https://…" }`,
          )
        readMore.push({ text: value, url })
      } else if (value) importantMeasures.push(value)
    }
  }
  const slug = slugFromTitle(title)
  const nodes = toBlocks(file, bodyChunks).map((block) => {
    switch (block.kind) {
      case 'heading':
        return L.heading(block.text)
      case 'list':
        return L.list(block.items.map((item) => [L.text(item)]))
      case 'quote':
        return L.quote(
          block.paragraphs.flatMap((p, k) => [...(k > 0 ? [L.linebreak(), L.linebreak()] : []), L.text(p)]),
        )
      case 'footnote':
        return L.paragraph([L.text(`[${block.number}] ${block.text}`)])
      case 'paragraph':
        return SPOKEN.test(block.text) ? L.quote([L.text(block.text)]) : L.paragraph([L.text(block.text)])
    }
  })
  const links = readMore.map(({ text, url }) => L.paragraph([L.link(url, text, L.stableId(`nyheter/${slug}/${text}`))]))
  return {
    slug,
    kicker,
    title,
    historicalArchive,
    publishedUnder,
    publisher,
    publishedAt: null,
    body: L.root([...nodes, ...links]) as NewsItem['body'],
    importantMeasures,
    source: page.source,
  }
}
