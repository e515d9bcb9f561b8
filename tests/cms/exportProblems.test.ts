/**
 * One published document the export cannot take never stops the others from being published:
 * it stays at its last published version that the export can take (or out of the site, when
 * there is none), and the export names it in Norwegian. The bad values are written straight to
 * the database, past the checks at save, as data from before those checks, a script or another
 * adapter could hold them.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { problemText } from '../../cms/src/export/problems'
import { buildSnapshot } from '../../cms/src/export/snapshot'
import { snapshotFiles, writeSnapshot } from '../../cms/src/export/write'
import { paragraphs, publishedEdition, startTestPayload, type TestPayload } from '../support/payload'

let t: TestPayload
let editionId: number
let chapterId: number | string

/** Writes values to a document's row, past every hook and check. */
const corrupt = (collection: string, id: number | string, data: Record<string, unknown>) =>
  t.payload.db.updateOne({ collection, where: { id: { equals: id } }, data, returning: false } as never)

/** A chapter of the edition, published as revision 1. */
const publishedChapter = async (number: string, title: string, slug: string) =>
  (
    await t.payload.create({
      collection: 'chapters',
      data: {
        edition: editionId,
        number,
        title,
        slug,
        kind: 'chapter',
        body: paragraphs('Tekst.'),
        lastProfessionalChange: '2024-05-31',
        _status: 'published',
      },
    })
  ).id

/** Gives a chapter and every version of it this slug, past every hook and check. */
const giveSlugEverywhere = async (id: number | string, slug: string) => {
  await corrupt('chapters', id, { slug })
  const versions = await t.payload.findVersions({
    collection: 'chapters',
    where: { parent: { equals: id } },
    depth: 0,
    overrideAccess: true,
  })
  for (const v of versions.docs)
    await t.payload.db.updateVersion({
      collection: 'chapters',
      id: v.id,
      versionData: { version: { ...(v.version as object), slug } },
    } as never)
}

beforeAll(async () => {
  t = await startTestPayload()
  const { payload } = t
  const edition = await publishedEdition(payload, 'arsrapport-2023', 2023, {
    parts: [{ number: 1, title: 'Tiltak', slug: 'del-1' }],
  })
  editionId = edition.id
  chapterId = await publishedChapter('1.1', 'Målbildet', 'malbildet')
  await publishedChapter('1.2', 'Et annet kapittel', 'et-annet-kapittel')
})
afterAll(async () => t?.destroy())

/** The export names exactly one problem: `message` on the document `doc`, with what it kept of it. */
const expectOneProblem = (
  problems: unknown[],
  doc: { collection: string; id: number | string; title: string; kept: string },
  message: string,
) => expect(problems).toEqual([{ ...doc, id: String(doc.id), message }])

describe('a published document the export cannot take', () => {
  it('an edition part slug that would break out of its folder: the edition stays at its last good version, named in Norwegian', async () => {
    const partId = (
      (await t.payload.findByID({ collection: 'editions', id: editionId, depth: 0 })).parts as Array<{ id: string }>
    )[0].id
    await corrupt('editions', editionId, {
      parts: [{ id: partId, number: 1, title: 'Tiltak', slug: '../../x" onclick="alert(1)' }],
    })
    const { snapshot, chapters, problems } = await buildSnapshot(t.payload)
    expect(snapshot.editions).toMatchObject([{ slug: 'arsrapport-2023', parts: [{ number: 1, slug: 'del-1' }] }])
    expect(chapters.map((c) => c.slug).sort()).toEqual(['et-annet-kapittel', 'malbildet'])
    expectOneProblem(
      problems,
      { collection: 'editions', id: editionId, title: 'Årsrapport 2023', kept: 'previous' },
      'Deler 1: Adresse (slug) kan bare ha små bokstaver a–z, tall og enkle bindestreker.',
    )
    expect(problemText(problems[0])).toBe(
      `Utgave «Årsrapport 2023» (#${editionId}) ble ikke publisert: Deler 1: Adresse (slug) kan bare ha små bokstaver a–z, tall og enkle bindestreker. Nettstedet viser forrige versjon som kunne publiseres.`,
    )
    await corrupt('editions', editionId, { parts: [{ id: partId, number: 1, title: 'Tiltak', slug: 'del-1' }] })
  })

  it('a chapter slug of 260 characters: the chapter keeps its address, and the snapshot is written', async () => {
    await corrupt('chapters', chapterId, { slug: 'a'.repeat(260) })
    const { snapshot, chapters, problems } = await buildSnapshot(t.payload)
    expect(chapters.map((c) => c.slug).sort()).toEqual(['et-annet-kapittel', 'malbildet'])
    expectOneProblem(
      problems,
      { collection: 'chapters', id: chapterId, title: 'Målbildet', kept: 'previous' },
      'Adresse (slug) er for lang (høyst 120 tegn).',
    )
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-'))
    writeSnapshot(path.join(out, 'snapshot'), snapshotFiles(snapshot, chapters))
    expect(fs.readdirSync(path.join(out, 'snapshot', 'chapters', 'arsrapport-2023')).sort()).toEqual([
      'et-annet-kapittel.json',
      'malbildet.json',
    ])
    await corrupt('chapters', chapterId, { slug: 'malbildet' })
  })

  it('a chapter none of whose versions the export can take is left out, and the others are exported', async () => {
    const bad = { id: await publishedChapter('1.3', 'Et kapittel med feil', 'et-kapittel-med-feil') }
    await giveSlugEverywhere(bad.id, 'Æ Ø Å')
    const { chapters, problems } = await buildSnapshot(t.payload)
    expect(chapters.map((c) => c.slug).sort()).toEqual(['et-annet-kapittel', 'malbildet'])
    expectOneProblem(
      problems,
      { collection: 'chapters', id: bad.id, title: 'Et kapittel med feil', kept: 'none' },
      'Adresse (slug) kan bare ha små bokstaver a–z, tall og enkle bindestreker.',
    )
    expect(problemText(problems[0])).toContain('Det er ikke med på nettstedet før feilen er rettet.')
  })
})

describe('two published chapters with the same address in one edition', () => {
  it('keep the address for the older; the newer is left out and named, instead of one overwriting the other', async () => {
    const twin = { id: await publishedChapter('1.9', 'En tvilling', 'en-tvilling') }
    await giveSlugEverywhere(twin.id, 'malbildet')
    const { chapters, problems } = await buildSnapshot(t.payload)
    expect(chapters.filter((c) => c.slug === 'malbildet').map((c) => c.revisions.at(-1)!.title)).toEqual(['Målbildet'])
    expect(problems).toContainEqual({
      collection: 'chapters',
      id: String(twin.id),
      title: 'En tvilling',
      message: `Adressen (slug) «malbildet» brukes allerede av kapittel #${chapterId} i samme utgave.`,
      kept: 'none',
    })
  })
})
