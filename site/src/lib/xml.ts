/**
 * XML documents the site writes (the Atom feed, the sitemap), made with an XML builder that
 * escapes every text and attribute value (`&`, `<`, `>`, quotes), so no title or note can add
 * markup. Characters XML cannot hold at all (control characters, lone surrogates) are left
 * out rather than making the whole document unreadable.
 */
import { XMLBuilder } from 'fast-xml-parser'

/** An element: attributes as `@name`, text as `#text`, children by name (a list repeats the element). */
export type XmlElement = { [key: string]: string | XmlElement | XmlElement[] }

/** Everything but the characters XML 1.0 allows: tab, line breaks, and the rest from U+0020 on, without surrogates and U+FFFE/U+FFFF. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/**
 * Text without the characters XML cannot hold.
 * @example xmlChars('a\u0001b') // 'ab'
 */
export const xmlChars = (text: string) => text.replace(NOT_XML_CHAR, '')

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  processEntities: true,
  tagValueProcessor: (_name, value) => xmlChars(String(value)),
  attributeValueProcessor: (_name, value) => xmlChars(String(value)),
})

/**
 * A whole document with its XML declaration: the root element `name` and its content.
 * @example xmlDocument('urlset', { '@xmlns': 'http://www.sitemaps.org/schemas/sitemap/0.9', url: [{ loc: 'https://x.no/' }] })
 */
export const xmlDocument = (name: string, root: XmlElement): string =>
  `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [name]: root })}`
