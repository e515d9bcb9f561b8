import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { paragraphs, publishedEdition, startTestPayload, type TestPayload } from '../support/payload'
import { revisionSummary, saveChapterAs } from '../support/cmsChapters'

let t: TestPayload
let editionId: number

beforeAll(async () => {
  t = await startTestPayload()
  editionId = (await publishedEdition(t.payload)).id
})
afterAll(async () => t?.destroy())

describe('publishing a chapter', () => {
  it('gives three revisions in order with their update types and notes', async () => {
    const { payload, users } = t
    const draft = await payload.create({
      collection: 'chapters',
      data: { edition: editionId, number: '1.1', title: 'Målbildet for arbeidet', body: paragraphs('Første tekst.') },
      draft: true,
      user: users.editor,
      overrideAccess: false,
    })
    expect(draft._status).toBe('draft')

    await saveChapterAs(payload, users.publisher, draft.id, {
      _status: 'published',
      lastProfessionalChange: '2024-05-31',
    })
    await saveChapterAs(payload, users.publisher, draft.id, {
      _status: 'published',
      updateType: 'minor',
      body: paragraphs('Første tekst, rettet.'),
      lastProfessionalChange: '2024-06-10',
    })
    await saveChapterAs(payload, users.publisher, draft.id, {
      _status: 'published',
      updateType: 'major',
      changeNote: 'Nye tall for 2024.',
      body: paragraphs('Ny tekst.'),
      lastProfessionalChange: '2024-09-01',
    })

    const { docs } = await payload.findVersions({
      collection: 'chapters',
      where: { and: [{ parent: { equals: draft.id } }, { 'version._status': { equals: 'published' } }] },
      sort: 'version.revision',
    })
    expect(docs.map(revisionSummary)).toEqual([
      [1, 'major', 'Først publisert.', '2024-05-31'],
      [2, 'minor', null, '2024-05-31'],
      [3, 'major', 'Nye tall for 2024.', '2024-09-01'],
    ])
  })

  it('lists the published revisions publicly, oldest first, with "først publisert" derived from the first', async () => {
    const { payload, users } = t
    const chapter = (await payload.find({ collection: 'chapters', where: { number: { equals: '1.1' } } })).docs[0]
    await saveChapterAs(payload, users.editor, chapter.id, { title: 'Et utkast' }, true)
    const get = async (id: number | string) => {
      const response = await handleEndpoints({
        config: t.config,
        request: new Request(`http://localhost/api/chapters/${id}/revisions`),
      })
      return { status: response.status, json: (await response.json()) as any }
    }
    const { status, json } = await get(chapter.id)
    expect(status).toBe(200)
    expect(
      json.revisions.map((r: any) => [r.revision, r.updateType, r.changeNote, r.lastProfessionalChange, r.title]),
    ).toEqual([
      [1, 'major', 'Først publisert.', '2024-05-31', 'Målbildet for arbeidet'],
      [2, 'minor', null, '2024-05-31', 'Målbildet for arbeidet'],
      [3, 'major', 'Nye tall for 2024.', '2024-09-01', 'Målbildet for arbeidet'],
    ])
    expect(json.firstPublishedAt).toBe(json.revisions[0].publishedAt)
    expect(Date.parse(json.revisions[0].publishedAt)).toBeLessThan(Date.parse(json.revisions[2].publishedAt))

    const draftOnly = await payload.create({
      collection: 'chapters',
      data: { edition: editionId, number: '1.2', title: 'Utkast' },
      draft: true,
    })
    expect((await get(draftOnly.id)).status).toBe(404)
  })
})
