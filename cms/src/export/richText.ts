import { convertLexicalToHTML, defaultHTMLConverters, type HTMLConverters } from '@payloadcms/richtext-lexical/html'
import sanitizeHtml from 'sanitize-html'

import type { LexicalNode, LexicalState } from '../lib/lexical'
import { slugify } from '../lib/slugs'

export type { LexicalState }

export type Heading = { id: string; level: number; text: string }

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const plainText = (node: LexicalNode): string =>
  node.type === 'text' ? (node.text ?? '') : (node.children ?? []).map(plainText).join('')

/** Ids for the headings of a body, in order: the heading's words as a slug, made unique. */
export const headingIds = (state: LexicalState | null | undefined): Heading[] => {
  const used = new Map<string, number>()
  const headings: Heading[] = []
  const walk = (node: LexicalNode) => {
    if (node.type === 'heading') {
      const text = plainText(node).replace(/\s+/g, ' ').trim()
      const base = slugify(text) || 'del'
      const seen = used.get(base) ?? 0
      used.set(base, seen + 1)
      headings.push({ id: seen === 0 ? base : `${base}-${seen + 1}`, level: Number((node.tag ?? 'h2').slice(1)), text })
      return
    }
    node.children?.forEach(walk)
  }
  if (state?.root) walk(state.root)
  return headings
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'a',
    'strong',
    'em',
    'u',
    's',
    'sub',
    'sup',
    'code',
    'br',
    'blockquote',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'hr',
  ],
  allowedAttributes: {
    a: ['href'],
    h2: ['id'],
    h3: ['id'],
    h4: ['id'],
    sup: ['id', 'class'],
    ol: ['start'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
  },
  allowedClasses: { sup: ['fn-ref'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
}

/**
 * A chapter body as the sanitized HTML the site renders: headings with stable ids, footnote
 * markers linked to their notes, plain lists and tables, nothing else.
 */
export const richTextToHtml = (state: LexicalState | null | undefined): { html: string; headings: Heading[] } => {
  if (!state?.root) return { html: '', headings: [] }
  const headings = headingIds(state)
  let headingIndex = 0
  const converters: HTMLConverters = {
    ...defaultHTMLConverters,
    heading: ({ node, nodesToHTML }) => {
      const level = ['h2', 'h3', 'h4'].includes(node.tag) ? node.tag : 'h2'
      const id = headings[headingIndex++]?.id
      return `<${level} id="${id}">${nodesToHTML({ nodes: node.children }).join('')}</${level}>`
    },
    paragraph: ({ node, nodesToHTML }) => {
      const inner = nodesToHTML({ nodes: node.children }).join('')
      return inner.trim() === '' ? '' : `<p>${inner}</p>`
    },
    list: ({ node, nodesToHTML }) => {
      const tag = node.tag === 'ol' ? 'ol' : 'ul'
      return `<${tag}>${nodesToHTML({ nodes: node.children }).join('')}</${tag}>`
    },
    listitem: ({ node, nodesToHTML }) => `<li>${nodesToHTML({ nodes: node.children }).join('')}</li>`,
    quote: ({ node, nodesToHTML }) => {
      // A quote holds inline nodes; two line breaks separate its paragraphs.
      const parts = nodesToHTML({ nodes: node.children })
        .join('')
        .split(/(?:<br\s*\/?>\s*){2}/)
      return `<blockquote>${parts.map((p) => `<p>${p.trim()}</p>`).join('')}</blockquote>`
    },
    link: ({ node, nodesToHTML }) => {
      const href = typeof node.fields?.url === 'string' ? node.fields.url : '#'
      return `<a href="${escape(href)}">${nodesToHTML({ nodes: node.children }).join('')}</a>`
    },
    inlineBlocks: {
      footnoteRef: ({ node }) => {
        const n = Number((node.fields as { note?: unknown }).note)
        return `<sup class="fn-ref" id="fnref-${n}"><a href="#fn-${n}">${n}</a></sup>`
      },
    },
  }
  const raw = convertLexicalToHTML({
    data: state as never,
    converters,
    disableContainer: true,
    disableIndent: true,
    disableTextAlign: true,
  })
  return { html: sanitizeHtml(raw, SANITIZE).replace(/\n+/g, ''), headings }
}

/** A footnote's plain text as HTML. */
export const footnoteToHtml = (text: string): string => sanitizeHtml(escape(text.trim()), SANITIZE)
