/** The hand-written fixture snapshot (tests/fixtures/snapshot) and copies of it to change. */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { SiteData } from '@rapport/site/lib/model'
import { readSnapshot } from '@rapport/contracts/readSnapshot'
import type { Chapter, Revision } from '@rapport/contracts/snapshot'

export const ROOT = path.resolve(import.meta.dirname, '../..')

/** The fixture's chapter pages, by number. */
export const C11 = '/arsrapport-2023/malbildet-for-arbeidet/'
export const C21 = '/arsrapport-2021/beskrivelse-av-malomrade-2/'
export const C31 = '/arsrapport-2021/beskrivelse-av-malomrade-3/'
export const DEL1 = '/arsrapport-2021/del-1-tiltak-status-og-effekter/'
export const FIXTURE = path.join(ROOT, 'tests/fixtures/snapshot')

/** The fixture as the site's page code sees it. */
export const fixtureData = (): SiteData => readSnapshot(FIXTURE)

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

/** A copy of the fixture in a temporary folder. */
export const copyFixture = (): string => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-')), 'snapshot')
  fs.cpSync(FIXTURE, dir, { recursive: true })
  return dir
}

export const chapterFile = (dir: string, edition: string, slug: string) =>
  path.join(dir, 'chapters', edition, `${slug}.json`)

/** Changes one chapter file of a snapshot folder. */
export const editChapter = (dir: string, edition: string, slug: string, change: (c: Chapter) => Chapter | void) => {
  const file = chapterFile(dir, edition, slug)
  const chapter = JSON.parse(fs.readFileSync(file, 'utf8')) as Chapter
  fs.writeFileSync(file, `${JSON.stringify(change(chapter) ?? chapter, null, 2)}\n`)
}

/** A revision with its HTML's hash worked out. */
export const revision = (r: Omit<Revision, 'htmlSha256'>): Revision => ({ ...r, htmlSha256: sha256(r.html) })
