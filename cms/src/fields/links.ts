import type { LexicalNode } from '../lib/lexical'
import { LIMITS, tooLongMessage } from './validation'

/**
 * Link addresses in rich text. An address is stored exactly as the editor typed it, or the
 * save is refused with a message in Norwegian naming the field and the link: nothing rewrites
 * (encodes, "repairs") an address behind the editor's back.
 */

/** The addresses a link may have, as the editor is told. */
export const LINK_URL_HINT =
  'Bruk en nettadresse som begynner med https:// eller http://, en e-postadresse som begynner med mailto:, en adresse på nettstedet som begynner med / eller et anker som begynner med #.'

/** Spaces, line breaks and control characters: never part of an address as typed. */
const SPACE_OR_CONTROL = /[\s\p{Cc}\p{Cf}]/u

/**
 * Why an address cannot be a link's, in Norwegian, or null when it can: an absolute https:,
 * http: or mailto: address, a path on the site (/…, not //…), or an anchor (#…).
 * @example linkUrlProblem('https://www.helsedirektoratet.no/rapporter') // null
 * @example linkUrlProblem('javascript:alert(1)') // 'Adressen «javascript:alert(1)» kan ikke brukes i en lenke. Bruk …'
 */
export const linkUrlProblem = (url: unknown): string | null => {
  if (typeof url !== 'string' || url === '') return `Lenken mangler adresse. ${LINK_URL_HINT}`
  const length = Array.from(url).length
  if (length > LIMITS.url) return tooLongMessage('Lenkeadressen', LIMITS.url, length)
  return isLinkUrl(url) ? null : `Adressen «${shown(url)}» kan ikke brukes i en lenke. ${LINK_URL_HINT}`
}

const isLinkUrl = (url: string): boolean => {
  if (SPACE_OR_CONTROL.test(url)) return false
  if (url.startsWith('#')) return url.length > 1
  if (url.startsWith('/')) return !/^\/[/\\]/.test(url) && URL.canParse(url, 'https://nettsted.invalid')
  if (/^https?:\/\/[^/\\]/i.test(url)) {
    const parsed = URL.parse(url)
    return parsed !== null && parsed.hostname !== ''
  }
  if (/^mailto:./i.test(url)) return URL.canParse(url)
  return false
}

/** An address as quoted in a message: at most 80 characters. */
const shown = (url: string) => (url.length > 80 ? `${url.slice(0, 79)}…` : url)

/**
 * The `url` field of a link, as the link dialog checks it while the editor types (`onChange`):
 * a link to a document of the site has none; any other is checked as above. At a save
 * (`submit`) the rich-text field answers for all its links at once, naming the paragraph and
 * the link (see richTextLinksProblem), so the same fault is not reported twice.
 */
export const linkUrlRule = (
  value: unknown,
  options: { siblingData?: unknown; event?: 'onChange' | 'submit' },
): string | true => {
  if (options.event === 'submit') return true
  if ((options.siblingData as { linkType?: unknown } | undefined)?.linkType === 'internal') return true
  return linkUrlProblem(value) ?? true
}

const textOf = (node: LexicalNode): string =>
  typeof node.text === 'string' ? node.text : (node.children ?? []).map(textOf).join('')

/** A link's text as quoted in a message: spaces collapsed, at most 60 characters. */
const linkText = (node: LexicalNode) => {
  const text = textOf(node).replace(/\s+/g, ' ').trim()
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}

/**
 * The first link (or automatic link) of a rich-text value whose address cannot be stored,
 * named by its text and the paragraph (top-level block) it stands in, with what is wrong; or
 * true when every link's address can be stored. `field` is the field's label, e.g. «Tekst».
 * @example richTextLinksProblem(body, 'Tekst') // 'Tekst, avsnitt 3: lenken «her» har adressen «&#106;avascript:…», som ikke kan brukes i en lenke. Bruk …'
 */
export const richTextLinksProblem = (value: unknown, field: string): string | true => {
  const blocks = (value as { root?: LexicalNode } | null | undefined)?.root?.children
  if (!Array.isArray(blocks)) return true
  const find = (node: LexicalNode): LexicalNode | null => {
    if (
      (node.type === 'link' || node.type === 'autolink') &&
      node.fields?.linkType !== 'internal' &&
      linkUrlProblem(node.fields?.url) !== null
    )
      return node
    for (const child of node.children ?? []) {
      const found = find(child)
      if (found) return found
    }
    return null
  }
  for (const [index, block] of blocks.entries()) {
    const link = find(block)
    if (!link) continue
    const where = `${field}, avsnitt ${index + 1}: lenken «${linkText(link)}»`
    const url = link.fields?.url
    if (typeof url !== 'string' || url === '') return `${where} mangler adresse. ${LINK_URL_HINT}`
    const length = Array.from(url).length
    if (length > LIMITS.url) return `${where} har en adresse på ${length} tegn; den kan ha høyst ${LIMITS.url}.`
    return `${where} har adressen «${shown(url)}», som ikke kan brukes i en lenke. ${LINK_URL_HINT}`
  }
  return true
}
