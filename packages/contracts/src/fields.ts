/**
 * The values both contracts are made of: the importer's content (content.ts) and the published
 * snapshot (snapshot.ts) name days, slugs, goal areas and measures the same way.
 */
import { z } from 'zod'

import { SLUG_PATTERN } from './slug'

/** A calendar day in Oslo, as YYYY-MM-DD (see dates.ts). */
export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')

/** The longest slug: a slug names files and folders (`<slug>.json`, `<slug>/index.html`), and a file system takes 255 bytes a name. */
export const SLUG_MAX_LENGTH = 120
export const slug = z.string().max(SLUG_MAX_LENGTH).regex(SLUG_PATTERN, 'a lower-case slug')

/** Målområde 1–3. */
export const goalAreaNumber = z.number().int().min(1).max(3)
/** Tiltak 1–17. */
export const measureNumber = z.number().int().min(1).max(17)
/** A part of an edition, and the number of a footnote: 1, 2, … */
export const ordinal = z.number().int().positive()

export const editionStatus = z.enum(['current', 'superseded'])
export const measureStatusSchema = z.enum(['notStarted', 'inProgress', 'completed'])
/** A chapter, or the text that opens a part of an edition. */
export const chapterKind = z.enum(['chapter', 'partIntro'])

export const licenceSchema = z.object({ name: z.string(), url: z.string() })
