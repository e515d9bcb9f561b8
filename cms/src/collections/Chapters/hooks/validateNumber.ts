import type { TextFieldSingleValidation } from 'payload'

import { COLLECTIONS, relationId } from '../../../lib/slugs'
import type { Chapter } from '../../../payload-types'
import { CHAPTER_NUMBER, chapterNumberFormatMessage, chapterNumberTakenMessage } from '../chapterNumber'

/** A chapter's number has the form N or N.N and is used once per edition; a part intro has none. */
export const validateChapterNumber: TextFieldSingleValidation = async (value, { data, id, req }) => {
  const chapter = data as Partial<Chapter> | undefined
  const kind = chapter?.kind ?? 'chapter'
  const number = typeof value === 'string' ? value.trim() : ''
  if (kind === 'partIntro') return true
  if (number === '') return 'Et kapittel må ha et kapittelnummer, for eksempel 2.1.'
  if (!CHAPTER_NUMBER.test(number)) return chapterNumberFormatMessage(number)
  const edition = relationId(chapter?.edition)
  if (edition === null) return true // the edition field reports its own absence
  const others = await req.payload.find({
    collection: COLLECTIONS.chapters,
    where: {
      and: [
        { edition: { equals: edition } },
        { number: { equals: number } },
        ...(id !== undefined && id !== null ? [{ id: { not_equals: id } }] : []),
      ],
    },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return others.totalDocs > 0 ? chapterNumberTakenMessage(number) : true
}
