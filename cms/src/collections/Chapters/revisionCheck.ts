import type { Endpoint } from 'payload'

import { roleOf } from '../../access/roles'
import { osloDayOrNull, todayInOslo } from '../../lib/dates'
import { latestPublishedVersion } from './hooks/stampRevision'
import {
  checkRevision,
  REVISION_FIELD_LABELS,
  UPDATE_TYPE_LABELS,
  type PublishRequest,
  type UpdateType,
} from './revisionRules'

/** The live version of a chapter, as the sidebar shows it. */
export type CurrentRevision = {
  revision: number
  updateType: UpdateType | null
  updateTypeLabel: string | null
  changeNote: string | null
  /** YYYY-MM-DD */
  lastProfessionalChange: string | null
  publishedAt: string | null
}

export type RevisionCheckAnswer = {
  current: CurrentRevision | null
  /** What a publish of the form's values would make, or null when a rule stops it. */
  next: {
    revision: number
    updateType: UpdateType
    updateTypeLabel: string
    changeNote: string | null
    lastProfessionalChange: string
  } | null
  /** Every rule a publish of the form's values would break, with the field's label. */
  problems: Array<{ field: string; label: string; message: string }>
}

const asType = (value: unknown): UpdateType | null =>
  value === 'major' || value === 'minor' || value === 'withdrawal' ? value : null

/**
 * What the sidebar needs to tell an editor about the next version: the live version (number,
 * type, note, dates) and, for the form's current values (`{ id, data }`), the version a
 * publish would make or every revision rule it would break, in Norwegian. The same rules as
 * the publish itself (revisionRules.ts): a draft save is never refused for them, but the
 * editor sees at once what would stop the publish.
 */
export const revisionCheckEndpoint: Endpoint = {
  path: '/revision-check',
  method: 'post',
  handler: async (req) => {
    if (!roleOf(req.user)) return Response.json({ errors: [{ message: 'Du må være innlogget.' }] }, { status: 403 })
    const body = (await req.json?.().catch(() => null)) as { id?: number | string | null; data?: PublishRequest } | null
    const data = body?.data ?? {}
    const latest = body?.id ? await latestPublishedVersion(req, body.id) : null
    const previous = latest
      ? {
          revision: latest.revision as number,
          updateType: (latest.updateType as string | null) ?? null,
          changeNote: (latest.changeNote as string | null) ?? null,
          lastProfessionalChange: (latest.lastProfessionalChange as string | null) ?? null,
        }
      : null
    const { stamp, problems } = checkRevision({
      request: {
        updateType: data.updateType ?? null,
        changeNote: data.changeNote ?? null,
        lastProfessionalChange: data.lastProfessionalChange ?? null,
      },
      previous,
      today: todayInOslo(),
    })
    const currentType = asType(previous?.updateType)
    const answer: RevisionCheckAnswer = {
      current: previous
        ? {
            revision: previous.revision,
            updateType: currentType,
            updateTypeLabel: currentType ? UPDATE_TYPE_LABELS[currentType] : null,
            changeNote: previous.changeNote,
            lastProfessionalChange: osloDayOrNull(previous.lastProfessionalChange),
            publishedAt: (latest?.publishedAt as string | null) ?? null,
          }
        : null,
      next: stamp && problems.length === 0 ? { ...stamp, updateTypeLabel: UPDATE_TYPE_LABELS[stamp.updateType] } : null,
      problems: problems.map((p) => ({ ...p, label: REVISION_FIELD_LABELS[p.field] })),
    }
    return Response.json(answer, { headers: { 'cache-control': 'no-store' } })
  },
}
