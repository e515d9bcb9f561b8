import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { readContent, seedContent, seedIfEmpty } from '../../cms/src/seed/seedContent'
import { paragraphs, startTestPayload, type TestPayload } from '../support/payload'

const write = (dir: string, file: string, value: unknown) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
  fs.writeFileSync(path.join(dir, file), `${JSON.stringify(value, null, 2)}\n`)
}

/** A small content folder in the importer's format. */
const makeContent = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-'))
  const source = {
    publisher: 'Helsedirektoratet',
    url: 'https://www.helsedirektoratet.no/rapporter/x',
    licence: 'NLOD 2.0',
  }
  write(dir, 'editions/arsrapport-2021.json', {
    slug: 'arsrapport-2021',
    title: 'Handlingsplan for allmennlegetjenesten – årsrapport 2021',
    year: 2021,
    publishedAt: '2022-05-19',
    status: 'superseded',
    parts: [{ number: 1, title: 'Tiltak, status og effekter', slug: 'del-1-tiltak-status-og-effekter' }],
    source,
  })
  write(dir, 'goal-areas/1.json', {
    number: 1,
    editions: [{ edition: 'arsrapport-2021', title: 'En trygg og attraktiv karrierevei', effectGoals: [] }],
  })
  write(dir, 'goal-areas/2.json', {
    number: 2,
    editions: [
      {
        edition: 'arsrapport-2021',
        title: 'God kvalitet til alle',
        effectGoals: ['Bedre kunnskap om kvalitet i allmennlegetjenesten'],
      },
    ],
  })
  write(dir, 'measures/07.json', {
    number: 7,
    title: '',
    goalArea: 1,
    description: '',
    statuses: [],
    source: 'title not confirmed',
  })
  write(dir, 'measures/11.json', {
    number: 11,
    title: 'Innføre introduksjonsavtaler',
    goalArea: 2,
    description: '',
    statuses: [],
    source: 'seed 000',
  })
  write(dir, 'chapters/arsrapport-2021/beskrivelse-av-malomrade-2.json', {
    edition: 'arsrapport-2021',
    kind: 'chapter',
    number: '2.1',
    part: 1,
    title: 'Beskrivelse av målområde 2',
    slug: 'beskrivelse-av-malomrade-2',
    goalArea: 2,
    measures: [11],
    lastProfessionalChange: '2022-05-19',
    body: paragraphs('Alle innbyggere skal oppleve tjenester av god kvalitet.'),
    footnotes: [],
    source,
  })
  write(dir, 'news/allmennlegetjenesten-styrkes.json', {
    slug: 'allmennlegetjenesten-styrkes',
    kicker: 'Handlingsplan for allmennlegetjenesten 2020-2024:',
    title: 'Allmennlegetjenesten styrkes med 1,6 milliarder',
    historicalArchive: true,
    publishedUnder: 'Regjeringen Solberg',
    publisher: 'Helse- og omsorgsdepartementet',
    publishedAt: null,
    body: paragraphs('Regjeringen legger i dag frem en forpliktende handlingsplan.'),
    importantMeasures: ['Avlaste fastlegene for oppgaver'],
    source,
  })
  return dir
}

let t: TestPayload
beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.destroy())

const counts = async () =>
  Object.fromEntries(
    await Promise.all(
      (['editions', 'goal-areas', 'measures', 'chapters', 'news'] as const).map(async (c) => [
        c,
        (await t.payload.count({ collection: c })).totalDocs,
      ]),
    ),
  )

describe('seeding the CMS from content/', () => {
  it('refuses content that refers to a missing edition and writes nothing', async () => {
    const dir = makeContent()
    write(dir, 'goal-areas/3.json', {
      number: 3,
      editions: [{ edition: 'arsrapport-2099', title: 'X', effectGoals: [] }],
    })
    await expect(seedContent(t.payload, readContent(dir))).rejects.toThrow(
      'goal area 3 refers to edition "arsrapport-2099", which content/editions does not have',
    )
    expect(await counts()).toEqual({ editions: 0, 'goal-areas': 0, measures: 0, chapters: 0, news: 0 })
  })

  it('refuses a content file that does not fit the schema, naming the file and the field', () => {
    const dir = makeContent()
    write(dir, 'measures/18.json', {
      number: 18,
      title: 'For mye',
      goalArea: 1,
      description: '',
      statuses: [],
      source: '',
    })
    let message = ''
    try {
      readContent(dir)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain(path.join(dir, 'measures/18.json'))
    expect(message).toContain('number: Too big: expected number to be <=17')
  })

  it('takes back what it made when a document is refused part-way', async () => {
    const dir = makeContent()
    write(dir, 'chapters/arsrapport-2021/zz-samme-nummer.json', {
      edition: 'arsrapport-2021',
      kind: 'chapter',
      number: '2.1',
      part: 1,
      title: 'Samme nummer',
      slug: 'zz-samme-nummer',
      goalArea: null,
      measures: [],
      lastProfessionalChange: '2022-05-19',
      body: paragraphs('Tekst.'),
      footnotes: [],
      source: { publisher: 'Helsedirektoratet', url: null, licence: 'NLOD 2.0' },
    })
    await expect(seedContent(t.payload, readContent(dir))).rejects.toThrow(
      'chapter arsrapport-2021/zz-samme-nummer: number: Kapittel 2.1 finnes allerede i denne utgaven.',
    )
    expect(await counts()).toEqual({ editions: 0, 'goal-areas': 0, measures: 0, chapters: 0, news: 0 })
    expect((await t.payload.countVersions({ collection: 'chapters' })).totalDocs).toBe(0)
  })

  it('loads an empty database with each chapter as published revision 1 of its real date', async () => {
    const report = await seedIfEmpty(t.payload, makeContent())
    expect(report?.chapters).toEqual({ created: 1, existing: 0 })
    const [chapter] = (await t.payload.find({ collection: 'chapters', overrideAccess: false })).docs
    expect([chapter.number, chapter._status, chapter.revision, chapter.updateType, chapter.changeNote]).toEqual([
      '2.1',
      'published',
      1,
      'major',
      'Først publisert.',
    ])
    expect(chapter.lastProfessionalChange).toBe('2022-05-19T12:00:00.000Z')
    expect(chapter.publishedAt).toBe('2022-05-19T12:00:00.000Z')
    const measures = (await t.payload.find({ collection: 'measures', sort: 'number', overrideAccess: false })).docs
    expect(measures.map((m) => [m.number, m.title ?? null, m.label])).toEqual([
      [7, null, 'Tiltak 7'],
      [11, 'Innføre introduksjonsavtaler', 'Tiltak 11: Innføre introduksjonsavtaler'],
    ])
    expect(await counts()).toEqual({ editions: 1, 'goal-areas': 2, measures: 2, chapters: 1, news: 1 })
  })

  it('never duplicates: a second run finds everything in place and changes nothing', async () => {
    const before = await counts()
    const report = await seedContent(t.payload, readContent(makeContent()))
    expect(Object.values(report).every((r) => r.created === 0)).toBe(true)
    expect(await counts()).toEqual(before)
    expect(await seedIfEmpty(t.payload, makeContent())).toBeNull()
    const versions = await t.payload.countVersions({ collection: 'chapters' })
    expect(versions.totalDocs).toBe(1)
  })
})
