import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { paragraphs, startTestPayload, type TestPayload } from '../support/payload'
import { saveChapterAs } from '../support/cmsChapters'

const MONGODB_URI = process.env.MONGODB_URI

if (!MONGODB_URI) {
  console.warn(
    'MongoDB tests skipped: MONGODB_URI is not set (no MongoDB server on this machine). Set it to a replica-set URL to run them.',
  )
}

describe.skipIf(!MONGODB_URI)('on MongoDB (skipped unless MONGODB_URI is set)', () => {
  let t: TestPayload
  beforeAll(async () => {
    t = await startTestPayload({ mongoUri: MONGODB_URI })
  })
  afterAll(async () => t?.destroy())

  it('publishes revisions in order and hides drafts from the public', async () => {
    const { payload, users } = t
    const edition = await payload.create({
      collection: 'editions',
      data: { title: 'Årsrapport 2023', slug: 'arsrapport-2023', year: 2023, status: 'current', _status: 'published' },
    })
    const chapter = await payload.create({
      collection: 'chapters',
      data: {
        edition: edition.id,
        kind: 'chapter',
        number: '1.1',
        title: 'Målbildet',
        body: paragraphs('En.'),
        _status: 'published',
        lastProfessionalChange: '2024-05-31',
      },
      user: users.publisher,
      overrideAccess: false,
    })
    expect(typeof chapter.id).toBe('string')
    await saveChapterAs(payload, users.editor, chapter.id, { title: 'UTKAST' }, true)
    await saveChapterAs(payload, users.publisher, chapter.id, {
      _status: 'published',
      updateType: 'major',
      changeNote: 'Ny tekst.',
      title: 'Målbildet for arbeidet',
    })
    const { docs } = await payload.findVersions({
      collection: 'chapters',
      where: { 'version._status': { equals: 'published' } },
      sort: 'version.revision',
    })
    expect(docs.map((d) => [d.version.revision, d.version.changeNote])).toEqual([
      [1, 'Først publisert.'],
      [2, 'Ny tekst.'],
    ])
    await saveChapterAs(payload, users.editor, chapter.id, { title: 'UTKAST' }, true)
    const publicView = await payload.findByID({
      collection: 'chapters',
      id: chapter.id,
      draft: true,
      overrideAccess: false,
    })
    expect(publicView.title).toBe('Målbildet for arbeidet')
  })
})
