/** Saving a chapter the way an editor or publisher does: as that user, with access control on. */
import type { Payload } from 'payload'

import type { Chapter } from '../../cms/src/payload-types'
import type { TestUser } from './payload'

/** Saves `data` to chapter `id` as `user`; a draft save when `draft` is true. */
export const saveChapterAs = (
  payload: Payload,
  user: TestUser,
  id: number | string,
  data: Partial<Chapter>,
  draft = false,
) => payload.update({ collection: 'chapters', id, data, draft, user, overrideAccess: false })

/** Queues a scheduled publish of chapter `id`, due now, in the name of `user`: what the schedule drawer queues. */
export const queuePublishNow = (payload: Payload, user: TestUser, id: number) =>
  payload.jobs.queue({
    task: 'schedulePublish',
    input: {
      type: 'publish',
      doc: { relationTo: 'chapters', value: id },
      user: { relationTo: 'users', value: user.id },
    },
    waitUntil: new Date(),
  })

/** A chapter version as [revision, update type, change note, date of «Siste faglige endring»]. */
export const revisionSummary = ({
  version,
}: {
  version: Partial<Pick<Chapter, 'revision' | 'updateType' | 'changeNote' | 'lastProfessionalChange'>>
}) => [version.revision, version.updateType, version.changeNote, version.lastProfessionalChange?.slice(0, 10)]
