import { norwegianDay, osloDayOrNull } from '../../lib/dates'

export type UpdateType = 'major' | 'minor' | 'withdrawal'

export const UPDATE_TYPE_LABELS: Record<UpdateType, string> = {
  major: 'Faglig endring',
  minor: 'Redaksjonell endring',
  withdrawal: 'Tilbaketrekking',
}

/**
 * What a withdrawal revision takes from the revision it withdraws: everything readers see
 * of the chapter, so that a withdrawal never publishes a pending draft. The stamp (revision,
 * update type, change note, dates) is the withdrawal's own.
 */
export const WITHDRAWAL_KEEPS = [
  'edition',
  'kind',
  'number',
  'title',
  'part',
  'goalArea',
  'body',
  'footnotes',
  'measures',
  'slug',
  'source',
] as const

/** The content a withdrawal keeps from the withdrawn revision, field by field. */
export const keptByWithdrawal = <T extends Partial<Record<(typeof WITHDRAWAL_KEEPS)[number], unknown>>>(
  withdrawn: T,
): Partial<T> =>
  Object.fromEntries(
    WITHDRAWAL_KEEPS.filter((field) => field in withdrawn).map((field) => [field, withdrawn[field]]),
  ) as Partial<T>

export const FIRST_PUBLISHED_NOTE = 'Først publisert.'

/** What the publish request carries. */
export type PublishRequest = {
  updateType?: string | null
  changeNote?: string | null
  lastProfessionalChange?: string | Date | null
}

/** The chapter's latest published revision, if any. */
export type PreviousRevision = {
  revision: number
  updateType?: string | null
  changeNote?: string | null
  lastProfessionalChange?: string | Date | null
}

/** What a publish stamps on the new revision. */
export type RevisionStamp = {
  revision: number
  updateType: UpdateType
  changeNote: string | null
  lastProfessionalChange: string
}

export class RevisionRuleError extends Error {
  constructor(
    readonly field: 'updateType' | 'changeNote' | 'lastProfessionalChange',
    message: string,
  ) {
    super(message)
    this.name = 'RevisionRuleError'
  }
}

const dateInFutureMessage = (day: string, today: string): string =>
  `Siste faglige endring kan ikke være frem i tid: ${norwegianDay(day)} er etter i dag (${norwegianDay(today)}).`

/** The refusal of a «Siste faglige endring» before the previous version's, as the field shows it. */
export const dateBeforePreviousMessage = (day: string, previousDay: string): string =>
  `Datoen kan ikke være før forrige versjons siste faglige endring, ${norwegianDay(previousDay)}. Du har valgt ${norwegianDay(day)}.`

const clean = (note: string | null | undefined): string | null => {
  const trimmed = (note ?? '').replace(/\s+/g, ' ').trim()
  return trimmed === '' ? null : trimmed
}

/**
 * Decides the revision a publish creates, or throws a RevisionRuleError naming the field.
 * - The first revision is a major one; its note defaults to "Først publisert.".
 * - A major update needs its own change note and moves "Siste faglige endring": to the date
 *   given, or to today when the form kept the previous one. It may not lie in the future
 *   nor before the previous revision's date.
 * - A minor update keeps the previous date, whatever the form sent.
 * - A withdrawal keeps the withdrawn revision's content and "Siste faglige endring", and needs
 *   an explanation of its own (its change note), which readers see in the withdrawal notice.
 *   Only a published chapter that is not already withdrawn can be withdrawn; a later major or
 *   minor publish reinstates it.
 * - Restoring an old revision publishes it as the next revision, a major or minor update as
 *   the restorer chose (major when nothing was chosen), by the rules above (see decideRestore).
 */
export const decideRevision = (args: {
  request: PublishRequest
  previous: PreviousRevision | null
  today: string
  restoringRevision?: number | null
}): RevisionStamp => {
  const { request, previous, today, restoringRevision } = args
  const revision = (previous?.revision ?? 0) + 1
  const previousDay = osloDayOrNull(previous?.lastProfessionalChange ?? null)

  if (restoringRevision) return decideRestore(request, previousDay, revision, today, restoringRevision)

  if (request.updateType === 'withdrawal') return decideWithdrawal(request, previous, revision, today)

  const requestedDay = osloDayOrNull(request.lastProfessionalChange ?? null)
  if (requestedDay && requestedDay > today) {
    throw new RevisionRuleError('lastProfessionalChange', dateInFutureMessage(requestedDay, today))
  }

  if (!previous) {
    return {
      revision,
      updateType: 'major',
      changeNote: clean(request.changeNote) ?? FIRST_PUBLISHED_NOTE,
      lastProfessionalChange: requestedDay ?? today,
    }
  }

  const updateType = request.updateType
  if (updateType !== 'major' && updateType !== 'minor') {
    throw new RevisionRuleError(
      'updateType',
      'Velg type endring før du publiserer: faglig endring eller redaksjonell endring.',
    )
  }

  const note = clean(request.changeNote)
  const previousNote = clean(previous.changeNote)
  if (updateType === 'minor') {
    return {
      revision,
      updateType,
      changeNote: note !== null && note === previousNote ? null : note,
      lastProfessionalChange: previousDay ?? requestedDay ?? today,
    }
  }

  if (note === null) {
    throw new RevisionRuleError(
      'changeNote',
      'En faglig endring må ha en endringsmerknad som forteller leserne hva som er endret.',
    )
  }
  if (note === previousNote) {
    throw new RevisionRuleError(
      'changeNote',
      `Endringsmerknaden er den samme som for versjon ${previous.revision}. Beskriv hva som er endret i denne versjonen.`,
    )
  }
  const day = requestedDay === null || requestedDay === previousDay ? today : requestedDay
  if (previousDay && day < previousDay) {
    throw new RevisionRuleError('lastProfessionalChange', dateBeforePreviousMessage(day, previousDay))
  }
  return { revision, updateType, changeNote: note, lastProfessionalChange: day }
}

/** The change note a restore gets when the restorer writes none: readers see «versjon N». */
export const restoreNote = (restoredRevision: number) => `Gjenopprettet innholdet fra versjon ${restoredRevision}.`

/**
 * A restore of revision `restoringRevision`: it becomes revision `revision` (always a new one,
 * nothing is overwritten). A major update moves «Siste faglige endring» to the date given, or
 * today; a minor one keeps the previous date. The note defaults to «Gjenopprettet innholdet fra
 * versjon N.». A restore cannot be a withdrawal, and it reinstates a withdrawn chapter.
 */
const decideRestore = (
  request: PublishRequest,
  previousDay: string | null,
  revision: number,
  today: string,
  restoringRevision: number,
): RevisionStamp => {
  const updateType = request.updateType ?? 'major'
  if (updateType !== 'major' && updateType !== 'minor') {
    throw new RevisionRuleError(
      'updateType',
      'En gjenoppretting er en faglig eller en redaksjonell endring: velg en av dem.',
    )
  }
  const changeNote = clean(request.changeNote) ?? restoreNote(restoringRevision)
  if (updateType === 'minor') return { revision, updateType, changeNote, lastProfessionalChange: previousDay ?? today }
  const requestedDay = osloDayOrNull(request.lastProfessionalChange ?? null)
  if (requestedDay && requestedDay > today) {
    throw new RevisionRuleError(
      'lastProfessionalChange',
      `Siste faglige endring kan ikke være frem i tid: ${norwegianDay(requestedDay)} er etter i dag (${norwegianDay(today)}).`,
    )
  }
  const day = requestedDay ?? (previousDay && previousDay > today ? previousDay : today)
  if (previousDay && day < previousDay) {
    throw new RevisionRuleError(
      'lastProfessionalChange',
      `Siste faglige endring kan ikke være før forrige versjons dato (${norwegianDay(previousDay)}).`,
    )
  }
  return { revision, updateType, changeNote, lastProfessionalChange: day }
}

const decideWithdrawal = (
  request: PublishRequest,
  previous: PreviousRevision | null,
  revision: number,
  today: string,
): RevisionStamp => {
  if (!previous) {
    throw new RevisionRuleError(
      'updateType',
      'Kapitlet er ikke publisert ennå og kan ikke trekkes tilbake. Velg faglig endring for å publisere det første gang.',
    )
  }
  if (previous.updateType === 'withdrawal') {
    throw new RevisionRuleError(
      'updateType',
      `Kapitlet er allerede trukket tilbake (versjon ${previous.revision}). Velg faglig eller redaksjonell endring for å publisere det igjen.`,
    )
  }
  const note = clean(request.changeNote)
  if (note === null) {
    throw new RevisionRuleError(
      'changeNote',
      'En tilbaketrekking må ha en forklaring i endringsmerknaden: leserne ser den i varselet om at kapitlet er trukket tilbake.',
    )
  }
  if (note === clean(previous.changeNote)) {
    throw new RevisionRuleError(
      'changeNote',
      `Endringsmerknaden er den samme som for versjon ${previous.revision}. Forklar hvorfor kapitlet trekkes tilbake.`,
    )
  }
  return {
    revision,
    updateType: 'withdrawal',
    changeNote: note,
    lastProfessionalChange: osloDayOrNull(previous.lastProfessionalChange ?? null) ?? today,
  }
}

/** The fields the revision rules check, as the admin labels them. */
export const REVISION_FIELD_LABELS: Record<RevisionRuleError['field'], string> = {
  updateType: 'Type endring',
  changeNote: 'Endringsmerknad',
  lastProfessionalChange: 'Siste faglige endring',
}

export type RevisionProblem = { field: RevisionRuleError['field']; message: string }

/**
 * Every rule a publish of this request would break, one problem per field, or the revision it
 * would make. The rules are decideRevision's; a date is checked also when another field stops
 * the publish first (unless the update type keeps the previous date), so that an editor sees
 * each problem at once.
 */
export const checkRevision = (
  args: Parameters<typeof decideRevision>[0],
): { stamp: RevisionStamp | null; problems: RevisionProblem[] } => {
  const problems: RevisionProblem[] = []
  const attempt = (request: PublishRequest): RevisionStamp | null => {
    try {
      return decideRevision({ ...args, request })
    } catch (error) {
      if (!(error instanceof RevisionRuleError)) throw error
      problems.push({ field: error.field, message: error.message })
      return null
    }
  }
  const stamp = attempt(args.request)
  // A date refused first may hide a problem of another field: look again without it.
  if (problems[0]?.field === 'lastProfessionalChange') attempt({ ...args.request, lastProfessionalChange: null })
  const { request, previous, today, restoringRevision } = args
  const keepsDate = request.updateType === 'minor' || request.updateType === 'withdrawal' || Boolean(restoringRevision)
  if (!keepsDate && !problems.some((p) => p.field === 'lastProfessionalChange')) {
    const day = osloDayOrNull(request.lastProfessionalChange ?? null)
    const previousDay = osloDayOrNull(previous?.lastProfessionalChange ?? null)
    if (day && day > today) problems.push({ field: 'lastProfessionalChange', message: dateInFutureMessage(day, today) })
    else if (day && previousDay && day !== previousDay && day < previousDay) {
      problems.push({ field: 'lastProfessionalChange', message: dateBeforePreviousMessage(day, previousDay) })
    }
  }
  // In the order of the form's fields.
  const order = Object.keys(REVISION_FIELD_LABELS)
  problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
  return { stamp: problems.length ? null : stamp, problems }
}
