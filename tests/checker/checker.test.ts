import { describe, expect, it } from 'vitest'

import { checkChapter, checkContent, normalizeTitle, type CheckedChapter } from '../../cms/src/crossref/checker'

const text = (t: string) => ({ type: 'text', text: t })
const p = (...children: unknown[]) => ({ type: 'paragraph', children })
const li = (...children: unknown[]) => ({ type: 'listitem', children })
const ul = (...items: unknown[]) => ({ type: 'list', children: items })
const link = (url: string, t: string) => ({ type: 'link', fields: { linkType: 'custom', url }, children: [text(t)] })
const fn = (note: number) => ({ type: 'inlineBlock', fields: { blockType: 'footnoteRef', note } })
const body = (...children: unknown[]) => ({ root: { type: 'root', children } }) as CheckedChapter['body']

const chapter = (overrides: Partial<CheckedChapter>): CheckedChapter => ({
  edition: 'arsrapport-2021',
  slug: 'beskrivelse-av-malomrade-2',
  number: '2.1',
  title: 'Beskrivelse av målområde 2',
  body: body(p(text('Tekst.'))),
  footnotes: [],
  ...overrides,
})

const measures = [
  { number: 10, title: 'Bedre kvaliteten på legetjenester til brukere med omfattende behov' },
  { number: 11, title: 'Innføre introduksjonsavtaler' },
  { number: 7, title: '' },
]
const context = {
  measures,
  chapters: [
    { edition: 'arsrapport-2021', slug: 'beskrivelse-av-malomrade-2', number: '2.1' },
    { edition: 'arsrapport-2021', slug: 'introduksjonsavtaler', number: '2.6' },
  ],
}

describe('checkChapter', () => {
  it.each([
    [
      'a measure named with its own title, in other case and spacing',
      body(ul(li(link('/tiltak/11/', 'Tiltak 11:  innføre introduksjonsavtaler ')))),
      [],
    ],
    ['a measure whose title is not confirmed yet', body(ul(li(text('Tiltak 7: Avlaste fastlegene')))), []],
    [
      'a link to an existing chapter and to a goal area',
      body(p(link('/arsrapport-2021/introduksjonsavtaler/', 'kapittel 2.6'), link('/malomrader/2/', 'målområde 2'))),
      [],
    ],
    [
      'a measure link whose text names the measure it goes to',
      body(p(link('/tiltak/11/', 'Tiltak 11: Innføre introduksjonsavtaler'))),
      [],
    ],
    [
      'measures named in running text, and the plan’s range «tiltak 1–17»',
      body(p(text('Arbeidet med tiltak 10 og Tiltak 11 fortsetter, som alle tiltak 1–17.'))),
      [],
    ],
    [
      'a chapter of the edition named in running text, and a part by its number',
      body(p(text('Se kapittel 2.6, og kapittel 2 for resten.'))),
      [],
    ],
  ])('finds nothing wrong with %s', (_name, b, expected) => {
    expect(checkChapter(chapter({ body: b }), context)).toEqual(expected)
  })

  it.each([
    [
      'a measure named with another title',
      chapter({ body: body(ul(li(text('Tiltak 10: Innføre introduksjonsavtaler')))) }),
      'measure-title-differs',
      'Tiltak 10 heter «Bedre kvaliteten på legetjenester til brukere med omfattende behov» i tiltakslisten, men «Innføre introduksjonsavtaler» her.',
    ],
    [
      'a measure number above 17',
      chapter({ body: body(ul(li(text('Tiltak 18: Noe nytt')))) }),
      'measure-out-of-range',
      '«Tiltak 18» finnes ikke: handlingsplanen har tiltak 1–17.',
    ],
    [
      'a link to measure 0',
      chapter({ body: body(p(link('/tiltak/0/', 'tiltaket'))) }),
      'measure-out-of-range',
      'Lenken «tiltaket» går til tiltak 0, som ikke finnes (1–17).',
    ],
    [
      'a link to a chapter that does not exist',
      chapter({ body: body(p(link('/arsrapport-2021/finnes-ikke/', 'kapittel 9.9'))) }),
      'broken-link',
      'Lenken «kapittel 9.9» går til /arsrapport-2021/finnes-ikke/, men det kapitlet finnes ikke.',
    ],
    [
      'a footnote marker with no note',
      chapter({ body: body(p(text('Se planen'), fn(15))) }),
      'footnote-without-note',
      'Fotnotehenvisning [15] har ingen fotnote med nummer 15.',
    ],
    [
      'a note with no marker',
      chapter({ footnotes: [{ number: 3, text: 'Kilde.' }] }),
      'note-without-marker',
      'Fotnote 3 er ikke henvist til i teksten.',
    ],
    [
      'a measure link whose text names another measure',
      chapter({ body: body(p(link('/tiltak/10/', 'Tiltak 11: Innføre introduksjonsavtaler'))) }),
      'measure-link-mismatch',
      'Lenken «Tiltak 11: Innføre introduksjonsavtaler» går til tiltak 10 (/tiltak/10/), men teksten nevner tiltak 11.',
    ],
    [
      'a measure above 17 named in running text',
      chapter({ body: body(p(text('Som en del av tiltak 19 er det laget en veileder.'))) }),
      'measure-out-of-range',
      'Teksten nevner «tiltak 19», som ikke finnes: handlingsplanen har tiltak 1–17.',
    ],
    [
      'a chapter the edition does not have, named in running text',
      chapter({ body: body(p(text('Dette omtales i kapittel 2.2.'))) }),
      'chapter-reference-missing',
      'Teksten viser til «kapittel 2.2», men utgaven har ikke noe kapittel med det nummeret.',
    ],
    [
      'a part the edition has no chapter of',
      chapter({ body: body(p(text('Kapittel 4 handler om noe annet.'))) }),
      'chapter-reference-missing',
      'Teksten viser til «kapittel 4», men utgaven har ikke noe kapittel med det nummeret.',
    ],
    [
      'a chapter number used twice in the edition',
      chapter({ slug: 'nytt-kapittel', number: '2.6' }),
      'duplicate-chapter-number',
      'Kapittelnummer 2.6 er brukt flere ganger i utgaven (også av introduksjonsavtaler).',
    ],
  ])('reports %s', (_name, c, code, message) => {
    expect(checkChapter(c, context).map((f) => [f.code, f.message])).toEqual([[code, message]])
  })

  it('links a marker and its note both ways: no finding when both are there', () => {
    expect(
      checkChapter(
        chapter({ body: body(p(text('Planen'), fn(15))), footnotes: [{ number: 15, text: 'Meld. St. 9' }] }),
        context,
      ),
    ).toEqual([])
  })
})

describe('checkContent', () => {
  it('reports one measure numbered two ways across the report, naming the places', () => {
    const a = chapter({ body: body(ul(li(text('Tiltak 11: Innføre introduksjonsavtaler')))) })
    const b = chapter({
      slug: 'introduksjonsavtaler',
      number: '2.6',
      body: body(ul(li(text('Tiltak 10: Innføre introduksjonsavtaler')))),
    })
    const findings = checkContent([a, b], { measures })
    expect(findings.map((f) => [f.code, f.where])).toEqual([
      ['measure-title-differs', 'arsrapport-2021/introduksjonsavtaler'],
      [
        'measure-number-conflict',
        'arsrapport-2021/introduksjonsavtaler, tiltakslisten, arsrapport-2021/beskrivelse-av-malomrade-2',
      ],
    ])
    expect(findings[1].message).toBe(
      '«Innføre introduksjonsavtaler» har ulike tiltaksnummer: tiltak 10 (arsrapport-2021/introduksjonsavtaler) og tiltak 11 (tiltakslisten, arsrapport-2021/beskrivelse-av-malomrade-2).',
    )
  })

  it('reports both chapters that share a number', () => {
    const findings = checkContent([chapter({}), chapter({ slug: 'annet' })], { measures })
    expect(findings.map((f) => [f.code, f.where])).toEqual([
      ['duplicate-chapter-number', 'arsrapport-2021/beskrivelse-av-malomrade-2'],
      ['duplicate-chapter-number', 'arsrapport-2021/annet'],
    ])
  })
})

describe('normalizeTitle', () => {
  it.each([
    [' Innføre  introduksjonsavtaler. ', 'innføre introduksjonsavtaler'],
    ['Øke bruken av e-konsultasjon', 'øke bruken av e-konsultasjon'],
  ])('%s → %s', (input, output) => {
    expect(normalizeTitle(input)).toBe(output)
  })
})
