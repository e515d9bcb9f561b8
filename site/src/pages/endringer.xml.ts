import type { APIRoute } from 'astro'
import { Feed } from 'feed'

import { norwegianDate } from '../lib/dates'
import { siteData } from '../lib/site'
import { changeLog } from '../lib/versions'

/** The change notes as an Atom feed, newest first. Its "updated" is the newest change, so rebuilds of the same content give the same bytes. */
export const GET: APIRoute = async ({ site }) => {
  const data = await siteData()
  const base = (site ?? new URL('http://localhost:3000')).toString().replace(/\/$/, '')
  const entries = changeLog(data).filter((e) => e.major || e.withdrawal)
  const feed = new Feed({
    title: `${data.snapshot.report.title}: endringer`,
    description: 'Faglige endringer i kapitlene, med endringsmerknad',
    id: `${base}/endringer/`,
    link: `${base}/endringer/`,
    language: 'nb',
    copyright: data.snapshot.report.licence.name,
    updated: new Date(entries[0]?.publishedAt ?? '2020-01-01T00:00:00.000Z'),
    feedLinks: { atom: `${base}/endringer.xml` },
    author: { name: data.snapshot.report.publisher },
  })
  for (const e of entries) {
    feed.addItem({
      title: `${e.chapterLabel} ${e.chapterTitle}: ${e.updateType.toLowerCase()} (versjon ${e.revision})`,
      id: `${base}${e.permalink}`,
      link: `${base}${e.permalink}`,
      date: new Date(e.publishedAt),
      description: e.changeNote ?? `${e.updateType} ${norwegianDate(e.publishedAt)}`,
    })
  }
  return new Response(feed.atom1(), { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } })
}
