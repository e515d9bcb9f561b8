import type { Payload } from 'payload'

import {
  chapterSchema,
  snapshotSchema,
  type Chapter,
  type Revision,
  type Snapshot,
} from '../../../site/src/lib/snapshot/schema'
import { compareChapterNumbers } from '../../../site/src/lib/chapterNumbers'
import { osloDay } from '../lib/dates'
import { COLLECTIONS, relationId } from '../lib/slugs'
import { footnoteToHtml, richTextToHtml, sha256, type LexicalState } from './richText'

type Doc = Record<string, any>

export const REPORT = {
  title: 'Oppfølging av handlingsplan for allmennlegetjenesten',
  publisher: 'Helsedirektoratet',
  licence: { name: 'Norsk lisens for offentlige data (NLOD) 2.0', url: 'https://data.norge.no/nlod/no/2.0' },
}

const all = async (payload: Payload, collection: string, sort: string): Promise<Doc[]> =>
  (
    await payload.find({
      collection: collection as 'chapters',
      where: { _status: { equals: 'published' } },
      sort,
      limit: 0,
      pagination: false,
      depth: 0,
      draft: false,
      overrideAccess: true,
    })
  ).docs as Doc[]

const source = (doc: Doc) =>
  doc.source && (doc.source.publisher || doc.source.url)
    ? { publisher: doc.source.publisher ?? null, url: doc.source.url ?? null, licence: doc.source.licence ?? null }
    : null

const byKey = <T>(items: T[], key: (item: T) => string | number) =>
  [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))

type RevisionText = Pick<Revision, 'html' | 'htmlSha256' | 'headings' | 'footnotes'>

/** A chapter version's body and footnotes as the snapshot holds them. */
const revisionText = (v: Doc): RevisionText => {
  const { html, headings } = richTextToHtml(v.body as LexicalState)
  const footnotes = byKey((v.footnotes ?? []) as Doc[], (f) => f.number).map((f) => ({ number: f.number, html: footnoteToHtml(f.text ?? '') }))
  return { html, htmlSha256: sha256(html), headings, footnotes }
}

/** Published versions never change: their HTML is worked out once per Payload instance, keyed by version id. */
const textCaches = new WeakMap<Payload, Map<string, RevisionText>>()

/** The HTML, headings and footnotes of published chapter versions, converting only those not seen before. */
const revisionTexts = async (payload: Payload, ids: string[]): Promise<Map<string, RevisionText>> => {
  let textCache = textCaches.get(payload)
  if (!textCache) textCaches.set(payload, (textCache = new Map()))
  const missing = ids.filter((id) => !textCache.has(id))
  for (let i = 0; i < missing.length; i += 200) {
    const { docs } = await payload.findVersions({
      collection: COLLECTIONS.chapters,
      where: { id: { in: missing.slice(i, i + 200) } },
      select: { version: { body: true, footnotes: true } },
      limit: 0,
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    for (const { id, version } of docs as Doc[]) textCache.set(String(id), revisionText(version))
  }
  return new Map(ids.map((id) => [id, textCache.get(id)!]))
}

/**
 * The published content as a snapshot: everything a reader may see, nothing else. Drafts never
 * enter: documents are read in their published state and revisions from published versions.
 * References are by slug or number, never by database id, so the output is the same on any
 * database and stable across exports.
 */
export const buildSnapshot = async (
  payload: Payload,
  opts: { previewChapter?: string | number } = {},
): Promise<{ snapshot: Snapshot; chapters: Chapter[]; /** With previewChapter: that chapter, its draft as the last revision. */ preview: Chapter | null }> => {
  const editions = await all(payload, COLLECTIONS.editions, 'year')
  const goalAreas = await all(payload, COLLECTIONS.goalAreas, 'number')
  const measures = await all(payload, COLLECTIONS.measures, 'number')
  const news = await all(payload, COLLECTIONS.news, 'slug')

  const editionSlug = new Map(editions.map((e) => [String(e.id), e.slug as string]))
  const goalAreaNumber = new Map(goalAreas.map((g) => [String(g.id), g.number as number]))
  const measureNumber = new Map(measures.map((m) => [String(m.id), m.number as number]))
  const slugOf = (value: unknown) => editionSlug.get(String(relationId(value)))
  const goalAreaOf = (value: unknown) => goalAreaNumber.get(String(relationId(value))) ?? null

  const snapshot = snapshotSchema.parse({
    schemaVersion: 1,
    report: REPORT,
    editions: editions.map((e) => ({
      slug: e.slug,
      title: e.title,
      year: e.year,
      publishedAt: osloDay(e.publishedAt),
      status: e.status,
      parts: byKey(e.parts ?? [], (p: Doc) => p.number).map((p: Doc) => ({ number: p.number, title: p.title, slug: p.slug || null })),
      source: source(e),
    })),
    goalAreas: goalAreas.map((g) => ({
      number: g.number,
      editions: (g.editions ?? [])
        .filter((row: Doc) => slugOf(row.edition))
        .map((row: Doc) => ({
          edition: slugOf(row.edition),
          title: row.title,
          effectGoals: (row.effectGoals ?? []).map((goal: Doc) => goal.text),
        })),
    })),
    measures: measures.map((m) => ({
      number: m.number,
      title: m.title ?? '',
      goalArea: goalAreaOf(m.goalArea),
      description: m.description ?? '',
      statuses: (m.statuses ?? [])
        .filter((row: Doc) => slugOf(row.edition))
        .map((row: Doc) => ({ edition: slugOf(row.edition), status: row.status })),
    })),
    news: news.map((n) => {
      const { html } = richTextToHtml(n.body as LexicalState)
      return {
        slug: n.slug,
        kicker: n.kicker ?? null,
        title: n.title,
        historicalArchive: Boolean(n.historicalArchive),
        publishedUnder: n.publishedUnder ?? null,
        publisher: n.publisher ?? null,
        publishedAt: osloDay(n.publishedAt),
        html,
        htmlSha256: sha256(html),
        importantMeasures: (n.importantMeasures ?? []).map((row: Doc) => row.text),
        source: source(n),
      }
    }),
  })

  const revisionOf = (v: Doc, text: RevisionText): Revision => ({
    revision: v.revision,
    publishedAt: new Date(v.publishedAt).toISOString(),
    updateType: v.updateType ?? 'major',
    changeNote: v.changeNote ?? null,
    lastProfessionalChange: osloDay(v.lastProfessionalChange) as string,
    number: v.number || null,
    title: v.title,
    goalArea: goalAreaOf(v.goalArea),
    measures: ((v.measures ?? []) as unknown[])
      .map((m) => measureNumber.get(String(relationId(m))))
      .filter((n): n is number => typeof n === 'number')
      .sort((a, b) => a - b),
    ...text,
  })

  const chapters: Chapter[] = []
  const chapterDocs = (
    await payload.find({
      collection: COLLECTIONS.chapters,
      where: { _status: { equals: 'published' } },
      select: { slug: true, edition: true, kind: true, part: true },
      sort: 'id',
      limit: 0,
      pagination: false,
      depth: 0,
      draft: false,
      overrideAccess: true,
    })
  ).docs as Doc[]
  // Every published revision's metadata in one query; the bodies only of revisions not converted before.
  const { docs: published } = await payload.findVersions({
    collection: COLLECTIONS.chapters,
    where: { 'version._status': { equals: 'published' } },
    select: { parent: true, version: { revision: true, publishedAt: true, updateType: true, changeNote: true, lastProfessionalChange: true, number: true, title: true, goalArea: true, measures: true } },
    sort: 'version.revision',
    limit: 0,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const texts = await revisionTexts(payload, (published as Doc[]).filter((v) => typeof v.version.revision === 'number').map((v) => String(v.id)))
  const versionsOf = new Map<string, Doc[]>()
  for (const v of published as Doc[]) {
    if (typeof v.version.revision !== 'number') continue
    const parent = String(relationId(v.parent))
    versionsOf.set(parent, [...(versionsOf.get(parent) ?? []), v])
  }
  for (const chapter of chapterDocs) {
    const edition = slugOf(chapter.edition)
    if (!edition) continue // its edition is not published: neither is the chapter
    const revisions: Revision[] = (versionsOf.get(String(chapter.id)) ?? [])
      .sort((x, y) => x.version.revision - y.version.revision)
      .map(({ id, version: v }) => revisionOf(v, texts.get(String(id))!))
    if (revisions.length === 0) continue
    chapters.push(
      chapterSchema.parse({
        edition,
        slug: chapter.slug,
        kind: chapter.kind ?? 'chapter',
        part: chapter.part ?? null,
        firstPublishedAt: revisions[0].publishedAt,
        revisions,
      }),
    )
  }
  let preview: Chapter | null = null
  if (opts.previewChapter !== undefined) {
    // A preview: the chapter's draft as the revision it would become if published now.
    const draft = (await payload.findByID({ collection: COLLECTIONS.chapters, id: opts.previewChapter, draft: true, depth: 0, overrideAccess: true })) as Doc
    const edition = slugOf(draft.edition)
    if (!edition) throw new Error(`Kan ikke forhåndsvise «${draft.title}»: utgaven kapitlet hører til er ikke publisert.`)
    let chapter = chapters.find((c) => c.edition === edition && c.slug === draft.slug)
    if (!chapter) {
      chapter = { edition, slug: draft.slug, kind: draft.kind ?? 'chapter', part: draft.part ?? null, firstPublishedAt: new Date().toISOString(), revisions: [] }
      chapters.push(chapter)
    }
    const previous = chapter.revisions.at(-1)
    const major = !previous || draft.updateType !== 'minor'
    chapter.revisions.push(
      revisionOf(
        {
          ...draft,
          revision: (previous?.revision ?? 0) + 1,
          publishedAt: new Date().toISOString(),
          updateType: previous ? (draft.updateType ?? 'major') : 'major',
          changeNote: previous ? (draft.changeNote ?? null) : 'Først publisert.',
          lastProfessionalChange: major ? (draft.lastProfessionalChange ?? new Date().toISOString()) : previous.lastProfessionalChange,
        },
        revisionText(draft),
      ),
    )
    preview = chapter
  }
  chapters.sort(
    (a, b) =>
      a.edition.localeCompare(b.edition) ||
      (a.kind === b.kind ? 0 : a.kind === 'partIntro' ? -1 : 1) ||
      compareChapterNumbers(a.revisions.at(-1)!.number ?? '0', b.revisions.at(-1)!.number ?? '0') ||
      a.slug.localeCompare(b.slug),
  )
  return { snapshot, chapters, preview }
}
