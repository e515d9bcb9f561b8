import { validations, type TextField } from 'payload'

import { MAX_SLUG_LENGTH, relationId, SLUG_PATTERN } from '../lib/slugs'

/**
 * Checks made at every save (drafts included) of what the export to the reader site needs:
 * lengths, slug formats, required values and number ranges. Each rule answers in Norwegian,
 * on its own field, naming the rule and its limit, whatever language the request asked for.
 */

/** The longest value of each kind of text, in characters. */
export const LIMITS = {
  slug: MAX_SLUG_LENGTH,
  title: 200,
  shortText: 200,
  licence: 100,
  url: 500,
  listItem: 500,
  changeNote: 1000,
  footnote: 2000,
  description: 5000,
} as const

/** The range of each number the export reads. */
export const RANGES = {
  year: { min: 2000, max: 2100 },
  part: { min: 1, max: 99 },
  footnote: { min: 1, max: 999 },
} as const

/**
 * A field's `validate`, with what every field type's validation options have in common: the
 * whole document, the field's siblings, and whether a save (`submit`) or the admin's form as it
 * is filled in (`onChange`) is checked.
 */
export type Rule = (
  value: unknown,
  options: { data?: unknown; siblingData?: unknown; event?: 'onChange' | 'submit' },
) => string | true | Promise<string | true>

/** Characters as people count them (code points, not UTF-16 units). */
const lengthOf = (text: string) => Array.from(text).length

const isBlank = (value: unknown) =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '')

export const missingMessage = (subject: string) => `${subject} må fylles ut.`

export const tooLongMessage = (subject: string, max: number, actual: number) =>
  `${subject} kan ha høyst ${max} tegn (har ${actual}).`

export const integerRangeMessage = (subject: string, min: number, max: number) =>
  `${subject} må være et heltall fra ${min} til ${max}.`

export const SLUG_SUBJECT = 'Adressen (slug)'

export const SLUG_FORMAT_MESSAGE = `${SLUG_SUBJECT} kan bare ha små bokstaver a–z, tall og bindestrek, for eksempel «del-1». Bindestreken står mellom ord, ikke først, sist eller to på rad.`

export const SLUG_MISSING_MESSAGE = `${SLUG_SUBJECT} må fylles ut. Skriv den selv, eller gi en tittel med bokstaver eller tall, så lages den fra tittelen.`

export const URL_FORMAT_MESSAGE =
  'Kildeadressen må være en nettadresse som begynner med https:// eller http://, for eksempel https://www.helsedirektoratet.no.'

/** The first message of several rules, checked in order. */
export const allOf =
  (...rules: Rule[]): Rule =>
  async (value, options) => {
    for (const rule of rules) {
      const result = await rule(value, options)
      if (result !== true) return result
    }
    return true
  }

/** Text of at most `max` characters; when required, not empty or only spaces. */
export const textRule =
  (subject: string, max: number, opts: { required?: boolean } = {}): Rule =>
  (value) => {
    if (isBlank(value)) return opts.required ? missingMessage(subject) : true
    if (typeof value !== 'string') return `${subject} må være tekst.`
    const length = lengthOf(value)
    return length > max ? tooLongMessage(subject, max, length) : true
  }

/**
 * A slug as the snapshot requires it, at most LIMITS.slug characters. Only a missing value
 * counts as empty: spaces are not a slug, and the export would refuse them.
 */
export const slugRule =
  (opts: { required?: boolean } = {}): Rule =>
  (value) => {
    if (value === null || value === undefined || value === '') return opts.required ? SLUG_MISSING_MESSAGE : true
    if (typeof value !== 'string' || !SLUG_PATTERN.test(value)) return SLUG_FORMAT_MESSAGE
    return value.length > LIMITS.slug ? tooLongMessage(SLUG_SUBJECT, LIMITS.slug, value.length) : true
  }

/** A whole number from `min` to `max`; an empty value passes unless required. */
export const integerRule =
  (subject: string, range: { min: number; max: number }, opts: { required?: boolean } = {}): Rule =>
  (value) => {
    if ((value === null || value === undefined || value === '') && !opts.required) return true
    return Number.isInteger(value) && (value as number) >= range.min && (value as number) <= range.max
      ? true
      : integerRangeMessage(subject, range.min, range.max)
  }

const listed = (labels: string[]) =>
  labels.length === 1
    ? `«${labels[0]}»`
    : `${labels
        .slice(0, -1)
        .map((l) => `«${l}»`)
        .join(', ')} eller «${labels.at(-1)}»`

/** One of the given options (a select or radio field's), named by their labels in the message. */
export const choiceRule =
  (
    subject: string,
    options: ReadonlyArray<{ value: string; label: string }>,
    opts: { required?: boolean } = {},
  ): Rule =>
  (value) => {
    if ((value === null || value === undefined || value === '') && !opts.required) return true
    return options.some((o) => o.value === value) ? true : `${subject} må være ${listed(options.map((o) => o.label))}.`
  }

/** A relationship that must be chosen; Payload's own check of the id follows. */
export const requiredRelation =
  (message: string): Rule =>
  (value, options) =>
    relationId(value) === null ? message : validations.relationship(value as never, options as never)

const keyOf = (value: unknown) => {
  const id = relationId(value)
  return id === null ? null : String(id)
}

/**
 * A value used in only one row of the array `arrayName` at the top of the document. Every row
 * holding a repeated value gets the message.
 */
export const distinctInRows =
  (arrayName: string, fieldName: string, message: (value: unknown) => string): Rule =>
  (value, { data }) => {
    const key = keyOf(value)
    if (key === null) return true
    const rows = (data as Record<string, unknown> | undefined)?.[arrayName]
    if (!Array.isArray(rows)) return true
    const uses = rows.filter((row) => keyOf((row as Record<string, unknown> | null)?.[fieldName]) === key).length
    return uses > 1 ? message(value) : true
  }

/** An optional http(s) address of at most LIMITS.url characters. */
export const httpUrlRule: Rule = (value) => {
  if (isBlank(value)) return true
  if (typeof value !== 'string') return URL_FORMAT_MESSAGE
  const length = lengthOf(value)
  if (length > LIMITS.url) return tooLongMessage('Kildeadressen', LIMITS.url, length)
  if (!/^https?:\/\/\S+$/i.test(value)) return URL_FORMAT_MESSAGE
  try {
    new URL(value)
    return true
  } catch {
    return URL_FORMAT_MESSAGE
  }
}

/**
 * The number of a row in a numbered list (a part of an edition, a footnote of a chapter): a
 * whole number in its range, required, and used by one row only.
 */
export const rowNumberField = (
  rows: string,
  label: string,
  subject: string,
  range: { min: number; max: number },
  taken: Parameters<typeof distinctInRows>[2],
) => ({
  name: 'number',
  type: 'number' as const,
  label,
  required: true,
  min: range.min,
  max: range.max,
  validate: allOf(integerRule(subject, range, { required: true }), distinctInRows(rows, 'number', taken)),
})

/** A document's title: required, at most LIMITS.title characters. */
export const titleField = {
  name: 'title',
  type: 'text',
  label: 'Tittel',
  required: true,
  validate: textRule('Tittelen', LIMITS.title, { required: true }),
} satisfies TextField
