import type { Endpoint } from 'payload'

import { roleOf } from '../../access/roles'
import { todayInOslo } from '../../lib/dates'
import { asPreviousRevision } from './latestPublished'
import { describePublishCheck, type PublishCheck } from './publishCheck'
import { checkPublish, type ChapterValues } from './publishCheckState'
import { decideRevision, RevisionRuleError, UPDATE_TYPE_LABELS, type UpdateType } from './revisionRules'
import { currentDraft } from './latestPublished'

/** The check as the admin's dialog shows it: the comparison, the chosen and suggested update types, and what the rules would refuse. */
export type PublishCheckAnswer = {
  check: PublishCheck
  summary: string[]
  updateType: UpdateType | null
  updateTypeLabel: string | null
  changeNote: string | null
  suggestionDiffers: boolean
  /** The publish would be a withdrawal: the chapter stays, as last published, with a withdrawal notice. */
  withdrawal: boolean
  /** What the publish rules would refuse, on which field, in Norwegian. */
  refusal: { field: string; message: string } | null
  /** What the revision would be stamped with, by the rules (a note kept from the previous revision is dropped from a redaksjonell endring), when they accept it. */
  stamp: { changeNote: string | null; lastProfessionalChange: string } | null
}

const UPDATE_TYPES = Object.keys(UPDATE_TYPE_LABELS) as UpdateType[]

/**
 * GET /api/chapters/:id/publish-check compares the newest draft with the live version; POST
 * with `{ data }` (the admin form's values) compares those instead. Every signed-in role may
 * look (editors prepare what publishers publish); nothing is written.
 */
const handler: Endpoint['handler'] = async (req) => {
  if (!roleOf(req.user))
    return Response.json(
      { errors: [{ message: 'Du må være innlogget for å se hva en publisering endrer.' }] },
      { status: 401 },
    )
  const rawId = req.routeParams?.id as string
  const id = req.payload.db.defaultIDType === 'number' ? Number(rawId) : rawId
  const draft = await currentDraft(req, id).catch(() => null)
  if (!draft) return Response.json({ errors: [{ message: `Fant ikke kapitlet med id «${rawId}».` }] }, { status: 404 })
  const body =
    req.method === 'POST' ? (((await req.json?.().catch(() => null)) as { data?: ChapterValues } | null) ?? {}) : {}
  const data: ChapterValues = { ...draft, ...(body.data && typeof body.data === 'object' ? body.data : {}) }

  const { check, live } = await checkPublish(req, id, data)
  const updateType = UPDATE_TYPES.find((type) => type === data.updateType) ?? (live ? null : 'major')
  let refusal: PublishCheckAnswer['refusal'] = null
  let stamp: PublishCheckAnswer['stamp'] = null
  try {
    const decided = decideRevision({ request: data, previous: asPreviousRevision(live), today: todayInOslo() })
    stamp = { changeNote: decided.changeNote, lastProfessionalChange: decided.lastProfessionalChange }
  } catch (error) {
    if (!(error instanceof RevisionRuleError)) throw error
    refusal = { field: error.field, message: error.message }
  }
  const answer: PublishCheckAnswer = {
    check,
    summary: describePublishCheck(check),
    updateType,
    updateTypeLabel: updateType ? UPDATE_TYPE_LABELS[updateType] : null,
    changeNote: stamp
      ? stamp.changeNote
      : typeof data.changeNote === 'string' && data.changeNote.trim()
        ? data.changeNote.trim()
        : null,
    suggestionDiffers: (updateType === 'major' || updateType === 'minor') && updateType !== check.suggestion.updateType,
    withdrawal: updateType === 'withdrawal',
    refusal,
    stamp,
  }
  return Response.json(answer, { headers: { 'Cache-Control': 'no-store' } })
}

export const publishCheckEndpoints: Endpoint[] = [
  { path: '/:id/publish-check', method: 'get', handler },
  { path: '/:id/publish-check', method: 'post', handler },
]
