/**
 * Releases: each publish event of the report. The report as it stood at a release is every
 * published chapter at its newest revision published by then.
 */
import { releaseForDay } from './archiveDate'
import { osloDay } from './dates'
import { compareChapterNumbers } from './chapterNumbers'
import { chapterLabel } from './model'
import type { SiteData } from './model'
import type { Chapter, Revision } from '@rapport/contracts/snapshot'
import { revisionUrl } from './versions'

export type Release = {
  /** Stable and URL-safe, from the publish time: 20220519T120000Z. */
  id: string
  publishedAt: string
  /** The revisions this release published. */
  published: Array<{ edition: string; slug: string; revision: number }>
}

/**
 * The release id of a publish time.
 * @example releaseId('2022-05-19T12:00:00.000Z') // '20220519T120000Z'
 */
export const releaseId = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')

/** Every release, oldest first: revisions published at the same second make one release. */
export const releases = (data: SiteData): Release[] => {
  const byTime = new Map<string, Release>()
  for (const c of data.chapters) {
    for (const r of c.revisions) {
      const id = releaseId(r.publishedAt)
      const release = byTime.get(id) ?? { id, publishedAt: r.publishedAt, published: [] }
      release.published.push({ edition: c.edition, slug: c.slug, revision: r.revision })
      byTime.set(id, release)
    }
  }
  return [...byTime.values()]
    .map((r) => ({
      ...r,
      published: r.published.sort((a, b) => `${a.edition}/${a.slug}`.localeCompare(`${b.edition}/${b.slug}`)),
    }))
    .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt))
}

export type StateEntry = { chapter: Chapter; revision: Revision; label: string; url: string }

/** Every chapter at its newest revision published at or before `time`; chapters not yet published are left out. */
export const stateAt = (data: SiteData, time: string): StateEntry[] =>
  data.chapters
    .flatMap((c) => {
      const revision = [...c.revisions].reverse().find((r) => r.publishedAt <= time)
      return revision ? [{ chapter: c, revision, label: chapterLabel(c), url: revisionUrl(c, revision.revision) }] : []
    })
    .sort(
      (a, b) =>
        a.chapter.edition.localeCompare(b.chapter.edition) ||
        (a.chapter.kind === b.chapter.kind ? 0 : a.chapter.kind === 'partIntro' ? -1 : 1) ||
        compareChapterNumbers(a.revision.number, b.revision.number),
    )

/**
 * The release the report stood at on a calendar day (Oslo): the latest at or before the day's
 * end, or null before the first.
 * @example releaseOn(list, '2023-01-01') // the last release of 2022 or earlier
 */
export const releaseOn = (list: Release[], day: string): Release | null => {
  const id = releaseForDay(releaseDays(list), day)
  return list.find((r) => r.id === id) ?? null
}

/** Each release's id with the Oslo day it was published on, for the archive's date form. */
export const releaseDays = (list: ReadonlyArray<Pick<Release, 'id' | 'publishedAt'>>) =>
  list.map((r) => ({ id: r.id, day: osloDay(r.publishedAt) }))
