import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { checkContent } from '../../cms/src/crossref/checker'
import { blocks, footnoteMarkers, type LexicalState } from '../../cms/src/crossref/lexicalText'
import { readContent } from '../../cms/src/seed/seedContent'
import { ImportError } from '@rapport/importer/errors'
import { importReport, writeContent } from '@rapport/importer/importReport'
import { parseNorwegianDate } from '@rapport/importer/norwegianDate'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SEEDS = path.resolve(ROOT, '../shared/seeds')
const SOURCES = path.join(ROOT, 'content/sources.json')
const CONTENT = path.join(ROOT, 'content')

const HAVE_SEEDS = fs.existsSync(SEEDS)
if (!HAVE_SEEDS)
  console.warn(
    `Importer tests skipped: the published pages are not at ${SEEDS} (the shared folder beside the checkout).`,
  )
const imported = HAVE_SEEDS ? importReport(SOURCES, SEEDS) : new Map<string, string>()
const fileJson = (name: string) => JSON.parse(imported.get(name)!)

/** Sentences of a text, as a sorted list: quotation marks and bullet marks do not count. */
const sentences = (units: string[]) =>
  units
    .map((u) =>
      u
        .replace(/["•]/g, '')
        .replace(/\s*(\[\d+\])/g, '$1')
        .replace(/[\s\u00a0]+/g, ' ')
        .trim(),
    )
    .filter(Boolean)
    .flatMap((u) => u.split(/(?<=[.!?:])\s+(?=[A-ZÆØÅ–"\d])/))
    .sort()

/** The body of a page as its lines: without the chrome line, the heading and the date line. */
const pageBody = (file: string) => {
  const lines = fs
    .readFileSync(path.join(SEEDS, file), 'utf8')
    .split('\n')
    .map((l) => l.trim())
  const start = lines.findIndex((l) => /^(Kapittel|Del) /.test(l))
  const end = lines.findIndex((l) => l.startsWith('Siste faglige endring:'))
  // A quote spans paragraphs: the page's paragraphs are the units, lines inside a paragraph join.
  return lines.slice(start + 1, end).filter((l) => l.replace(/\u00a0/g, '').trim() !== '')
}

const CHAPTER_PAGES = [
  [
    '000_a5c310043eb19859.txt',
    'chapters/arsrapport-2021/beskrivelse-av-malomrade-2.json',
    '2.1',
    'Beskrivelse av målområde 2',
    '2022-05-19',
  ],
  [
    '001_d2dfa5a84ec86472.txt',
    'chapters/arsrapport-2021/beskrivelse-av-malomrade-3.json',
    '3.1',
    'Beskrivelse av målområde 3',
    '2022-05-19',
  ],
  [
    '002_275d45d0e33dbeee.txt',
    'chapters/arsrapport-2021/del-1-tiltak-status-og-effekter.json',
    null,
    'Del 1 – Tiltak, status og effekter',
    '2022-05-19',
  ],
  [
    '003_9d907b49295a221b.txt',
    'chapters/arsrapport-2023/malbildet-for-arbeidet.json',
    '1.1',
    'Målbildet for arbeidet',
    '2024-05-31',
  ],
] as const

describe.skipIf(!HAVE_SEEDS)('importing the seed pages', () => {
  it.each(CHAPTER_PAGES)('%s: every sentence of the page appears exactly once, nothing added', (page, file) => {
    const chapter = fileJson(file)
    const importedUnits = [
      ...blocks(chapter.body as LexicalState).flatMap((b) => b.text.split('\n')),
      ...chapter.footnotes.map((f: { number: number; text: string }) => `[${f.number}] ${f.text}`),
    ]
    expect(sentences(importedUnits)).toEqual(sentences(pageBody(page)))
  })

  it.each(CHAPTER_PAGES)(
    '%s: number, title and "Siste faglige endring" are right',
    (_page, file, number, title, date) => {
      const chapter = fileJson(file)
      expect([chapter.number, chapter.title, chapter.lastProfessionalChange]).toEqual([number, title, date])
    },
  )

  it('links footnote 15 of the 2023 chapter 1.1 both ways: the marker in the text, the note at the end', () => {
    const chapter = fileJson('chapters/arsrapport-2023/malbildet-for-arbeidet.json')
    expect(footnoteMarkers(chapter.body)).toEqual([15])
    expect(chapter.footnotes).toEqual([
      { number: 15, text: 'Nasjonal helse- og samhandlingsplan 2024 – 2027, Meld. St. 9 (2023–2024) - regjeringen.no' },
    ])
    const paragraph = chapter.body.root.children.find((n: any) =>
      n.children?.some((c: any) => c.type === 'inlineBlock'),
    )
    expect(paragraph.children.map((c: any) => c.text ?? `[${c.fields.note}]`)).toEqual([
      'I Nasjonal helse- og samhandlingsplan 2024 – 2027',
      '[15]',
      ' som ble lagt fram 1.mars 2024 heter det:',
    ])
  })

  it('links "Tiltak N: title" items to measure N and records the measures a chapter names', () => {
    const chapter = fileJson('chapters/arsrapport-2021/beskrivelse-av-malomrade-3.json')
    expect(chapter.measures).toEqual([13, 14, 15, 16, 17])
    const first = chapter.body.root.children.find((n: any) => n.type === 'list').children[0].children[0]
    expect([first.type, first.fields.url, first.children[0].text]).toEqual([
      'link',
      '/tiltak/13/',
      'Tiltak 13: Skape en teambasert fastlegeordning',
    ])
  })

  it('collects effect goals per goal area and edition, and invents none', () => {
    const goals = (n: number) =>
      fileJson(`goal-areas/${n}.json`).editions.map((e: any) => [e.edition, e.title, e.effectGoals.length])
    expect(goals(1)).toEqual([
      ['arsrapport-2021', 'En trygg og attraktiv karrierevei', 0],
      ['arsrapport-2023', 'En trygg og aktiv karrierevei', 6],
    ])
    expect(goals(2)).toEqual([
      ['arsrapport-2021', 'God kvalitet til alle', 5],
      ['arsrapport-2023', 'God kvalitet til alle', 5],
    ])
    expect(goals(3)).toEqual([
      ['arsrapport-2021', 'Fremtiden er teambasert', 4],
      ['arsrapport-2023', 'Fremtiden er teambasert', 4],
    ])
  })

  it('ships the 17 measures, leaving unconfirmed titles empty', () => {
    const titles = Array.from(
      { length: 17 },
      (_, i) => fileJson(`measures/${String(i + 1).padStart(2, '0')}.json`).title,
    )
    expect(titles.map((t, i) => (t === '' ? i + 1 : null)).filter(Boolean)).toEqual([6, 7, 8, 9])
    expect(titles[10]).toBe('Innføre introduksjonsavtaler')
  })

  it('reads the part introduction as the intro of part 1 of the 2021 edition', () => {
    expect(fileJson('editions/arsrapport-2021.json').parts).toEqual([
      { number: 1, title: 'Tiltak, status og effekter', slug: 'del-1-tiltak-status-og-effekter' },
    ])
    expect(fileJson('chapters/arsrapport-2021/del-1-tiltak-status-og-effekter.json').kind).toBe('partIntro')
  })

  it("reads the ministry's press release: banner, kicker, publisher, quotes and important measures", () => {
    const news = fileJson('news/allmennlegetjenesten-styrkes-med-1-6-milliarder.json')
    expect([
      news.historicalArchive,
      news.kicker,
      news.title,
      news.publishedUnder,
      news.publisher,
      news.importantMeasures.length,
    ]).toEqual([
      true,
      'Handlingsplan for allmennlegetjenesten 2020-2024',
      'Allmennlegetjenesten styrkes med 1,6 milliarder',
      'Regjeringen Solberg',
      'Helse- og omsorgsdepartementet',
      11,
    ])
    const kinds = news.body.root.children.map((n: any) => n.type)
    expect(kinds.filter((k: string) => k === 'quote').length).toBe(4)
    expect(kinds.filter((k: string) => k === 'heading').length).toBe(3)
  })

  it("keeps the press release's closing link «Les handlingsplanen her» as the text's last paragraph, to the action plan", () => {
    const news = fileJson('news/allmennlegetjenesten-styrkes-med-1-6-milliarder.json')
    const last = news.body.root.children.at(-1)
    expect(last.type).toBe('paragraph')
    expect(
      last.children.map((n: any) => [n.type, n.fields?.url, n.children?.map((c: any) => c.text).join('')]),
    ).toEqual([
      [
        'link',
        'https://www.regjeringen.no/no/dokumenter/handlingsplan-for-allmennlegetjenesten/id2699424/',
        'Les handlingsplanen her',
      ],
    ])
    expect(news.importantMeasures).not.toContain('Les handlingsplanen her')
  })

  it('records source and licence with the content', () => {
    expect(fileJson('report.json').licence).toEqual({
      name: 'Norsk lisens for offentlige data (NLOD) 2.0',
      url: 'https://data.norge.no/nlod/no/2.0',
    })
    expect(fileJson('chapters/arsrapport-2021/beskrivelse-av-malomrade-2.json').source).toEqual({
      publisher: 'Helsedirektoratet',
      url: 'https://www.helsedirektoratet.no',
      licence: 'NLOD 2.0',
      file: '000_a5c310043eb19859.txt',
    })
  })
})

describe.skipIf(!HAVE_SEEDS)('running the importer again', () => {
  it('gives byte-identical files, the same as those committed in content/', () => {
    const again = importReport(SOURCES, SEEDS)
    expect([...again.entries()]).toEqual([...imported.entries()])
    for (const [name, content] of imported)
      expect(fs.readFileSync(path.join(CONTENT, name), 'utf8'), name).toBe(content)
  })
})

describe('Norwegian dates', () => {
  it.each([
    ['19. mai 2022', '2022-05-19'],
    ['1. januar 2024', '2024-01-01'],
    ['29. februar 2024', '2024-02-29'],
    ['3. mars 2023', '2023-03-03'],
    ['30. april 2023', '2023-04-30'],
    ['1. juni 2023', '2023-06-01'],
    ['31. juli 2023', '2023-07-31'],
    ['15. august 2023', '2023-08-15'],
    ['9. september 2023', '2023-09-09'],
    ['10. oktober 2023', '2023-10-10'],
    ['11. november 2023', '2023-11-11'],
    ['24. desember 2023', '2023-12-24'],
    ['31. Mai 2024', '2024-05-31'],
    ['1. des. 2023', '2023-12-01'],
    ['2. jan 2023', '2023-01-02'],
    ['7. sept. 2023', '2023-09-07'],
    ['5. okt. 2023', '2023-10-05'],
  ])('reads "%s" as %s', (text, day) => {
    expect(parseNorwegianDate(text)).toEqual({ day })
  })

  it.each([
    ['19. maj 2022', 'expected a date like "19. mai 2022", found "19. maj 2022" (unknown month "maj")'],
    ['32. mai 2022', 'expected a date like "19. mai 2022", found "32. mai 2022" (no such day)'],
    ['mai 2022', 'expected a date like "19. mai 2022", found "mai 2022"'],
  ])('refuses "%s"', (text, problem) => {
    expect(parseNorwegianDate(text)).toEqual({ problem })
  })
})

describe.skipIf(!HAVE_SEEDS)('bad input', () => {
  const seedsWith = (file: string, content: Buffer | string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seeds-'))
    for (const f of fs.readdirSync(SEEDS)) fs.copyFileSync(path.join(SEEDS, f), path.join(dir, f))
    fs.writeFileSync(path.join(dir, file), content)
    return dir
  }
  const original = (file: string) => fs.readFileSync(path.join(SEEDS, file), 'utf8')

  // Each file's content is made when its test runs: the seeds may be absent, and the suite is then skipped.
  it.each([
    [
      'a file that is not such a page',
      '000_a5c310043eb19859.txt',
      () => 'Handleliste\n\nMelk og brød.\n',
      '000_a5c310043eb19859.txt:1: expected a report page starting with "Kapittel <number><title>" or "Del <number> – <title>", found "Handleliste"',
    ],
    [
      'an unknown month name',
      '000_a5c310043eb19859.txt',
      () => original('000_a5c310043eb19859.txt').replace('19. mai 2022', '19. maj 2022'),
      '000_a5c310043eb19859.txt:27: expected a date like "19. mai 2022", found "19. maj 2022" (unknown month "maj") after "Siste faglige endring:"',
    ],
    [
      'a missing date line',
      '001_d2dfa5a84ec86472.txt',
      () => original('001_d2dfa5a84ec86472.txt').replace(/Siste faglige endring:.*\n?$/, ''),
      '001_d2dfa5a84ec86472.txt:30: expected the last line "Siste faglige endring: <date>"',
    ],
    [
      'an unparseable chapter number',
      '003_9d907b49295a221b.txt',
      () => original('003_9d907b49295a221b.txt').replace('Kapittel 1.1Målbildet', 'Kapittel 1.xMålbildet'),
      '003_9d907b49295a221b.txt:3: expected a chapter number like 2 or 2.1 after "Kapittel", found "1.x"',
    ],
    [
      'an empty file',
      '002_275d45d0e33dbeee.txt',
      () => '',
      '002_275d45d0e33dbeee.txt:1: expected a page of text, found an empty file',
    ],
    [
      'a binary file',
      '002_275d45d0e33dbeee.txt',
      () => Buffer.from([0x44, 0x65, 0x6c, 0x0a, 0x00, 0xff, 0x10]),
      '002_275d45d0e33dbeee.txt:2: expected a page of text, found binary data (a NUL byte)',
    ],
    [
      'a file that is not UTF-8',
      '002_275d45d0e33dbeee.txt',
      () => Buffer.from('Del 1 \xe6\xf8\xe5', 'latin1'),
      '002_275d45d0e33dbeee.txt:1: expected a page of text in UTF-8, found bytes that are not UTF-8',
    ],
    [
      'a press release without a publisher',
      '004_c22d925a73793f22.txt',
      () => original('004_c22d925a73793f22.txt').replace(/Utgiver:.*\n/, ''),
      'expected a press release with a line "Utgiver: <publisher>"',
    ],
  ])('refuses %s, naming the file, the line and what was expected', (_name, file, content, message) => {
    let error: unknown
    try {
      importReport(SOURCES, seedsWith(file, content()))
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ImportError)
    expect((error as Error).message).toContain(message)
  })

  it('refuses a press release link whose address content/sources.json does not give, naming the file and line', () => {
    const sources = JSON.parse(fs.readFileSync(SOURCES, 'utf8'))
    for (const page of sources.pages) delete page.links
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sources-'))
    fs.writeFileSync(path.join(dir, 'sources.json'), JSON.stringify(sources))
    expect(() => importReport(path.join(dir, 'sources.json'), SEEDS)).toThrow(
      '004_c22d925a73793f22.txt:61: expected an address for the link «Les handlingsplanen her»: add it to this page\'s "links" in content/sources.json',
    )
  })

  it('writes nothing when a page is bad: content/ stays as it was', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'content-'))
    writeContent(out, imported)
    fs.writeFileSync(path.join(out, 'keep-me.txt'), 'not the importer’s')
    const before = fs.readdirSync(out, { recursive: true }).sort()
    expect(() => writeContent(out, importReport(SOURCES, seedsWith('000_a5c310043eb19859.txt', '')))).toThrow(
      ImportError,
    )
    expect(fs.readdirSync(out, { recursive: true }).sort()).toEqual(before)
    expect(fs.readFileSync(path.join(out, 'chapters/arsrapport-2021/beskrivelse-av-malomrade-2.json'), 'utf8')).toBe(
      imported.get('chapters/arsrapport-2021/beskrivelse-av-malomrade-2.json'),
    )
  })
})

describe('the cross-reference checker on the shipped content', () => {
  const content = readContent(CONTENT)
  const chapters = content.chapters.map((c) => ({
    edition: c.edition,
    slug: c.slug,
    number: c.number,
    title: c.title,
    body: c.body,
    footnotes: c.footnotes,
  }))
  const measures = content.measures.map((m) => ({ number: m.number, title: m.title }))

  it('finds nothing false: every measure title, footnote and number in the seeds adds up', () => {
    expect(checkContent(chapters, { measures }).filter((f) => f.code !== 'chapter-reference-missing')).toEqual([])
  })

  it('warns of the chapters the 2021 part introduction names that the seeds do not have', () => {
    const missing = checkContent(chapters, { measures }).filter((f) => f.code === 'chapter-reference-missing')
    expect(new Set(missing.map((f) => f.where))).toEqual(new Set(['arsrapport-2021/del-1-tiltak-status-og-effekter']))
    expect(missing.map((f) => /«kapittel ([\d.]+)»/.exec(f.message)![1])).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '1.5',
      '1.6',
      '2.2',
      '2.3',
      '2.4',
      '2.5',
      '3.2',
      '3.3',
      '3.4',
      '3.5',
    ])
    expect(missing.every((f) => f.severity === 'warning')).toBe(true)
  })

  it('reports the real conflict once chapter 2.6 numbers introduksjonsavtaler as measure 10', () => {
    const chapter26 = {
      edition: 'arsrapport-2021',
      slug: 'introduksjonsavtaler',
      number: '2.6',
      title: 'Introduksjonsavtaler',
      footnotes: [],
      body: {
        root: {
          type: 'root',
          children: [
            {
              type: 'list',
              children: [
                { type: 'listitem', children: [{ type: 'text', text: 'Tiltak 10: Innføre introduksjonsavtaler' }] },
              ],
            },
          ],
        },
      },
    }
    const findings = checkContent([...chapters, chapter26], { measures }).filter(
      (f) => f.code !== 'chapter-reference-missing',
    )
    expect(findings.map((f) => f.code)).toEqual(['measure-title-differs', 'measure-number-conflict'])
    expect(findings[1].message).toBe(
      '«Innføre introduksjonsavtaler» har ulike tiltaksnummer: tiltak 10 (arsrapport-2021/introduksjonsavtaler) og tiltak 11 (tiltakslisten, arsrapport-2021/beskrivelse-av-malomrade-2).',
    )
  })
})
