/**
 * The ministry's press release ends with «Les handlingsplanen her», a link to the action plan.
 * It goes the whole way: the importer's content/ → the CMS (seeded) → the snapshot (exported)
 * → the news page, as the last paragraph of the text. The page printed credits the ministry.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSnapshot } from '../../cms/src/export/snapshot'
import { snapshotFiles, writeSnapshot } from '../../cms/src/export/write'
import { readContent, seedContent } from '../../cms/src/seed/seedContent'
import { buildSite } from '@rapport/site/builder/build'
import { startTestPayload, type TestPayload } from '../support/payload'
import { ROOT } from './fixture'

const PAGE = 'nyheter/allmennlegetjenesten-styrkes-med-1-6-milliarder/index.html'
const PLAN = 'https://www.regjeringen.no/no/dokumenter/handlingsplan-for-allmennlegetjenesten/id2699424/'

let t: TestPayload
let html: string

beforeAll(async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'news-read-more-'))
  t = await startTestPayload()
  await seedContent(t.payload, readContent(path.join(ROOT, 'content')))
  const { snapshot, chapters } = await buildSnapshot(t.payload)
  writeSnapshot(path.join(work, 'snapshot'), snapshotFiles(snapshot, chapters))
  await buildSite({ snapshot: path.join(work, 'snapshot'), out: path.join(work, 'site'), only: [PAGE], quiet: true })
  html = fs.readFileSync(path.join(work, 'site', PAGE), 'utf8')
  fs.rmSync(work, { recursive: true, force: true })
}, 240_000)
afterAll(async () => t?.destroy())

describe('the press release, from content/ through the CMS to its page', () => {
  it('ends its text with «Les handlingsplanen her», linking to the action plan', () => {
    const prose = /<div class="prose">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? ''
    expect(prose.endsWith(`<p><a href="${PLAN}">Les handlingsplanen her</a></p>`)).toBe(true)
  })

  it('credits the ministry, not Helsedirektoratet, at the foot of the printed page', () => {
    const footer = /<p class="print-only">([^<]*)<\/p>/.exec(html)?.[1] ?? ''
    expect(footer).toContain('Helse- og omsorgsdepartementet. Lisens: Norsk lisens for offentlige data (NLOD) 2.0.')
    expect(footer).not.toContain('Helsedirektoratet')
  })
})
