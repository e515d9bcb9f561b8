import {
  schedulePublishHandler,
  type SchedulePublishHandlerArgs,
} from '@payloadcms/ui/utilities/schedulePublishHandler'
import type { PayloadRequest, ServerFunction } from 'payload'

import { schedulePublishing } from '../access/schedulePublishing'
import { latestPublishedRevision } from '../collections/Chapters/hooks/stampRevision'
import { decideRevision, RevisionRuleError } from '../collections/Chapters/revisionRules'
import { osloDayOrNull } from '../lib/dates'
import { COLLECTIONS } from '../lib/slugs'
import { currentDraft } from '../collections/Chapters/latestPublished'

export const CANNOT_SCHEDULE =
  'Du har ikke rettigheter til å planlegge publisering eller avpublisering. Lagre endringene som utkast, så kan en publisist planlegge publiseringen.'

/**
 * Why the chapter's newest draft could not be published on the given day, or null when it
 * could: the same revision rules as a publish now, checked when the publish is scheduled.
 */
export const scheduledChapterProblem = async (
  req: PayloadRequest,
  id: number | string,
  at: Date,
): Promise<string | null> => {
  const draft = await currentDraft(req, id)
  try {
    decideRevision({
      request: draft,
      previous: await latestPublishedRevision(req, id),
      today: osloDayOrNull(at) as string,
    })
    return null
  } catch (error) {
    if (error instanceof RevisionRuleError) return `Publiseringen kan ikke planlegges: ${error.message}`
    throw error
  }
}

/**
 * The admin's "schedule publish" server function with this project's rules in front of
 * Payload's own: only publishers and admins may schedule or cancel, and a chapter's draft
 * must pass the revision rules for the day it is to be published. A refusal is returned as
 * `{ error }`, as Payload's handler does.
 */
export const schedulePublish: ServerFunction<SchedulePublishHandlerArgs> = async (args) => {
  const { req } = args
  if (!schedulePublishing({ req })) {
    req.payload.logger.info({ msg: 'schedule publish refused', user: req.user?.id ?? null })
    return { error: CANNOT_SCHEDULE }
  }
  if (args.type === 'publish' && args.date && args.doc?.relationTo === COLLECTIONS.chapters) {
    const id = req.payload.db.defaultIDType === 'number' ? Number(args.doc.value) : args.doc.value
    const problem = await scheduledChapterProblem(req, id as number | string, new Date(args.date))
    if (problem) return { error: problem }
  }
  return schedulePublishHandler(args)
}
