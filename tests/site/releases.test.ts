import { describe, expect, it } from 'vitest'

import type { SiteData } from '../../site/src/lib/model'
import { releaseId, releaseOn, releases, stateAt } from '../../site/src/lib/releases'
import { readSnapshot } from '../../site/src/lib/snapshot/read'
import type { Chapter } from '../../site/src/lib/snapshot/schema'

const shipped = readSnapshot()
/** The shipped report, with chapter 3.1 revised on 1 February 2023. */
const data: SiteData = {
  ...shipped,
  chapters: shipped.chapters.map((c): Chapter =>
    c.slug === 'beskrivelse-av-malomrade-3'
      ? { ...c, revisions: [...c.revisions, { ...c.revisions[0], revision: 2, publishedAt: '2023-02-01T09:00:00.000Z', lastProfessionalChange: '2023-02-01' }] }
      : c,
  ),
}

describe('releases', () => {
  it('makes one release of the revisions published at the same moment, oldest first', () => {
    expect(releases(data).map((r) => [r.id, r.published.map((p) => `${p.slug}@${p.revision}`)])).toEqual([
      ['20220519T120000Z', ['beskrivelse-av-malomrade-2@1', 'beskrivelse-av-malomrade-3@1', 'del-1-tiltak-status-og-effekter@1']],
      ['20230201T090000Z', ['beskrivelse-av-malomrade-3@2']],
      ['20240531T120000Z', ['malbildet-for-arbeidet@1']],
    ])
  })

  it('names a release by its publish time', () => {
    expect(releaseId('2024-05-31T12:00:00.000Z')).toBe('20240531T120000Z')
  })

  it.each([
    ['2022-05-18', null],
    ['2022-05-19', '20220519T120000Z'],
    ['2023-01-31', '20220519T120000Z'],
    ['2023-02-01', '20230201T090000Z'],
    ['2024-05-30', '20230201T090000Z'],
    ['2024-05-31', '20240531T120000Z'],
    ['2026-11-23', '20240531T120000Z'],
  ])('on %s the report stood at release %s', (day, id) => {
    expect(releaseOn(releases(data), day)?.id ?? null).toBe(id)
  })

  it('shows every chapter at its revision of that moment, leaving out what was not published yet', () => {
    const at = (time: string) => stateAt(data, time).map((s) => `${s.chapter.edition}/${s.revision.number ?? 'del'}@${s.revision.revision}`)
    expect(at('2022-12-31T00:00:00.000Z')).toEqual(['arsrapport-2021/del@1', 'arsrapport-2021/2.1@1', 'arsrapport-2021/3.1@1'])
    expect(at('2023-02-01T09:00:00.000Z')).toEqual(['arsrapport-2021/del@1', 'arsrapport-2021/2.1@1', 'arsrapport-2021/3.1@2'])
    expect(at('2030-01-01T00:00:00.000Z')).toHaveLength(4)
    expect(stateAt(data, '2023-02-01T09:00:00.000Z').find((s) => s.revision.number === '3.1')?.url).toBe('/arsrapport-2021/beskrivelse-av-malomrade-3/versjoner/2/')
  })
})
