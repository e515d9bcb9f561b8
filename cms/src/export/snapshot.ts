import { APIError, type DataFromCollectionSlug, type Payload, type SelectType, type TypeWithVersion } from 'payload'

import type { z } from 'zod'

import {
  chapterSchema,
  editionSchema,
  goalAreaSchema,
  measureSchema,
  newsSchema,
  revisionSchema,
  snapshotSchema,
  type Chapter,
  type Edition,
  type GoalArea,
  type Measure,
  type News,
  type Revision,
  type Snapshot,
} from '@rapport/contracts/snapshot'
import { compareChapterNumbers } from '@rapport/site/lib/chapterNumbers'
import { osloDayOrNull } from '../lib/dates'
import { COLLECTIONS, relationId } from '../lib/slugs'
import { describeIssues, type ExportProblem } from './problems'
import { footnoteToHtml, richTextToHtml } from './richText'
import { sha256 } from '@rapport/files'
import type { Chapter as ChapterDoc, Edition as EditionDoc } from '../payload-types'

/** The collections the export reads; their documents have the types Payload generates (payload-types.ts). */
type Exported = 'editions' | 'chapters' | 'goal-areas' | 'measures' | 'news'
type Doc<S extends Exported> = DataFromCollectionSlug<S>
/** A published chapter version that has its revision number (all but versions from before revisions were stamped). */
type NumberedVersion = TypeWithVersion<ChapterDoc> & { version: { revision: number } }

export const REPORT = {
  title: 'Oppfølging av handlingsplan for allmennlegetjenesten',
  publisher: 'Helsedirektoratet',
  licence: { name: 'Norsk lisens for offentlige data (NLOD) 2.0', url: 'https://data.norge.no/nlod/no/2.0' },
}

/** Every published document of a collection (only the fields `select` names, when it is given). */
const all = async <S extends Exported>(payload: Payload, collection: S, sort: string, select?: SelectType) =>
  (
    await payload.find({
      collection,
      where: { _status: { equals: 'published' } },
      sort,
      ...(select ? { select } : {}),
      limit: 0,
      pagination: false,
      depth: 0,
      draft: false,
      overrideAccess: true,
    })
  ).docs

const source = (doc: Pick<ChapterDoc, 'source'>) =>
  doc.source && (doc.source.publisher || doc.source.url)
    ? { publisher: doc.source.publisher ?? null, url: doc.source.url ?? null, licence: doc.source.licence ?? null }
    : null

const byKey = <T>(items: T[], key: (item: T) => string | number) =>
  [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))

type RevisionText = Pick<Revision, 'html' | 'htmlSha256' | 'headings' | 'footnotes'>

/** A chapter version's body and footnotes as the snapshot holds them. */
const revisionText = (v: Pick<ChapterDoc, 'body' | 'footnotes'>): RevisionText => {
  const { html, headings } = richTextToHtml(v.body)
  const footnotes = byKey(v.footnotes ?? [], (f) => f.number).map((f) => ({
    number: f.number,
    html: footnoteToHtml(f.text ?? ''),
  }))
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
    for (const { id, version } of docs) textCache.set(String(id), revisionText(version))
  }
  return new Map(ids.map((id) => [id, textCache.get(id)!]))
}

/**
 * A document as the schema takes it, or what is wrong with it in Norwegian: the rules it breaks,
 * or why it could not be read at all (a date that is no date).
 */
const check = <T>(
  schema: z.ZodType<T>,
  make: () => unknown,
): { ok: true; data: T } | { ok: false; message: string } => {
  let value: unknown
  try {
    value = make()
  } catch (error) {
    return { ok: false, message: `Innholdet kunne ikke leses (${(error as Error).message}).` }
  }
  const parsed = schema.safeParse(value)
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, message: describeIssues(parsed.error.issues) }
}

/** The part of a chapter that is not its revisions: where it lives and what kind it is. */
const chapterPlaceSchema = chapterSchema.pick({ edition: true, slug: true, kind: true, part: true })

/**
 * The published versions of a document, newest first: where the export looks for the last
 * version it can take when the published one breaks the snapshot's rules.
 */
const publishedVersions = async <S extends Exported>(
  payload: Payload,
  collection: S,
  id: number,
): Promise<Array<Doc<S>>> =>
  (
    await payload.findVersions({
      collection,
      where: { and: [{ parent: { equals: id } }, { 'version._status': { equals: 'published' } }] },
      sort: '-updatedAt',
      limit: 25,
      depth: 0,
      overrideAccess: true,
    })
  ).docs.map((v) => ({ ...v.version, id }))

/**
 * The published content as a snapshot: everything a reader may see, nothing else. Drafts never
 * enter: documents are read in their published state and revisions from published versions.
 * References are by slug or number, never by database id, so the output is the same on any
 * database and stable across exports.
 *
 * Each document is checked against the snapshot's schema on its own. One it cannot take is
 * kept at its last published version that it can (a chapter: without the revisions it cannot
 * take), or left out when there is none, and listed in `problems`: the rest is exported.
 */
export const buildSnapshot = async (
  payload: Payload,
  opts: { previewChapter?: string | number } = {},
): Promise<{
  snapshot: Snapshot
  chapters: Chapter[]
  /** With previewChapter: that chapter, its draft as the last revision. */
  preview: Chapter | null
  /** The documents the export could not take as they are. */
  problems: ExportProblem[]
}> => {
  const problems: ExportProblem[] = []

  /** Each document as the snapshot holds it, or its last published version that the schema takes, or nothing. */
  const exportEach = async <S extends Exported, T>(
    collection: S,
    docs: Array<Doc<S>>,
    schema: z.ZodType<T>,
    toEntry: (doc: Doc<S>) => unknown,
    titleOf: (doc: Doc<S>) => string,
  ) => {
    const accepted = new Map<string, T>()
    for (const doc of docs) {
      const current = check(schema, () => toEntry(doc))
      if (current.ok) {
        accepted.set(String(doc.id), current.data)
        continue
      }
      let kept: T | null = null
      for (const version of await publishedVersions(payload, collection, doc.id)) {
        const earlier = check(schema, () => toEntry(version))
        if (earlier.ok) {
          kept = earlier.data
          break
        }
      }
      if (kept !== null) accepted.set(String(doc.id), kept)
      problems.push({
        collection,
        id: String(doc.id),
        title: titleOf(doc),
        message: current.message,
        kept: kept !== null ? 'previous' : 'none',
      })
    }
    return accepted
  }

  const editionDocs = await all(payload, COLLECTIONS.editions, 'year')
  const editions = await exportEach<'editions', Edition>(
    COLLECTIONS.editions,
    editionDocs,
    editionSchema,
    (e) => ({
      slug: e.slug,
      title: e.title,
      year: e.year,
      publishedAt: osloDayOrNull(e.publishedAt),
      status: e.status,
      parts: byKey(e.parts ?? [], (p) => p.number).map((p) => ({
        number: p.number,
        title: p.title,
        slug: p.slug || null,
      })),
      source: source(e),
    }),
    (e) => String(e.title ?? e.slug),
  )
  const editionSlug = new Map([...editions].map(([id, e]) => [id, e.slug]))
  const slugOf = (value: unknown) => editionSlug.get(String(relationId(value)))
  const editionRows = <R extends { edition: number | EditionDoc }>(rows: R[] | null | undefined) =>
    (rows ?? []).filter((row) => slugOf(row.edition))

  const goalAreas = await exportEach<'goal-areas', GoalArea>(
    COLLECTIONS.goalAreas,
    await all(payload, COLLECTIONS.goalAreas, 'number'),
    goalAreaSchema,
    (g) => ({
      number: g.number,
      editions: editionRows(g.editions).map((row) => ({
        edition: slugOf(row.edition),
        title: row.title,
        effectGoals: (row.effectGoals ?? []).map((goal) => goal.text),
      })),
    }),
    (g) => `Målområde ${g.number}`,
  )
  const goalAreaNumber = new Map([...goalAreas].map(([id, g]) => [id, g.number]))
  const goalAreaOf = (value: unknown) => goalAreaNumber.get(String(relationId(value))) ?? null

  const measures = await exportEach<'measures', Measure>(
    COLLECTIONS.measures,
    await all(payload, COLLECTIONS.measures, 'number'),
    measureSchema,
    (m) => ({
      number: m.number,
      title: m.title ?? '',
      goalArea: goalAreaOf(m.goalArea),
      description: m.description ?? '',
      statuses: editionRows(m.statuses).map((row) => ({ edition: slugOf(row.edition), status: row.status })),
    }),
    (m) => `Tiltak ${m.number}`,
  )
  const measureNumber = new Map([...measures].map(([id, m]) => [id, m.number]))

  const news = await exportEach<'news', News>(
    COLLECTIONS.news,
    await all(payload, COLLECTIONS.news, 'slug'),
    newsSchema,
    (n) => {
      const { html } = richTextToHtml(n.body)
      return {
        slug: n.slug,
        kicker: n.kicker ?? null,
        title: n.title,
        historicalArchive: Boolean(n.historicalArchive),
        publishedUnder: n.publishedUnder ?? null,
        publisher: n.publisher ?? null,
        publishedAt: osloDayOrNull(n.publishedAt),
        html,
        htmlSha256: sha256(html),
        importantMeasures: (n.importantMeasures ?? []).map((row) => row.text),
        source: source(n),
      }
    },
    (n) => String(n.title ?? n.slug),
  )

  const snapshot = snapshotSchema.parse({
    schemaVersion: 1,
    report: REPORT,
    editions: [...editions.values()],
    goalAreas: [...goalAreas.values()],
    measures: [...measures.values()],
    news: [...news.values()],
  })

  const revisionOf = (v: ChapterDoc & { revision: number }, text: RevisionText): Revision => ({
    revision: v.revision,
    // A version without its publish time cannot be read (an invalid date throws here).
    publishedAt: new Date(v.publishedAt ?? NaN).toISOString(),
    updateType: v.updateType ?? 'major',
    changeNote: v.changeNote ?? null,
    lastProfessionalChange: osloDayOrNull(v.lastProfessionalChange) as string,
    number: v.number || null,
    title: v.title,
    goalArea: goalAreaOf(v.goalArea),
    measures: (v.measures ?? [])
      .map((m) => measureNumber.get(String(relationId(m))))
      .filter((n): n is number => typeof n === 'number')
      .sort((a, b) => a - b),
    ...text,
  })

  const chapters: Chapter[] = []
  const chapterDocs = await all(payload, COLLECTIONS.chapters, 'id', {
    slug: true,
    edition: true,
    kind: true,
    part: true,
  })
  // Every published revision's metadata in one query; the bodies only of revisions not converted before.
  const { docs: published } = await payload.findVersions({
    collection: COLLECTIONS.chapters,
    where: { 'version._status': { equals: 'published' } },
    select: {
      parent: true,
      version: {
        revision: true,
        publishedAt: true,
        updateType: true,
        changeNote: true,
        lastProfessionalChange: true,
        number: true,
        title: true,
        goalArea: true,
        measures: true,
        slug: true,
        edition: true,
        kind: true,
        part: true,
      },
    },
    sort: 'version.revision',
    limit: 0,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const numbered = published.filter((v): v is NumberedVersion => typeof v.version.revision === 'number')
  const texts = await revisionTexts(
    payload,
    numbered.map((v) => String(v.id)),
  )
  const versionsOf = new Map<string, NumberedVersion[]>()
  for (const v of numbered) {
    const parent = String(relationId(v.parent))
    versionsOf.set(parent, [...(versionsOf.get(parent) ?? []), v])
  }
  /** Which chapter has each address: a second chapter with the same one would overwrite its file and its pages. */
  const addresses = new Map<string, string>()
  for (const chapter of chapterDocs) {
    const versions = (versionsOf.get(String(chapter.id)) ?? []).sort((x, y) => x.version.revision - y.version.revision)
    const title = String(versions.at(-1)?.version.title ?? chapter.slug ?? chapter.id)
    const report = (message: string, kept: ExportProblem['kept']) =>
      problems.push({ collection: COLLECTIONS.chapters, id: String(chapter.id), title, message, kept })
    const placeOf = (doc: Pick<ChapterDoc, 'edition' | 'slug' | 'kind' | 'part'>) => ({
      edition: slugOf(doc.edition),
      slug: doc.slug,
      kind: doc.kind ?? 'chapter',
      part: doc.part ?? null,
    })
    if (!slugOf(chapter.edition)) continue // its edition is not published: neither is the chapter
    // Where the chapter lives; when that breaks the rules, where its newest version that does put it.
    let place = check(chapterPlaceSchema, () => placeOf(chapter))
    if (!place.ok) {
      const fallback = versions
        .map(({ version }) => check(chapterPlaceSchema, () => placeOf(version)))
        .reverse()
        .find((p) => p.ok)
      report(place.message, fallback ? 'previous' : 'none')
      if (!fallback) continue
      place = fallback
    }
    // Each revision on its own: one the schema cannot take is left out of the history.
    const revisions: Revision[] = []
    for (const { id, version: v } of versions) {
      const revision = check(revisionSchema, () => revisionOf(v, texts.get(String(id))!))
      if (revision.ok) revisions.push(revision.data)
      else report(`Versjon ${v.revision}: ${revision.message}`, revisions.length > 0 ? 'previous' : 'none')
    }
    if (revisions.length === 0) continue
    const address = `${place.data.edition}/${place.data.slug}`
    const holder = addresses.get(address)
    if (holder !== undefined) {
      report(`Adressen (slug) «${place.data.slug}» brukes allerede av kapittel #${holder} i samme utgave.`, 'none')
      continue
    }
    addresses.set(address, String(chapter.id))
    chapters.push(chapterSchema.parse({ ...place.data, firstPublishedAt: revisions[0].publishedAt, revisions }))
  }
  let preview: Chapter | null = null
  if (opts.previewChapter !== undefined) {
    // A preview: the chapter's draft as the revision it would become if published now.
    const draft = await payload.findByID({
      collection: COLLECTIONS.chapters,
      id: opts.previewChapter,
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
    const edition = slugOf(draft.edition)
    // A refusal for the editor who asked (409, public): the draft cannot be shown as it is.
    if (!edition)
      throw new APIError(
        `Kan ikke forhåndsvise «${draft.title}»: utgaven kapitlet hører til er ikke publisert.`,
        409,
        null,
        true,
      )
    let chapter = chapters.find((c) => c.edition === edition && c.slug === draft.slug)
    if (!chapter) {
      chapter = {
        edition,
        slug: draft.slug ?? '',
        kind: draft.kind ?? 'chapter',
        part: draft.part ?? null,
        firstPublishedAt: new Date().toISOString(),
        revisions: [],
      }
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
          lastProfessionalChange: major
            ? (draft.lastProfessionalChange ?? new Date().toISOString())
            : previous.lastProfessionalChange,
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
  return { snapshot, chapters, preview, problems }
}
