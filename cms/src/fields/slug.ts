import type { FieldHook, TextField } from 'payload'

import { slugFromTitle, slugify } from '../lib/slugs'
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

const fillFromTitle =
  (sourceField: string): FieldHook =>
  ({ value, data }) =>
    slugToStore(value, data?.[sourceField]) ?? value

export const slugTakenMessage = (slug: string) => `Adressen (slug) «${slug}» er allerede i bruk. Hver adresse kan bare brukes én gang.`

type SlugOptions = Parameters<Rule>[1] & {
  id?: number | string
  collectionSlug?: string
  req?: { payload: { find: (args: Record<string, unknown>) => Promise<{ totalDocs: number }> } }
}

/** Whether another document of the collection has this slug already. */
const slugTaken = async (slug: string, { id, collectionSlug, req }: SlugOptions): Promise<boolean> => {
  if (!collectionSlug || !req) return false
  const others = await req.payload.find({
    collection: collectionSlug,
    where: { and: [{ slug: { equals: slug } }, ...(id !== undefined && id !== null ? [{ id: { not_equals: id } }] : [])] },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return others.totalDocs > 0
}

/**
 * Checks the slug a save stores. A save has run the hook above; the admin checks its form while
 * it is being filled in, before the hook, so there the slug is checked as the hook will make it.
 * A unique slug is looked up, so that a slug in use is refused with its own message.
 */
const validateSlug = (sourceField: string, unique: boolean): Rule => {
  const rule = slugRule({ required: true })
  return async (value, options) => {
    const source = (options.siblingData as Record<string, unknown> | undefined)?.[sourceField]
    const slug = options.event === 'submit' ? value : (slugToStore(value, source) ?? value)
    const result = await rule(slug, options)
    if (result !== true || !unique) return result
    return (await slugTaken(slug as string, options as SlugOptions)) ? slugTakenMessage(slug as string) : true
  }
}

/** A URL slug, filled from another field when left empty; part of the permanent URL. */
export const slugField = (sourceField = 'title', overrides: Partial<TextField> = {}): TextField => ({
  name: 'slug',
  type: 'text',
  label: 'Adresse (slug)',
  index: true,
  admin: {
    position: 'sidebar',
    description: 'Del av den faste nettadressen. Lages fra tittelen hvis feltet står tomt. Endre ikke etter publisering.',
  },
  hooks: { beforeValidate: [fillFromTitle(sourceField)] },
  validate: validateSlug(sourceField, overrides.unique === true),
  ...(overrides as object),
}) as TextField
