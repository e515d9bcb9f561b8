import { describe, expect, it } from 'vitest'

import { releaseId, releaseOn, releases, stateAt } from '@rapport/site/lib/releases'
import { fixtureData } from './fixture'

/** The fixture: the 2021 chapters on 19 May 2022, chapter 1.1 on 31 May 2024 and its minor fix on 12 June 2024. */
const data = fixtureData()

describe('releases', () => {
  it('makes one release of the revisions published at the same moment, oldest first', () => {
    expect(releases(data).map((r) => [r.id, r.published.map((p) => `${p.slug}@${p.revision}`)])).toEqual([
      [
        '20220519T100000Z',
        ['beskrivelse-av-malomrade-2@1', 'beskrivelse-av-malomrade-3@1', 'del-1-tiltak-status-og-effekter@1'],
      ],
      ['20240531T100000Z', ['malbildet-for-arbeidet@1']],
      ['20240612T083000Z', ['malbildet-for-arbeidet@2']],
    ])
  })

  it.each([
    ['2024-05-31T12:00:00.000Z', '20240531T120000Z'],
    ['2024-06-12T08:30:00Z', '20240612T083000Z'],
  ])('names the release published at %s "%s"', (time, id) => {
    expect(releaseId(time)).toBe(id)
  })

  it.each([
    ['2022-05-18', null],
    ['2022-05-19', '20220519T100000Z'],
    ['2023-01-31', '20220519T100000Z'],
    ['2024-05-30', '20220519T100000Z'],
    ['2024-05-31', '20240531T100000Z'],
    ['2024-06-11', '20240531T100000Z'],
    ['2024-06-12', '20240612T083000Z'],
    ['2026-11-23', '20240612T083000Z'],
  ])('on %s the report stood at release %s', (day, id) => {
    expect(releaseOn(releases(data), day)?.id ?? null).toBe(id)
  })

  it.each([
    ['2022-12-31T00:00:00.000Z', ['arsrapport-2021/del@1', 'arsrapport-2021/2.1@1', 'arsrapport-2021/3.1@1']],
    [
      '2024-06-01T00:00:00.000Z',
      ['arsrapport-2021/del@1', 'arsrapport-2021/2.1@1', 'arsrapport-2021/3.1@1', 'arsrapport-2023/1.1@1'],
    ],
    [
      '2030-01-01T00:00:00.000Z',
      ['arsrapport-2021/del@1', 'arsrapport-2021/2.1@1', 'arsrapport-2021/3.1@1', 'arsrapport-2023/1.1@2'],
    ],
  ])(
    'at %s shows every chapter at its revision of that moment, leaving out what was not published yet',
    (time, expected) => {
      expect(
        stateAt(data, time).map((s) => `${s.chapter.edition}/${s.revision.number ?? 'del'}@${s.revision.revision}`),
      ).toEqual(expected)
    },
  )

  it('links each chapter of a past state to its permanent revision page', () => {
    expect(stateAt(data, '2024-06-01T00:00:00.000Z').find((s) => s.revision.number === '1.1')?.url).toBe(
      '/arsrapport-2023/malbildet-for-arbeidet/versjoner/1/',
    )
  })
})
