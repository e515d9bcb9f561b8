/**
 * Withdrawing a published chapter over the Local API, as the admin's "Tilbaketrekking" does:
 * a new published revision that keeps the content, needs its own explanation and stays in
 * the history and the export; editors cannot do it; a later publish reinstates the chapter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { EDITOR_CANNOT_PUBLISH } from '../../cms/src/hooks/guardPublication'
import { buildSnapshot } from '../../cms/src/export/snapshot'
import { publishedRevisions } from '../../cms/src/collections/Chapters/revisions'
import { paragraphs, publishedEdition, startTestPayload, type TestPayload } from '../support/payload'

let t: TestPayload
let editionId: number
let nextNumber = 1

beforeAll(async () => {
  t = await startTestPayload()
  editionId = (await publishedEdition(t.payload)).id
})
afterAll(async () => t?.destroy())

type ChapterDoc = {
  id: number
  title: string
  body: unknown
  revision: number
  updateType: string
  changeNote: string | null
  lastProfessionalChange: string
  publishedAt: string
  _status: string
}

/** A chapter published as revision 1 on 31 May 2024. */
const publishedChapter = async (title = 'Et kapittel som skal trekkes') =>
  (await t.payload.create({
    collection: 'chapters',
    data: {
      edition: editionId,
      number: `5.${nextNumber++}`,
      title,
      kind: 'chapter',
      body: paragraphs('Teksten slik den ble publisert.'),
      lastProfessionalChange: '2024-05-31',
      _status: 'published',
    },
  })) as unknown as ChapterDoc

const withdraw = (id: number, as: 'publisher' | 'editor', data: Record<string, unknown> = {}) =>
  t.payload.update({
    collection: 'chapters',
    id,
    data: {
      _status: 'published',
      updateType: 'withdrawal',
      changeNote: 'Tallene er erstattet av årsrapporten for 2024.',
      ...data,
    },
    user: t.users[as],
    overrideAccess: false,
  }) as unknown as Promise<ChapterDoc>

describe('withdrawing a chapter', () => {
  it('publishes a withdrawal revision that keeps the published content and «Siste faglige endring», not the pending draft', async () => {
    const chapter = await publishedChapter()
    await t.payload.update({
      collection: 'chapters',
      id: chapter.id,
      draft: true,
      data: { title: 'Et utkast som ikke er klart', body: paragraphs('Halvferdig.') },
      user: t.users.editor,
      overrideAccess: false,
    })
    const before = Date.now()
    const withdrawn = await withdraw(chapter.id, 'publisher')
    expect([
      withdrawn._status,
      withdrawn.revision,
      withdrawn.updateType,
      withdrawn.changeNote,
      withdrawn.lastProfessionalChange.slice(0, 10),
      withdrawn.title,
    ]).toEqual([
      'published',
      2,
      'withdrawal',
      'Tallene er erstattet av årsrapporten for 2024.',
      '2024-05-31',
      'Et kapittel som skal trekkes',
    ])
    expect(JSON.stringify(withdrawn.body)).toContain('Teksten slik den ble publisert.')
    expect(Date.parse(withdrawn.publishedAt)).toBeGreaterThanOrEqual(before - 1000)
    // The public still reads it, with the withdrawal's stamp.
    const publicView = (await t.payload.findByID({
      collection: 'chapters',
      id: chapter.id,
      overrideAccess: false,
    })) as unknown as ChapterDoc
    expect([publicView.title, publicView.updateType]).toEqual(['Et kapittel som skal trekkes', 'withdrawal'])
  })

  it('keeps the history, listing the withdrawal after the revisions before it', async () => {
    const chapter = await publishedChapter('Et kapittel med historikk')
    await withdraw(chapter.id, 'publisher')
    const { revisions } = await publishedRevisions({ payload: t.payload } as never, chapter.id)
    expect(revisions.map((r) => [r.revision, r.updateType, r.changeNote, r.lastProfessionalChange, r.title])).toEqual([
      [1, 'major', 'Først publisert.', '2024-05-31', 'Et kapittel med historikk'],
      [2, 'withdrawal', 'Tallene er erstattet av årsrapporten for 2024.', '2024-05-31', 'Et kapittel med historikk'],
    ])
  })

  it.each([
    ['without an explanation', { changeNote: '   ' }, 'En tilbaketrekking må ha en forklaring i endringsmerknaden'],
    [
      'with the previous revision’s note as its explanation',
      { changeNote: 'Først publisert.' },
      'Endringsmerknaden er den samme som for versjon 1.',
    ],
  ])('is refused %s, naming the change note', async (_name, data, message) => {
    const chapter = await publishedChapter()
    await expect(withdraw(chapter.id, 'publisher', data)).rejects.toMatchObject({
      data: { errors: [{ path: 'changeNote', message: expect.stringContaining(message) }] },
    })
    expect(
      ((await t.payload.findByID({ collection: 'chapters', id: chapter.id })) as unknown as ChapterDoc).revision,
    ).toBe(1)
  })

  it('is refused for a chapter already withdrawn, naming the update type', async () => {
    const chapter = await publishedChapter()
    await withdraw(chapter.id, 'publisher')
    await expect(withdraw(chapter.id, 'publisher', { changeNote: 'En gang til.' })).rejects.toMatchObject({
      data: {
        errors: [
          { path: 'updateType', message: expect.stringContaining('Kapitlet er allerede trukket tilbake (versjon 2).') },
        ],
      },
    })
  })

  it('is not for editors', async () => {
    const chapter = await publishedChapter()
    await expect(withdraw(chapter.id, 'editor')).rejects.toMatchObject({ status: 403, message: EDITOR_CANNOT_PUBLISH })
    const after = (await t.payload.findByID({ collection: 'chapters', id: chapter.id })) as unknown as ChapterDoc
    expect([after.revision, after.updateType]).toEqual([1, 'major'])
  })

  it('ends with a later major publish, which reinstates the chapter as the next revision', async () => {
    const chapter = await publishedChapter()
    await withdraw(chapter.id, 'publisher')
    const reinstated = (await t.payload.update({
      collection: 'chapters',
      id: chapter.id,
      data: {
        _status: 'published',
        updateType: 'major',
        changeNote: 'Gjeninnført med tall for 2024.',
        body: paragraphs('Oppdatert tekst.'),
      },
      user: t.users.publisher,
      overrideAccess: false,
    })) as unknown as ChapterDoc
    expect([reinstated.revision, reinstated.updateType, reinstated.changeNote]).toEqual([
      3,
      'major',
      'Gjeninnført med tall for 2024.',
    ])
    expect(JSON.stringify(reinstated.body)).toContain('Oppdatert tekst.')
  })
})

describe('the export of a withdrawn chapter', () => {
  it('writes the withdrawal as the chapter’s newest revision, with the explanation and the kept content', async () => {
    const chapter = await publishedChapter('Et kapittel i eksporten')
    const withdrawn = await withdraw(chapter.id, 'publisher')
    const { chapters } = await buildSnapshot(t.payload)
    const exported = chapters.find((c) => c.revisions[0].title === 'Et kapittel i eksporten')!
    expect(
      exported.revisions.map((r) => [r.revision, r.updateType, r.changeNote, r.lastProfessionalChange, r.publishedAt]),
    ).toEqual([
      [1, 'major', 'Først publisert.', '2024-05-31', exported.firstPublishedAt],
      [
        2,
        'withdrawal',
        'Tallene er erstattet av årsrapporten for 2024.',
        '2024-05-31',
        new Date(withdrawn.publishedAt).toISOString(),
      ],
    ])
    expect(exported.revisions[1].htmlSha256).toBe(exported.revisions[0].htmlSha256)
  })
})
