import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSnapshot } from '../../cms/src/export/snapshot'
import { snapshotFiles, writeSnapshot } from '../../cms/src/export/write'
import { readContent, seedContent } from '../../cms/src/seed/seedContent'
import { buildSite } from '@rapport/site/builder/build'
import { paragraph, text } from '../support/lexical'
import { startTestPayload, type TestPayload } from '../support/payload'

const ROOT = path.resolve(import.meta.dirname, '../..')
const CHAPTER = '/arsrapport-2021/beskrivelse-av-malomrade-3/'

let t: TestPayload
let work: string

/** Exports what the CMS has published and builds the site from it, as a release does. */
const release = async (name: string) => {
  const { snapshot, chapters } = await buildSnapshot(t.payload)
  const snap = path.join(work, `${name}-snapshot`)
  writeSnapshot(snap, snapshotFiles(snapshot, chapters))
  return (await buildSite({ snapshot: snap, out: path.join(work, `${name}-site`), quiet: true })).out
}
const read = (site: string, url: string) => fs.readFileSync(path.join(site, url, 'index.html'), 'utf8')

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-'))
  t = await startTestPayload()
  await seedContent(t.payload, readContent(path.join(ROOT, 'content')))
})
afterAll(async () => t?.destroy())

describe('publishing through the CMS and building the site', () => {
  it('keeps every revision at its own address, unchanged by later publishes, with history and redline', async () => {
    const { payload, users } = t
    const [chapter] = (await payload.find({ collection: 'chapters', where: { number: { equals: '3.1' } } })).docs
    const first = await release('r1')
    const measure12 = (await payload.find({ collection: 'measures', where: { number: { equals: 12 } } })).docs[0].id

    const body = JSON.parse(JSON.stringify(chapter.body))
    body.root.children.push(paragraph(text('Status for 2023 er lagt til.')))
    await payload.update({
      collection: 'chapters',
      id: chapter.id,
      user: users.publisher,
      overrideAccess: false,
      data: {
        _status: 'published',
        updateType: 'major',
        changeNote: 'La til status for 2023.',
        body,
        lastProfessionalChange: '2023-06-01',
        measures: [...(chapter.measures as number[]), measure12],
      },
    })
    const second = await release('r2')
    await payload.update({
      collection: 'chapters',
      id: chapter.id,
      user: users.publisher,
      overrideAccess: false,
      data: { _status: 'published', updateType: 'minor', title: 'Beskrivelse av målområde 3 (rettet)' },
    })
    const third = await release('r3')

    // Every revision has a page; a published one never changes when later ones arrive.
    expect(read(first, `${CHAPTER}versjoner/1/`).replace('Dette er gjeldende versjon (1).', '')).toContain(
      'Beskrivelse av målområde 3',
    )
    expect(read(third, `${CHAPTER}versjoner/1/`)).toBe(read(second, `${CHAPTER}versjoner/1/`))
    // A revision's page names the measures of that revision, not of later ones.
    expect(read(third, `${CHAPTER}versjoner/1/`)).not.toContain('href="/tiltak/12/"')
    expect(read(third, `${CHAPTER}versjoner/2/`)).toContain('href="/tiltak/12/"')
    expect(read(third, `${CHAPTER}versjoner/2/`)).toContain('Du leser en historisk versjon')
    expect(read(third, `${CHAPTER}versjoner/2/`)).toContain('Status for 2023 er lagt til.')

    // The history, newest first, with update types and notes.
    const history = read(third, `${CHAPTER}versjoner/`)
    const rows = [
      ...history.matchAll(/>Versjon (\d)<\/a> · publisert <time[^>]*>[^<]*<\/time> · (Faglig|Redaksjonell) endring/g),
    ].map((m) => `${m[1]} ${m[2]}`)
    expect(rows).toEqual(['3 Redaksjonell', '2 Faglig', '1 Faglig'])
    expect(history).toContain('<p class="note">La til status for 2023.</p>')

    // The chapter page: the newest text, "Siste faglige endring" of the major update kept by the minor one.
    const current = read(third, CHAPTER)
    expect(current).toContain('Beskrivelse av målområde 3 (rettet)')
    expect(current).toMatch(/Siste faglige endring<\/dt><dd><time datetime="2023-06-01">1\. juni 2023<\/time>/)

    // The redline of the major update marks the added paragraph; the minor one marks the title.
    expect(read(third, `${CHAPTER}sammenlign/1...2/`)).toContain(
      '<ins><span class="vh">lagt til: </span>Status for 2023 er lagt til.</ins>',
    )
    expect(read(third, `${CHAPTER}sammenlign/1...2/`)).toContain(
      '<th scope="row">Tiltak lagt til</th><td>–</td><td>Tiltak 12: Bedre kvaliteten på allmennlegetjenesten og det systematiske arbeidet med kvalitet</td>',
    )
    expect(read(third, `${CHAPTER}sammenlign/2...3/`)).toContain(
      '<tr><th scope="row">Tittel</th><td>Beskrivelse av målområde 3</td><td>Beskrivelse av målområde 3 (rettet)</td></tr>',
    )
  }, 180_000)
})
