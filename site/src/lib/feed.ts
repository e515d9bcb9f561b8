/**
 * The change list as an Atom feed (RFC 4287). Titles, notes and names are plain text: every
 * text construct says `type="text"` and holds its value escaped, so a feed reader shows
 * «<img src=x>» or «a < b» as written and never renders it as HTML.
 */
import { norwegianDay } from './dates'
import { labelledTitle, type SiteData } from './model'
import { changeLog, type ChangeLogEntry } from './versions'
import { xmlDocument, type XmlElement } from './xml'

export const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom'

/**
 * The fixed part of every Atom id: a tag URI (RFC 4151) of Helsedirektoratet's domain and a
 * date it held it, never the site's address, so no id changes when the site moves to another
 * host (or SITE_URL is corrected). Never change it: feed readers know entries by their ids.
 */
export const ATOM_TAG = 'tag:helsedirektoratet.no,2024:allmennlegetjenesten'

/** The feed's own id. */
export const FEED_ID = `${ATOM_TAG}/endringer`

/**
 * An entry's id: its chapter (edition and slug, which keep the chapter's address for good) and
 * version number, which never change once published.
 * @example entryId({ edition: 'arsrapport-2023', chapterSlug: 'malbildet-for-arbeidet', revision: 2 }) // 'tag:helsedirektoratet.no,2024:allmennlegetjenesten/arsrapport-2023/malbildet-for-arbeidet/versjon/2'
 */
export const entryId = (e: Pick<ChangeLogEntry, 'edition' | 'chapterSlug' | 'revision'>): string =>
  `${ATOM_TAG}/${e.edition}/${e.chapterSlug}/versjon/${e.revision}`

/** An Atom text construct holding plain text. */
const text = (value: string): XmlElement => ({ '@type': 'text', '#text': value })

/** The changes a feed reader is told about: the professional (major) ones and withdrawals. */
export const feedEntries = (data: SiteData): ChangeLogEntry[] => changeLog(data).filter((e) => e.major || e.withdrawal)

/**
 * The feed's XML, newest change first, with links under `base` (the site's public address, no
 * trailing slash) and ids that do not depend on it (see ATOM_TAG). Its `updated` is the newest
 * change, so rebuilds of the same content give the same bytes.
 * @example changesFeed(data, 'https://rapport.example') // '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nb">…'
 */
export const changesFeed = (data: SiteData, base: string): string => {
  const { report } = data.snapshot
  const entries = feedEntries(data)
  return xmlDocument('feed', {
    '@xmlns': ATOM_NAMESPACE,
    '@xml:lang': 'nb',
    id: FEED_ID,
    title: text(`${report.title}: endringer`),
    subtitle: text('Faglige endringer i kapitlene, med endringsmerknad'),
    updated: new Date(entries[0]?.publishedAt ?? '2020-01-01T00:00:00.000Z').toISOString(),
    author: { name: report.publisher },
    link: [
      { '@rel': 'alternate', '@type': 'text/html', '@href': `${base}/endringer/` },
      { '@rel': 'self', '@type': 'application/atom+xml', '@href': `${base}/endringer.xml` },
    ],
    rights: text(report.licence.name),
    entry: entries.map((e) => ({
      title: text(
        `${labelledTitle(e.chapterLabel, e.chapterTitle)}: ${e.updateType.toLowerCase()} (versjon ${e.revision})`,
      ),
      id: entryId(e),
      link: { '@rel': 'alternate', '@type': 'text/html', '@href': `${base}${e.permalink}` },
      updated: new Date(e.publishedAt).toISOString(),
      summary: text(e.changeNote ?? `${e.updateType} ${norwegianDay(e.publishedAt)}`),
    })),
  })
}
