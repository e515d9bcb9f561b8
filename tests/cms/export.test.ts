import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSnapshot } from '../../cms/src/export/snapshot'
import { richTextToHtml } from '../../cms/src/export/richText'
import { sha256 } from '@rapport/files'
import { snapshotFiles, writeSnapshot } from '../../cms/src/export/write'
import { chapterSchema, snapshotSchema } from '@rapport/contracts/snapshot'
import { element, text, type Node } from '../support/lexical'
import { publishedEdition, startTestPayload, type TestPayload } from '../support/payload'

const block = element
const body = (...children: Node[]) => ({ root: block('root', children) })

const chapterBody = body(
  block(
    'paragraph',
    [
      text('Planen har tre målområder'),
      {
        type: 'inlineBlock',
        version: 1,
        fields: { id: '65f0c0ffee0000000000aa01', blockType: 'footnoteRef', blockName: '', note: 15 },
      },
      text(' og '),
      text('17 tiltak', 1),
      text('.'),
    ],
    { textFormat: 0, textStyle: '' },
  ),
  block('heading', [text('Effektmål')], { tag: 'h2' }),
  block(
    'list',
    [
      block(
        'listitem',
        [
          {
            ...block('link', [text('Tiltak 10: Bedre kvaliteten')], { version: 3 }),
            fields: { linkType: 'custom', url: '/tiltak/10/', newTab: false },
            id: '65f0c0ffee0000000000aa02',
          },
        ],
        { value: 1 },
      ),
      block('listitem', [text('Et annet <mål> & mer')], { value: 2 }),
    ],
    { listType: 'bullet', tag: 'ul', start: 1 },
  ),
  block('heading', [text('Effektmål')], { tag: 'h2' }),
  block('quote', [
    text('Første avsnitt.'),
    { type: 'linebreak', version: 1 },
    { type: 'linebreak', version: 1 },
    text('Andre avsnitt.'),
  ]),
)

describe('rich text to HTML', () => {
  it('gives clean, sanitized HTML with heading ids, footnote markers and links', () => {
    const { html, headings } = richTextToHtml(chapterBody as never)
    expect(html).toBe(
      '<p>Planen har tre målområder<sup class="fn-ref" id="fnref-15"><a href="#fn-15">15</a></sup> og <strong>17 tiltak</strong>.</p>' +
        '<h2 id="effektmal">Effektmål</h2>' +
        '<ul><li><a href="/tiltak/10/">Tiltak 10: Bedre kvaliteten</a></li><li>Et annet &lt;mål&gt; &amp; mer</li></ul>' +
        '<h2 id="effektmal-2">Effektmål</h2>' +
        '<blockquote><p>Første avsnitt.</p><p>Andre avsnitt.</p></blockquote>',
    )
    expect(headings).toEqual([
      { id: 'effektmal', level: 2, text: 'Effektmål' },
      { id: 'effektmal-2', level: 2, text: 'Effektmål' },
    ])
  })

  it('drops what a reader must never get: scripts, event handlers, javascript: links', () => {
    const hostile = body(
      block('paragraph', [
        text('<script>alert(1)</script>'),
        {
          ...block('link', [text('klikk')], { version: 3 }),
          fields: { linkType: 'custom', url: 'javascript:alert(1)', newTab: false },
        },
      ]),
    )
    const { html } = richTextToHtml(hostile as never)
    expect(html).not.toMatch(/<script|javascript:|onerror/i)
    expect(html).toContain('&lt;script&gt;')
  })
})

describe('the export', () => {
  let t: TestPayload

  beforeAll(async () => {
    t = await startTestPayload()
    const { payload } = t
    const e2021 = await publishedEdition(payload, 'arsrapport-2021', 2021, {
      publishedAt: '2022-05-19',
      status: 'superseded',
      parts: [{ number: 1, title: 'Tiltak, status og effekter', slug: 'del-1' }],
    })
    await payload.create({
      collection: 'editions',
      data: { title: 'Utkast til utgave', slug: 'utkast-utgave', year: 2025, status: 'current' },
      draft: true,
    })
    const ga = await payload.create({
      collection: 'goal-areas',
      data: {
        number: 2,
        _status: 'published',
        editions: [
          { edition: e2021.id, title: 'God kvalitet til alle', effectGoals: [{ text: 'Bedre kunnskap om kvalitet' }] },
        ],
      },
    })
    const m10 = await payload.create({
      collection: 'measures',
      data: { number: 10, title: 'Bedre kvaliteten', goalArea: ga.id, _status: 'published' },
    })
    await payload.create({ collection: 'measures', data: { number: 7, _status: 'published' } })
    const chapter = await payload.create({
      collection: 'chapters',
      data: {
        edition: e2021.id,
        number: '2.1',
        title: 'Beskrivelse av målområde 2',
        goalArea: ga.id,
        measures: [m10.id],
        body: chapterBody,
        footnotes: [{ number: 15, text: 'Meld. St. 9 (2023–2024) <b>' }],
        lastProfessionalChange: '2022-05-19',
        _status: 'published',
      } as never,
    })
    await payload.update({
      collection: 'chapters',
      id: chapter.id,
      data: {
        _status: 'published',
        updateType: 'major',
        changeNote: 'Nye effektmål.',
        title: 'Beskrivelse av målområde 2 (oppdatert)',
      },
    })
    await payload.update({ collection: 'chapters', id: chapter.id, draft: true, data: { title: 'HEMMELIG UTKAST' } })
    await payload.create({
      collection: 'chapters',
      data: { edition: e2021.id, number: '2.2', title: 'HEMMELIG KAPITTEL' },
      draft: true,
    })
  })
  afterAll(async () => t?.destroy())

  it('holds the published content only, with every published revision of each chapter', async () => {
    const { snapshot, chapters } = await buildSnapshot(t.payload)
    const files = snapshotFiles(snapshot, chapters)
    expect([...files.keys()]).toEqual(['chapters/arsrapport-2021/beskrivelse-av-malomrade-2.json', 'snapshot.json'])
    const everything = [...files.values()].join('\n')
    expect(everything).not.toMatch(/HEMMELIG|utkast-utgave/)

    expect(snapshot.editions.map((e) => [e.slug, e.publishedAt, e.status])).toEqual([
      ['arsrapport-2021', '2022-05-19', 'superseded'],
    ])
    expect(snapshot.measures.map((m) => [m.number, m.title, m.goalArea])).toEqual([
      [7, '', null],
      [10, 'Bedre kvaliteten', 2],
    ])
    expect(snapshot.goalAreas).toEqual([
      {
        number: 2,
        editions: [
          { edition: 'arsrapport-2021', title: 'God kvalitet til alle', effectGoals: ['Bedre kunnskap om kvalitet'] },
        ],
      },
    ])

    const [chapter] = chapters
    expect(
      chapter.revisions.map((r) => [
        r.revision,
        r.updateType,
        r.changeNote,
        r.title,
        r.lastProfessionalChange,
        r.measures,
        r.goalArea,
      ]),
    ).toEqual([
      [1, 'major', 'Først publisert.', 'Beskrivelse av målområde 2', '2022-05-19', [10], 2],
      [
        2,
        'major',
        'Nye effektmål.',
        'Beskrivelse av målområde 2 (oppdatert)',
        expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        [10],
        2,
      ],
    ])
    expect(chapter.firstPublishedAt).toBe(chapter.revisions[0].publishedAt)
    for (const r of chapter.revisions) expect(r.htmlSha256).toBe(sha256(r.html))
    expect(chapter.revisions[0].footnotes).toEqual([{ number: 15, html: 'Meld. St. 9 (2023–2024) &lt;b&gt;' }])
    expect(snapshotSchema.parse(JSON.parse(files.get('snapshot.json')!))).toEqual(snapshot)
    expect(chapterSchema.parse(JSON.parse([...files.values()][0]))).toEqual(chapter)
  })

  it('gives byte-identical files on a second export', async () => {
    const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'snap-')))
    for (const dir of dirs) {
      const { snapshot, chapters } = await buildSnapshot(t.payload)
      writeSnapshot(path.join(dir, 'snapshot'), snapshotFiles(snapshot, chapters))
    }
    const read = (dir: string) =>
      Object.fromEntries(
        (fs.readdirSync(dir, { recursive: true }) as string[])
          .sort()
          .filter((f) => f.endsWith('.json'))
          .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
      )
    const [a, b] = dirs.map((d) => read(path.join(d, 'snapshot')))
    expect(Object.keys(a).length).toBe(2)
    expect(b).toEqual(a)
    expect(Object.values(a).every((content) => content.endsWith('}\n') && !content.includes('\r'))).toBe(true)
  })

  it('leaves the previous snapshot untouched when writing fails', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'snap-')), 'snapshot')
    writeSnapshot(dir, new Map([['snapshot.json', '{"old":true}\n']]))
    expect(() =>
      writeSnapshot(
        dir,
        new Map([
          ['snapshot.json', '{}\n'],
          ['chapters/\0bad.json', '{}'],
        ]),
      ),
    ).toThrow()
    expect(fs.readdirSync(dir)).toEqual(['snapshot.json'])
    expect(fs.readFileSync(path.join(dir, 'snapshot.json'), 'utf8')).toBe('{"old":true}\n')
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['snapshot'])
  })

  it('keeps an unchanged file as it was (same file, same time), so the site’s loader can skip it', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'snap-')), 'snapshot')
    const files = new Map([
      ['snapshot.json', '{"a":1}\n'],
      ['chapters/e/one.json', '{"one":1}\n'],
      ['chapters/e/two.json', '{"two":1}\n'],
    ])
    writeSnapshot(dir, files)
    const identity = (f: string) => {
      const st = fs.statSync(path.join(dir, f))
      return `${st.ino}:${st.mtimeMs}`
    }
    const before = { one: identity('chapters/e/one.json'), two: identity('chapters/e/two.json') }
    writeSnapshot(dir, new Map([...files, ['chapters/e/two.json', '{"two":2}\n']]))
    expect(identity('chapters/e/one.json')).toBe(before.one)
    expect(identity('chapters/e/two.json')).not.toBe(before.two)
    expect(fs.readFileSync(path.join(dir, 'chapters/e/two.json'), 'utf8')).toBe('{"two":2}\n')
    // A file changed behind the export's back is compared by its content, not trusted.
    fs.writeFileSync(path.join(dir, 'chapters/e/one.json'), '{"one":9}\n')
    writeSnapshot(dir, new Map([...files, ['chapters/e/two.json', '{"two":2}\n']]))
    expect(fs.readFileSync(path.join(dir, 'chapters/e/one.json'), 'utf8')).toBe('{"one":1}\n')
  })

  it('uses slugs and numbers, never database ids', async () => {
    const { snapshot, chapters } = await buildSnapshot(t.payload)
    const keys = new Set<string>()
    const walk = (value: unknown, inHeadings = false) => {
      if (Array.isArray(value)) return value.forEach((v) => walk(v, inHeadings))
      if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) {
          if (!inHeadings) keys.add(k)
          walk(v, k === 'headings')
        }
    }
    walk({ snapshot, chapters })
    expect([...keys].filter((k) => /(^id$|Id$|^_|createdAt|updatedAt)/.test(k))).toEqual([])
  })
})
