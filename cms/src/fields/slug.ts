import type { FieldHook, TextField } from 'payload'

import { MAX_SLUG_LENGTH, relationId, slugFromTitle, slugify, truncateSlug } from '../lib/slugs'
import { slugRule, type Rule } from './validation'

/**
 * The slug a save stores: one someone typed, tidied (lower case, hyphens between words) but
 * never shortened, so that a typed slug that is too long is refused with a message; else, when
 * nothing with a letter or digit was typed, the title's, cut at a word boundary to the longest
 * slug allowed, so that a long title never gives an invalid slug. Undefined when neither is
 * there (an update that changes neither).
 */
const slugToStore = (typed: unknown, source: unknown): string | undefined => {
  const tidied = typeof typed === 'string' ? slugify(typed) : ''
  if (tidied !== '') return tidied
  if (typeof source === 'string') return slugFromTitle(source)
  return typeof typed === 'string' ? tidied : undefined
}

type Finder = { payload: { find: (args: Record<string, unknown>) => Promise<{ totalDocs: number }> } }

/**
 * Whether another document of the collection has this slug already (within the same value of
 * `within`, e.g. the same edition, when given).
 */
const slugTaken = async (
  slug: string,
  args: {
    id?: number | string | null
    collectionSlug?: string
    req?: Finder
    within?: { field: string; value: unknown }
  },
): Promise<boolean> => {
  const { id, collectionSlug, req, within } = args
  if (!collectionSlug || !req) return false
  const scope = within ? relationId(within.value) : null
  const others = await req.payload.find({
    collection: collectionSlug,
    where: {
      and: [
        { slug: { equals: slug } },
        ...(id !== undefined && id !== null ? [{ id: { not_equals: id } }] : []),
        ...(within && scope !== null ? [{ [within.field]: { equals: scope } }] : []),
      ],
    },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    draft: true,
    req,
  })
  return others.totalDocs > 0
}

/**
 * The slug a save stores; one made from the title that another document already has (in the
 * same edition, for `within`) gets the first free number: `kapittel-2`, `kapittel-3`, ….
 */
const fillFromTitle =
  (sourceField: string, within: string | undefined): FieldHook =>
  async ({ value, data, originalDoc, req, collection }) => {
    const slug = slugToStore(value, data?.[sourceField])
    const typed = typeof value === 'string' && slugify(value) !== ''
    if (!slug || typed || !within) return slug ?? value
    const scope = { field: within, value: data?.[within] ?? originalDoc?.[within] }
    const id = (originalDoc as { id?: number | string } | undefined)?.id
    for (let n = 1; n < 100; n++) {
      const candidate = n === 1 ? slug : `${truncateSlug(slug, MAX_SLUG_LENGTH - String(n).length - 1)}-${n}`
      if (
        !(await slugTaken(candidate, {
          id,
          collectionSlug: collection?.slug,
          req: req as unknown as Finder,
          within: scope,
        }))
      )
        return candidate
    }
    return slug
  }

export const slugTakenMessage = (slug: string, within?: string) =>
  within
    ? `Adressen (slug) «${slug}» brukes allerede av et annet kapittel i denne utgaven. Gi kapitlet en annen adresse.`
    : `Adressen (slug) «${slug}» er allerede i bruk. Hver adresse kan bare brukes én gang.`

type SlugOptions = Parameters<Rule>[1] & {
  id?: number | string
  collectionSlug?: string
  req?: Finder
}

/**
 * Checks the slug a save stores. A save has run the hook above; the admin checks its form while
 * it is being filled in, before the hook, so there the slug is checked as the hook will make it.
 * A unique slug is looked up, so that a slug in use is refused with its own message.
 */
const validateSlug = (sourceField: string, unique: boolean, within: string | undefined): Rule => {
  const rule = slugRule({ required: true })
  return async (value, options) => {
    const source = (options.siblingData as Record<string, unknown> | undefined)?.[sourceField]
    const slug = options.event === 'submit' ? value : (slugToStore(value, source) ?? value)
    const result = await rule(slug, options)
    // While the admin's form is filled in, a slug made from the title is numbered at save: only a saved one is looked up.
    if (result !== true || !(unique || within) || (within && options.event !== 'submit')) return result
    const { id, collectionSlug, req } = options as SlugOptions
    const scope = within
      ? { field: within, value: (options.data as Record<string, unknown> | undefined)?.[within] }
      : undefined
    return (await slugTaken(slug as string, { id, collectionSlug, req, within: scope }))
      ? slugTakenMessage(slug as string, within)
      : true
  }
}

/**
 * A URL slug, filled from another field when left empty; part of the permanent URL. With
 * `uniqueWithin` (a relationship field, e.g. the edition), no two documents with the same value
 * there have the same slug: a slug made from the title is numbered, a typed one is refused.
 */
export const slugField = (
  sourceField = 'title',
  overrides: Partial<TextField> = {},
  uniqueWithin?: string,
): TextField =>
  ({
    name: 'slug',
    type: 'text',
    label: 'Adresse (slug)',
    index: true,
    admin: {
      position: 'sidebar',
      description:
        'Del av den faste nettadressen. Lages fra tittelen hvis feltet står tomt. Endre ikke etter publisering.',
    },
    hooks: { beforeValidate: [fillFromTitle(sourceField, uniqueWithin)] },
    validate: validateSlug(sourceField, overrides.unique === true, uniqueWithin),
    ...(overrides as object),
  }) as TextField
