/**
 * The Atom feed and the sitemap hold the content's text as text: a title or change note that
 * looks like HTML is shown as written by every feed reader, never rendered, and every other
 * text of the feed (its title, subtitle, author and rights) is treated the same way.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { beforeAll, describe, expect, it } from 'vitest'

import { buildSite } from '@rapport/site/builder/build'
import { copyFixture, editChapter } from '../site/fixture'

const ATOM = 'http://www.w3.org/2005/Atom'
const TITLE = '<img src=x onerror=alert(1)>'
const NOTE = 'Grensen er nå a < b & c > d, ikke <b>fet</b> ]]> og &amp; &nbsp; står som skrevet.'
const REPORT = 'Rapport <script>alert(1)</script> & «mer»'
const PUBLISHER = 'Helse <i>direktoratet</i>'
const LICENCE = 'NLOD <u>2.0</u>'

type XmlElement = { name: string; attributes: Record<string, string>; text: string }

/**
 * Every element of a well-formed document in document order, with its attributes and its own
 * text (CDATA included), as a feed reader reads them.
 */
const elements = (xml: string): XmlElement[] => {
  expect(XMLValidator.validate(xml)).toBe(true)
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    cdataPropName: '#cdata',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
  })
  type Node = Record<string, unknown> & { ':@'?: Record<string, string> }
  const ownText = (children: Node[]) =>
    children
      .flatMap((c) =>
        '#text' in c
          ? [String(c['#text'])]
          : '#cdata' in c
            ? (c['#cdata'] as Node[]).map((t) => String(t['#text']))
            : [],
      )
      .join('')
  const walk = (nodes: Node[]): XmlElement[] =>
    nodes.flatMap((node) => {
      const name = Object.keys(node).find((k) => k !== ':@' && !k.startsWith('#') && !k.startsWith('?'))
      if (!name) return []
      const children = node[name] as Node[]
      return [{ name, attributes: node[':@'] ?? {}, text: ownText(children) }, ...walk(children)]
    })
  return walk(parser.parse(xml) as Node[])
}

describe('the site’s XML files, built from content whose text looks like HTML', () => {
  let feed: string
  let feedElements: XmlElement[]
  let sitemap: string
  const textOf = (name: string) => feedElements.filter((e) => e.name === name).map((e) => e.text)

  beforeAll(async () => {
    const snapshot = copyFixture()
    const file = path.join(snapshot, 'snapshot.json')
    const meta = JSON.parse(fs.readFileSync(file, 'utf8'))
    meta.report = {
      ...meta.report,
      title: REPORT,
      publisher: PUBLISHER,
      licence: { ...meta.report.licence, name: LICENCE },
    }
    fs.writeFileSync(file, JSON.stringify(meta, null, 2))
    editChapter(snapshot, 'arsrapport-2023', 'malbildet-for-arbeidet', (c) => {
      c.revisions[0] = { ...c.revisions[0], title: TITLE, changeNote: NOTE }
    })
    // The feed and the sitemap are fixed pages: every build renders them.
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'feed-')), 'dist')
    await buildSite({ snapshot, out, quiet: true, only: ['arsrapport-2023/malbildet-for-arbeidet/index.html'] })
    feed = fs.readFileSync(path.join(out, 'endringer.xml'), 'utf8')
    feedElements = elements(feed)
    sitemap = fs.readFileSync(path.join(out, 'sitemap.xml'), 'utf8')
  }, 180_000)

  describe('the Atom feed /endringer.xml', () => {
    it('marks every text construct as plain text, never as HTML', () => {
      expect(feedElements[0]).toMatchObject({ name: 'feed', attributes: { xmlns: ATOM } })
      const constructs = feedElements.filter((e) =>
        ['title', 'subtitle', 'summary', 'rights', 'content'].includes(e.name),
      )
      expect(constructs.length).toBeGreaterThan(4)
      expect(constructs.map((e) => `${e.name}: ${e.attributes.type}`)).toEqual(constructs.map((e) => `${e.name}: text`))
    })

    it('holds no CDATA section and none of the content’s markup as markup', () => {
      expect(feed).not.toContain('<![CDATA[')
      expect(feed).not.toMatch(/<(img|script|b|i|u)\b/)
    })

    it.each([
      ['a chapter title that looks like an image tag', 'title', `Kapittel 1.1 ${TITLE}: faglig endring (versjon 1)`],
      ['a change note with <, >, &, an entity’s name and ]]>', 'summary', NOTE],
      ['the report’s title', 'title', `${REPORT}: endringer`],
      ['the publisher', 'name', PUBLISHER],
      ['the licence', 'rights', LICENCE],
    ])('reads %s back exactly as written', (_what, element, text) => {
      expect(textOf(element)).toContain(text)
    })
  })

  describe('the sitemap /sitemap.xml', () => {
    it('is well-formed XML whose addresses read back as the pages', () => {
      const locs = elements(sitemap).filter((e) => e.name === 'loc')
      expect(locs.map((e) => e.text)).toContain('http://localhost:3000/arsrapport-2023/malbildet-for-arbeidet/')
    })
  })
})
