import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { closeSearchIndex, writeSearchIndex } from '@rapport/site/builder/search'
import type { SiteData } from '@rapport/site/lib/model'
import { searchDocuments } from '@rapport/site/lib/search'
import type { Chapter } from '@rapport/contracts/snapshot'
import { C11, C21, C31, DEL1, fixtureData, revision } from './fixture'

/** The fixture with a chapter of the current edition added, made by `make` from chapter 1.1. */
const withChapter = (make: (c11: Chapter) => Chapter): SiteData => {
  const data = fixtureData()
  const c11 = data.chapters.find((c) => `/${c.edition}/${c.slug}/` === C11)!
  return { ...data, chapters: [...data.chapters, make(structuredClone(c11))] }
}
const urls = (data: SiteData) => searchDocuments(data).map((d) => d.url)
const doc = (data: SiteData, url: string) => searchDocuments(data).find((d) => d.url === url)?.content ?? ''

describe('what search covers', () => {
  it.each([
    ['every edition’s chapters, in address order', () => urls(fixtureData()), [C21, C31, DEL1, C11]],
    [
      'a chapter withdrawn now: still searchable',
      () =>
        urls(
          withChapter((c) => ({
            ...c,
            slug: 'trukket',
            revisions: [
              ...c.revisions,
              revision({ ...c.revisions.at(-1)!, revision: 9, updateType: 'withdrawal', changeNote: 'Erstattet.' }),
            ],
          })),
        ),
      [C21, C31, DEL1, C11, '/arsrapport-2023/trukket/'],
    ],
    [
      'the chapters in address order',
      () => urls(withChapter((c) => ({ ...c, slug: 'a-forst' }))),
      [C21, C31, DEL1, '/arsrapport-2023/a-forst/', C11],
    ],
    [
      'no current edition: still every edition’s chapters',
      () =>
        urls({
          ...fixtureData(),
          snapshot: {
            ...fixtureData().snapshot,
            editions: fixtureData().snapshot.editions.map((e) => ({ ...e, status: 'superseded' as const })),
          },
        }),
      [C21, C31, DEL1, C11],
    ],
  ])('%s', (_name, actual, expected) => {
    expect(actual()).toEqual(expected)
  })

  it.each([
    [
      'a chapter of the current edition: its edition by slug (filter) and title (meta), its version',
      () => doc(fixtureData(), C11),
      '<meta data-pagefind-filter="utgave[content]" content="arsrapport-2023"><meta data-pagefind-meta="utgave[content]" content="Allmennlegetjenesten – årsrapport 2023 inklusive status per mai 2024"><meta data-pagefind-meta="versjon[content]" content="2"></head>',
    ],
    [
      'a chapter of an older edition: the same',
      () => doc(fixtureData(), C21),
      '<meta data-pagefind-filter="utgave[content]" content="arsrapport-2021"><meta data-pagefind-meta="utgave[content]" content="Handlingsplan for allmennlegetjenesten – årsrapport 2021"><meta data-pagefind-meta="versjon[content]" content="1"></head>',
    ],
    [
      'a withdrawn chapter: the withdrawal’s version and the day it was withdrawn, in Oslo',
      () =>
        doc(
          withChapter((c) => ({
            ...c,
            slug: 'trukket',
            revisions: [
              ...c.revisions,
              revision({
                ...c.revisions.at(-1)!,
                revision: 3,
                publishedAt: '2024-09-01T22:30:00.000Z',
                updateType: 'withdrawal',
                changeNote: 'Erstattet.',
              }),
            ],
          })),
          '/arsrapport-2023/trukket/',
        ),
      '<meta data-pagefind-meta="versjon[content]" content="3"><meta data-pagefind-meta="trukket[content]" content="2. september 2024"></head>',
    ],
  ])('marks %s', (_name, html, expected) => {
    expect(html()).toContain(expected)
  })

  it('indexes a chapter under its label and current title, with its text and footnotes and nothing of the page around them', () => {
    const html = doc(fixtureData(), C11)
    expect(html).toMatch(
      /^<!doctype html><html lang="nb">.*<main data-pagefind-body><h1>Kapittel 1\.1 Målbildet for arbeidet<\/h1><p>Handlingsplan for allmennlegetjenesten 2020-2024 har som formål/,
    )
    expect(html).toContain(
      '<h2 id="fotnoter">Fotnoter</h2><ol><li id="fn-15">Nasjonal helse- og samhandlingsplan 2024 – 2027',
    )
    for (const chrome of [
      'Siste faglige endring',
      'Først publisert',
      'Kopier lenke til denne delen',
      'Målområde og tiltak',
    ])
      expect(html).not.toContain(chrome)
  })

  it('escapes a title’s markup characters', () => {
    const data = withChapter((c) => ({
      ...c,
      slug: 'tegn',
      revisions: [revision({ ...c.revisions.at(-1)!, title: 'Mål <og> tiltak & mer' })],
    }))
    expect(doc(data, '/arsrapport-2023/tegn/')).toContain('<h1>Kapittel 1.1 Mål &lt;og&gt; tiltak &amp; mer</h1>')
  })
})

describe('the search index', () => {
  const entry = (dir: string) =>
    JSON.parse(fs.readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>
    }

  it('holds the documents, in Norwegian, and is the same files for the same documents', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'search-'))
    const docs = searchDocuments(withChapter((c) => ({ ...c, slug: 'to' })))
    await Promise.all([writeSearchIndex(docs, path.join(work, 'a')), writeSearchIndex(docs, path.join(work, 'b'))])
    expect(entry(path.join(work, 'a')).languages).toEqual({ nb: expect.objectContaining({ page_count: 5 }) })
    const files = (dir: string) => (fs.readdirSync(dir, { recursive: true }) as string[]).sort()
    expect(files(path.join(work, 'b'))).toEqual(files(path.join(work, 'a')))
    for (const f of files(path.join(work, 'a')).filter((f) => fs.statSync(path.join(work, 'a', f)).isFile())) {
      expect(fs.readFileSync(path.join(work, 'b', f)).equals(fs.readFileSync(path.join(work, 'a', f))), f).toBe(true)
    }
  }, 60_000)

  it('with nothing to search, is still a working, empty index', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'search-')), 'pagefind')
    await writeSearchIndex([], dir)
    expect(fs.existsSync(path.join(dir, 'pagefind.js'))).toBe(true)
    expect(Object.values(entry(dir).languages).reduce((n, l) => n + l.page_count, 0)).toBe(0)
  }, 60_000)

  it('rejects naming the page Pagefind cannot index, and leaves no folder behind', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'search-')), 'pagefind')
    await expect(
      writeSearchIndex(
        [
          { url: '/a/', content: '<html><body><main data-pagefind-body>x</main></body></html>' },
          { url: '/b/', content: undefined as unknown as string },
        ],
        dir,
      ),
    ).rejects.toThrow(/\/b\//)
    expect(fs.existsSync(dir)).toBe(false)
  }, 60_000)
})

describe('a search index kept between builds', () => {
  afterAll(() => closeSearchIndex())
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'search-kept-'))
  const files = (dir: string) =>
    (fs.readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => fs.statSync(path.join(dir, f)).isFile())
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')])
  /** The index of `docs` made in the kept index, and the index made afresh from them: their reports and whether their files are the same. */
  const keptAndAfresh = async (docs: ReturnType<typeof searchDocuments>, name: string) => {
    const kept = await writeSearchIndex(docs, path.join(work, `${name}-kept`), { keep: true })
    const afresh = await writeSearchIndex(docs, path.join(work, `${name}-afresh`))
    return {
      kept,
      afresh,
      same:
        JSON.stringify(files(path.join(work, `${name}-kept`))) ===
        JSON.stringify(files(path.join(work, `${name}-afresh`))),
    }
  }
  const changed = (text: string) =>
    searchDocuments(fixtureData()).map((d) =>
      d.url === C11 ? { ...d, content: d.content.replace('<p>', `<p>${text} `) } : d,
    )

  it('adds again only the chapter whose text changed, and writes the files an index made afresh has', async () => {
    await writeSearchIndex(searchDocuments(fixtureData()), path.join(work, 'first'), { keep: true })
    const { kept, afresh, same } = await keptAndAfresh(changed('Fjelltrolltunge'), 'changed')
    expect([kept, afresh.afresh, same]).toEqual([{ documents: 4, added: 1, afresh: false }, true, true])
  }, 60_000)

  it('is made afresh when the chapters are not the same ones (one added)', async () => {
    await writeSearchIndex(searchDocuments(fixtureData()), path.join(work, 'before-added'), { keep: true })
    const { kept, same } = await keptAndAfresh(searchDocuments(withChapter((c) => ({ ...c, slug: 'ny' }))), 'added')
    expect([kept, same]).toEqual([{ documents: 5, added: 5, afresh: true }, true])
  }, 60_000)

  it('is made afresh after a build whose index failed', async () => {
    await writeSearchIndex(searchDocuments(fixtureData()), path.join(work, 'before-failed'), { keep: true })
    const broken = searchDocuments(fixtureData()).map((d) =>
      d.url === C11 ? { ...d, content: undefined as unknown as string } : d,
    )
    await expect(writeSearchIndex(broken, path.join(work, 'failed'), { keep: true })).rejects.toThrow(C11)
    const { kept, same } = await keptAndAfresh(changed('Etterpå'), 'after-failed')
    expect([kept, same]).toEqual([{ documents: 4, added: 4, afresh: true }, true])
  }, 60_000)
})
