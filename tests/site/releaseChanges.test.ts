import { describe, expect, it } from 'vitest'

import {
  answerReleaseCompare,
  compareIndex,
  consecutiveReleaseChanges,
  fillRegion,
  parseReleaseComparisonPath,
  releaseChanges,
  releaseCompareFormPageHtml,
  releaseComparisonHtml,
  releaseComparisonTitle,
  releaseName,
  type CompareIndex,
} from '@rapport/site/lib/releaseChanges'
import { fixtureData } from './fixture'

/** Five releases, one a month in 2025 (12:00 UTC, 13:00 or 14:00 in Oslo). */
const R = ['20250115T120000Z', '20250215T120000Z', '20250315T120000Z', '20250415T120000Z', '20250515T120000Z'] as const
const at = (id: string) => `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}T12:00:00.000Z`
const rel = (i: number) => ({ id: R[i], publishedAt: at(R[i]) })
const rev = (
  revision: number,
  release: number,
  updateType: 'major' | 'minor' | 'withdrawal',
  changeNote: string | null = null,
  number = '1.1',
  title = 'Målbildet',
) => ({
  revision,
  publishedAt: at(R[release]),
  updateType,
  number,
  title,
  changeNote,
})

/** A chapter of part 1 of the one edition, or the part's introduction. */
const chapter = (
  slug: string,
  revisions: Array<ReturnType<typeof rev>>,
  kind: 'chapter' | 'partIntro' = 'chapter',
) => ({
  edition: 'arsrapport-2025',
  slug,
  kind,
  part: 1,
  revisions,
})

/**
 * One chapter per kind of change:
 * - ny: first published in release 2;
 * - endret: major in 0, minor in 1, major in 3;
 * - trukket: published in 0, withdrawn in 2;
 * - gjeninnsatt: published in 0, withdrawn in 1, reinstated in 3;
 * - kortlivet: published in 1 and withdrawn in 2;
 * - del: the part's introduction, minor fix in 4.
 */
const index: CompareIndex = {
  releases: R.map((_, i) => rel(i)),
  editions: [{ slug: 'arsrapport-2025', title: 'Årsrapport 2025' }],
  chapters: [
    chapter('ny', [rev(1, 2, 'major', 'Nytt kapittel.', '1.3', 'Nytt')]),
    chapter('endret', [rev(1, 0, 'major'), rev(2, 1, 'minor', 'Rettet skrivefeil.'), rev(3, 3, 'major', 'Nye tall.')]),
    chapter('trukket', [
      rev(1, 0, 'major', null, '1.2', 'Trukket'),
      rev(2, 2, 'withdrawal', 'Feil tall.', '1.2', 'Trukket'),
    ]),
    chapter('gjeninnsatt', [
      rev(1, 0, 'major', null, '1.10', 'Igjen'),
      rev(2, 1, 'withdrawal', 'Til vurdering.', '1.10', 'Igjen'),
      rev(3, 3, 'minor', 'Gjenopprettet.', '1.10', 'Igjen'),
    ]),
    chapter('kortlivet', [
      rev(1, 1, 'major', null, '1.4', 'Kort'),
      rev(2, 2, 'withdrawal', 'Publisert ved en feil.', '1.4', 'Kort'),
    ]),
    chapter(
      'del-1',
      [rev(1, 0, 'major', null, '', 'Del 1 – Tiltak'), rev(2, 4, 'minor', 'Lenke rettet.', '', 'Del 1 – Tiltak')],
      'partIntro',
    ),
  ],
}

const rows = (from: number, to: number) =>
  releaseChanges(index, rel(from), rel(to)).editions.flatMap((e) =>
    e.rows.map(
      (r) =>
        `${r.slug}: ${r.kind} ${r.fromRevision ?? '–'}→${r.toRevision}${r.significance ? ` ${r.significance}` : ''}`,
    ),
  )

describe('releaseChanges: what changed in the report between two releases', () => {
  it.each([
    [0, 1, ['endret: changed 1→2 redaksjonell', 'kortlivet: added –→1', 'gjeninnsatt: withdrawn 1→2']],
    [1, 2, ['trukket: withdrawn 1→2', 'ny: added –→1', 'kortlivet: withdrawn 1→2']],
    [2, 3, ['endret: changed 2→3 faglig', 'gjeninnsatt: reinstated 2→3']],
    [3, 4, ['del-1: changed 1→2 redaksjonell']],
    // Across several releases: a chapter added and withdrawn in between is in neither; 1→3 is faglig by its version 3.
    [
      0,
      3,
      [
        'endret: changed 1→3 faglig',
        'trukket: withdrawn 1→2',
        'ny: added –→1',
        'gjeninnsatt: changed 1→3 redaksjonell',
      ],
    ],
    [
      1,
      4,
      [
        'del-1: changed 1→2 redaksjonell',
        'endret: changed 2→3 faglig',
        'trukket: withdrawn 1→2',
        'ny: added –→1',
        'kortlivet: withdrawn 1→2',
        'gjeninnsatt: reinstated 2→3',
      ],
    ],
  ])('from release %i to %i: %j', (from, to, expected) => {
    expect(rows(from, to)).toEqual(expected)
  })

  it('orders the part introduction first, then chapters by number (1.3 before 1.10)', () => {
    expect(rows(0, 4).map((r) => r.split(':')[0])).toEqual(['del-1', 'endret', 'trukket', 'ny', 'gjeninnsatt'])
  })

  it('links a changed chapter to the redline of each consecutive pair of versions between, and to its version and history', () => {
    const changed = releaseChanges(index, rel(0), rel(3)).editions[0].rows.find((r) => r.slug === 'endret')!
    expect(changed).toMatchObject({
      name: 'Kapittel 1.1 Målbildet',
      url: '/arsrapport-2025/endret/versjoner/3/',
      historyUrl: '/arsrapport-2025/endret/versjoner/',
      redlines: [
        { from: 1, to: 2, url: '/arsrapport-2025/endret/sammenlign/1...2/' },
        { from: 2, to: 3, url: '/arsrapport-2025/endret/sammenlign/2...3/' },
      ],
      notes: ['Rettet skrivefeil.', 'Nye tall.'],
    })
  })

  it.each([
    [
      'added',
      1,
      2,
      'ny',
      { url: '/arsrapport-2025/ny/versjoner/1/', redlines: [], notes: ['Nytt kapittel.'], name: 'Kapittel 1.3 Nytt' },
    ],
    [
      'withdrawn',
      1,
      2,
      'trukket',
      { url: '/arsrapport-2025/trukket/versjoner/2/', redlines: [], notes: ['Feil tall.'] },
    ],
    [
      'reinstated',
      2,
      3,
      'gjeninnsatt',
      { url: '/arsrapport-2025/gjeninnsatt/versjoner/3/', redlines: [], notes: ['Gjenopprettet.'] },
    ],
    [
      'changed',
      3,
      4,
      'del-1',
      {
        url: '/arsrapport-2025/del-1/versjoner/2/',
        redlines: [{ from: 1, to: 2, url: '/arsrapport-2025/del-1/sammenlign/1...2/' }],
        name: 'Del 1 – Tiltak',
      },
    ],
  ])('a %s chapter links to its version at the later release', (_kind, from, to, slug, expected) => {
    expect(releaseChanges(index, rel(from), rel(to)).editions[0].rows.find((r) => r.slug === slug)).toMatchObject(
      expected,
    )
  })

  it('counts each kind, and the changed ones by faglig and redaksjonell', () => {
    expect(releaseChanges(index, rel(0), rel(3)).counts).toEqual({
      added: 1,
      changed: 2,
      withdrawn: 1,
      reinstated: 0,
      major: 1,
      minor: 1,
    })
  })

  it('gives the same rows for consecutive releases as the full comparison does, working only on the chapters each release published', () => {
    const pages = consecutiveReleaseChanges(index)
    expect(pages.map((p) => `${p.from.id}...${p.to.id}`)).toEqual(R.slice(1).map((to, i) => `${R[i]}...${to}`))
    pages.forEach((p, i) => expect(p).toEqual(releaseChanges(index, rel(i), rel(i + 1))))
  })

  it('finds the fixture’s chapter 1.1 added on 31 May 2024 and its redaksjonell fix on 12 June', () => {
    const pages = consecutiveReleaseChanges(compareIndex(fixtureData()))
    expect(
      pages.map((p) =>
        p.editions.flatMap((e) => e.rows.map((r) => `${r.kind} ${r.name} ${r.significance ?? ''}`.trim())),
      ),
    ).toEqual([
      ['added Kapittel 1.1 Målbildet for arbeidet'],
      ['changed Kapittel 1.1 Målbildet for arbeidet redaksjonell'],
    ])
  })
})

describe('the comparison’s markup', () => {
  it('names releases by their Oslo day and time, and titles a comparison by its two days', () => {
    expect(releaseName('2024-06-12T08:30:00.000Z')).toBe('12. juni 2024 kl. 10.30')
    expect(releaseComparisonTitle({ from: rel(0), to: rel(3) })).toBe(
      'Endringer fra 15. januar 2025 til 15. april 2025',
    )
    expect(releaseComparisonTitle({ from: { id: 'a', publishedAt: '2025-01-15T08:00:00.000Z' }, to: rel(0) })).toBe(
      'Endringer 15. januar 2025 fra kl. 09.00 til kl. 13.00',
    )
  })

  it('lists each changed chapter with its kind, its versions and the link to its redline, text escaped', () => {
    const html = releaseComparisonHtml(
      releaseChanges(
        {
          ...index,
          chapters: index.chapters.map((c) =>
            c.slug === 'endret' ? { ...c, revisions: c.revisions.map((r) => ({ ...r, title: 'A < B' })) } : c,
          ),
        },
        rel(2),
        rel(3),
      ),
    )
    expect(html).toContain(
      '<h1><span class="label">Sammenlign utgivelser</span>Endringer fra 15. mars 2025 til 15. april 2025</h1>',
    )
    expect(html).toContain(
      '<a href="/arsrapport-2025/endret/versjoner/3/">Kapittel 1.1 A &lt; B</a> <span class="badge badge--changed">Endret</span><span class="meta">Faglig endring fra versjon 2 til 3</span><p class="note">Nye tall.</p><span class="meta"><a href="/arsrapport-2025/endret/sammenlign/2...3/">Se endringene fra versjon 2 til 3</a></span>',
    )
    expect(html).toContain(
      '<span class="badge badge--reinstated">Gjeninnsatt</span><span class="meta">Gjeninnsatt i versjon 3 (trukket tilbake i versjon 2)</span>',
    )
    expect(html).toContain('<dt>Endret</dt><dd>1 kapittel (faglig endring: 1, redaksjonell endring: 0)</dd>')
  })

  it('says so when nothing changed', () => {
    expect(releaseComparisonHtml(releaseChanges(index, rel(4), rel(4)))).toContain(
      'Ingen kapitler ble lagt til, endret, trukket tilbake eller gjeninnsatt mellom de to utgivelsene.',
    )
  })

  it('fills a page’s region, title and canonical address, and leaves a page without a region alone', () => {
    const page =
      '<html><head><title>Sammenlign utgivelser – Allmennlegetjenesten</title><link rel="canonical" href="https://x.no/arkiv/sammenlign/"></head><body><!--sammenligning-->skjema<!--/sammenligning--><p class="print-only">https://x.no/arkiv/sammenlign/ · NLOD</p></body></html>'
    expect(fillRegion(page, 'NY', 'Endringer & mer', '/arkiv/a...b/')).toBe(
      '<html><head><title>Endringer &amp; mer – Allmennlegetjenesten</title><link rel="canonical" href="https://x.no/arkiv/a...b/"></head><body>NY<p class="print-only">https://x.no/arkiv/a...b/ · NLOD</p></body></html>',
    )
    expect(fillRegion('<html></html>', 'NY', null)).toBeNull()
  })
})

describe('the comparison form', () => {
  const answer = (fra?: string, til?: string) => answerReleaseCompare(index, { fra, til })

  it.each([
    ['two releases', R[0], R[3], `/arkiv/${R[0]}...${R[3]}/`],
    ['two releases, the later first', R[3], R[0], `/arkiv/${R[0]}...${R[3]}/`],
    ['two dates', '2025-02-20', '2025-05-15', `/arkiv/${R[1]}...${R[4]}/`],
    ['Norwegian dates', '15.1.2025', '16.03.2025', `/arkiv/${R[0]}...${R[2]}/`],
    ['a date and a release', '2030-01-01', R[1], `/arkiv/${R[1]}...${R[4]}/`],
  ])('redirects %s to the comparison', (_what, fra, til, location) => {
    expect(answer(fra, til)).toEqual({ kind: 'redirect', location })
  })

  it.each([
    [
      'a date before the first release',
      '2019-01-01',
      R[1],
      ['fra', 'date', 'Fra-datoen 2019-01-01 er før første utgivelse 15. januar 2025.'],
    ],
    [
      'a date that does not exist',
      R[0],
      '31.02.2025',
      ['til', 'date', 'Til-datoen «31.02.2025» er ikke en dato. Skriv den som åååå-mm-dd eller dd.mm.åååå.'],
    ],
    [
      'a release that does not exist',
      '20190101T000000Z',
      R[1],
      ['fra', 'release', 'Fra: det finnes ingen utgivelse 20190101T000000Z.'],
    ],
    ['nothing', undefined, R[1], ['fra', 'release', 'Fra: velg en utgivelse eller skriv en dato.']],
    [
      'the same release twice',
      R[2],
      R[2],
      ['til', 'release', 'Fra og til er samme utgivelse (15. mars 2025 kl. 13.00). Velg to ulike utgivelser.'],
    ],
    [
      'two days of one release',
      '2025-03-16',
      '2025-04-01',
      [
        'til',
        'date',
        'Fra og til gir samme utgivelse (15. mars 2025 kl. 13.00): rapporten ble ikke endret mellom de to datoene. Velg datoer med en utgivelse mellom.',
      ],
    ],
  ])('refuses %s in Norwegian, naming the field', (_what, fra, til, [field, input, message]) => {
    expect(answer(fra, til)).toEqual({
      kind: 'invalid',
      errors: [{ field, input, message }],
      values: { fra: fra ?? '', til },
    })
  })

  it('shows the form again with what was wrong, linked to the field, and the values sent', () => {
    const result = answer('2019-01-01', R[1])
    if (result.kind !== 'invalid') throw new Error('expected an invalid answer')
    const html = releaseCompareFormPageHtml(index.releases, result.values, result.errors)
    expect(html).toContain(
      '<li><a href="#sammenlign-fra-dato">Fra-datoen 2019-01-01 er før første utgivelse 15. januar 2025.</a></li>',
    )
    expect(html).toContain(
      '<input id="sammenlign-fra-dato" name="fra" type="date" value="2019-01-01" aria-invalid="true" aria-describedby="sammenlign-feil">',
    )
    expect(/<select id="sammenlign-til"[\s\S]*?<\/select>/.exec(html)?.[0]).toContain(
      `<option value="${R[1]}" selected>15. februar 2025 kl. 13.00</option>`,
    )
  })
})

describe('a comparison’s address', () => {
  it.each([
    [`/arkiv/${R[0]}...${R[1]}/`, { from: R[0], to: R[1], slash: true }],
    [`/arkiv/${R[0]}...${R[1]}`, { from: R[0], to: R[1], slash: false }],
    [`/arkiv/${R[0]}/`, null],
    ['/arkiv/a...b/', null],
  ])('reads %s', (path, expected) => {
    expect(parseReleaseComparisonPath(path)).toEqual(expected)
  })
})
