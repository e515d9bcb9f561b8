import { describe, expect, it } from 'vitest'

import { actorLabel, publicationAction, roleChangeSummary } from '../../cms/src/audit/actions'
import { versionRows, type StoredVersion } from '../../cms/src/collections/Chapters/versionList'

const published = (id: number, revision: number, extra: Record<string, unknown> = {}): StoredVersion => ({
  id,
  updatedAt: `2026-11-29T10:0${revision}:00.000Z`,
  version: {
    _status: 'published',
    revision,
    publishedAt: `202${revision}-05-19T12:00:00.000Z`,
    updateType: 'major',
    changeNote: `Merknad ${revision}.`,
    lastProfessionalChange: `202${revision}-05-19T12:00:00.000Z`,
    title: `Tittel ${revision}`,
    ...extra,
  },
})
const draft = (id: number, updatedAt: string, title = 'Utkast'): StoredVersion => ({
  id,
  updatedAt,
  version: { _status: 'draft', title },
})

describe('versionRows', () => {
  it('numbers the published versions as readers see them, newest first, with their own dates, type, note and publisher; drafts apart', () => {
    const rows = versionRows(
      [
        published(8, 2, { updateType: 'minor', lastProfessionalChange: '2021-05-19T12:00:00.000Z' }),
        draft(7, '2026-11-29T09:00:00.000Z'),
        published(5, 1),
        draft(9, '2026-11-29T11:00:00.000Z', 'Nytt utkast'),
      ],
      [
        { action: 'publish', version: 1, userEmail: null, userName: null },
        { action: 'restore', version: 2, userEmail: 'per@example.no', userName: 'Per' },
        { action: 'unpublish', version: null, userEmail: 'ola@example.no', userName: null },
      ],
    )
    expect(
      rows.published.map((r) => [
        r.versionId,
        r.revision,
        r.publishedAt?.slice(0, 10),
        r.lastProfessionalChange,
        r.updateTypeLabel,
        r.changeNote,
        r.publishedBy,
        r.current,
      ]),
    ).toEqual([
      [8, 2, '2022-05-19', '2021-05-19', 'Redaksjonell endring', 'Merknad 2.', 'Per (per@example.no)', true],
      [5, 1, '2021-05-19', '2021-05-19', 'Faglig endring', 'Merknad 1.', 'Systemet', false],
    ])
    expect(rows.drafts.map((d) => [d.versionId, d.title, d.pending])).toEqual([
      [9, 'Nytt utkast', true],
      [7, 'Utkast', false],
    ])
  })

  it('says nothing of a publisher the trail does not know', () => {
    expect(versionRows([published(1, 1)], []).published[0].publishedBy).toBeNull()
  })
})

describe('the audit trail’s words', () => {
  it.each([
    [{ status: 'published', previousStatus: 'draft', draftSave: false, restoring: false, scheduled: false }, 'publish'],
    [
      { status: 'published', previousStatus: 'published', draftSave: false, restoring: true, scheduled: false },
      'restore',
    ],
    [
      {
        status: 'published',
        previousStatus: 'published',
        draftSave: false,
        updateType: 'withdrawal',
        restoring: false,
        scheduled: false,
      },
      'withdrawal',
    ],
    [
      { status: 'published', previousStatus: 'draft', draftSave: false, restoring: false, scheduled: true },
      'scheduledPublish',
    ],
    [
      { status: 'draft', previousStatus: 'published', draftSave: false, restoring: false, scheduled: true },
      'scheduledUnpublish',
    ],
    [
      { status: 'draft', previousStatus: 'published', draftSave: false, restoring: false, scheduled: false },
      'unpublish',
    ],
    [{ status: 'draft', previousStatus: 'published', draftSave: true, restoring: false, scheduled: false }, null],
    [{ status: 'draft', previousStatus: 'draft', draftSave: false, restoring: false, scheduled: false }, null],
  ] as const)('%o is %s', (change, action) => {
    expect(publicationAction(change)).toBe(action)
  })

  it('names who did it and what a role change was', () => {
    expect([
      actorLabel({ userName: 'Kari', userEmail: 'kari@example.no' }),
      actorLabel({ userEmail: 'kari@example.no' }),
      actorLabel({}),
    ]).toEqual(['Kari (kari@example.no)', 'kari@example.no', 'Systemet'])
    expect(roleChangeSummary('kari@example.no', 'Redaktør', 'Publisist')).toBe(
      'Rollen til kari@example.no ble endret fra Redaktør til Publisist.',
    )
    expect(roleChangeSummary('kari@example.no', null, 'Redaktør')).toBe(
      'Ny bruker kari@example.no med rollen Redaktør.',
    )
  })
})
