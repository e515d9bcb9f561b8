import type { PayloadRequest } from 'payload'

import { COLLECTIONS, relationId } from '../../lib/slugs'
import type { Chapter } from '../../payload-types'
import { latestPublishedVersion } from './latestPublished'
import { comparePublish, describePublishCheck, type ChapterState, type PublishCheck } from './publishCheck'

/** A chapter's values as a document, a version or the admin form holds them. */
export type ChapterValues = Partial<Chapter>

/** The numbers and titles of measures, by id. */
const measuresById = async (
  req: PayloadRequest,
  ids: Array<number | string>,
): Promise<Map<string, { number: number; title: string | null }>> => {
  if (ids.length === 0) return new Map()
  const { docs } = await req.payload.find({
    collection: COLLECTIONS.measures,
    where: { id: { in: ids } },
    limit: 0,
    pagination: false,
    depth: 0,
    draft: true,
    overrideAccess: true,
    req,
  })
  return new Map(docs.map((m) => [String(m.id), { number: Number(m.number), title: m.title ?? null }]))
}

/** A chapter document (or version, or the admin form's values) as the check compares it. */
export const chapterState = async (req: PayloadRequest, doc: ChapterValues): Promise<ChapterState> => {
  const ids = (Array.isArray(doc.measures) ? doc.measures : [])
    .map(relationId)
    .filter((id): id is number | string => id !== null)
  const measures = await measuresById(req, ids)
  return {
    title: doc.title ?? null,
    number: doc.kind === 'partIntro' ? null : (doc.number ?? null),
    lastProfessionalChange: doc.lastProfessionalChange ?? null,
    body: doc.body ?? null,
    footnotes: Array.isArray(doc.footnotes) ? doc.footnotes : [],
    measures: ids.flatMap((id) => measures.get(String(id)) ?? []),
  }
}

/** What publishing `data` (the values the publish sends) over the chapter's live version changes. */
export const checkPublish = async (
  req: PayloadRequest,
  chapterId: number | string | null,
  data: ChapterValues,
): Promise<{ check: PublishCheck; live: Chapter | null }> => {
  const live = chapterId === null ? null : await latestPublishedVersion(req, chapterId)
  const [liveState, draftState] = await Promise.all([live ? chapterState(req, live) : null, chapterState(req, data)])
  return { check: comparePublish(liveState, draftState), live }
}

/**
 * The check's findings for a refusal's message: «(avsnitt 2 endret, tiltak 5 lagt til)», or
 * nothing when it cannot be worked out (the refusal stands either way).
 */
export const describeForNote = async (
  req: PayloadRequest,
  chapterId: number | string | null,
  data: ChapterValues,
): Promise<string> => {
  try {
    const { check } = await checkPublish(req, chapterId, data)
    if (check.unchanged || check.firstPublish) return ''
    const lines = describePublishCheck(check).map((line) => line.charAt(0).toLowerCase() + line.slice(1))
    return lines.length ? ` Denne publiseringen endrer: ${lines.join('; ')}.` : ''
  } catch {
    return ''
  }
}
