import type { CollectionSlug, Endpoint } from 'payload'

import { roleOf } from '../../access/roles'
import { checkChapter, type CheckedChapter } from '../../crossref/checker'
import type { LexicalState } from '../../crossref/lexicalText'
import { COLLECTIONS, relationId } from '../../lib/slugs'

import type { Chapter } from '../../payload-types'

/** The chapter form's values as the admin sends them: any field may be missing or half-typed. */
type ChapterForm = Partial<Omit<Chapter, 'footnotes'>> & {
  footnotes?: Array<{ number?: number | string | null; text?: string | null }> | number | null
}

/**
 * POST /api/chapters/check-references with `{ id, data }` (the form's current values): the
 * cross-reference checker's findings for that chapter against the rest of the report. The
 * admin shows them in the chapter's sidebar before publishing.
 */
export const checkReferencesEndpoint: Endpoint = {
  path: '/check-references',
  method: 'post',
  handler: async (req) => {
    if (!roleOf(req.user)) return Response.json({ errors: [{ message: 'Du må være innlogget.' }] }, { status: 403 })
    const body = (await req.json?.()) as { id?: number | string | null; data?: ChapterForm } | undefined
    const data: ChapterForm = body?.data ?? {}
    const find = <C extends CollectionSlug>(collection: C) =>
      req.payload
        .find({ collection, limit: 0, pagination: false, depth: 0, draft: true, overrideAccess: true, req })
        .then((r) => r.docs)
    const [editions, chapters, measures] = await Promise.all([
      find(COLLECTIONS.editions),
      find(COLLECTIONS.chapters),
      find(COLLECTIONS.measures),
    ])
    const editionSlug = new Map(editions.map((e) => [String(e.id), e.slug as string]))
    const slugOf = (value: unknown) => editionSlug.get(String(relationId(value))) ?? ''

    const checked: CheckedChapter = {
      edition: slugOf(data.edition),
      slug: data.slug || (body?.id ? `#${body.id}` : '(nytt kapittel)'),
      number: data.kind === 'partIntro' ? null : (data.number ?? null),
      title: data.title ?? '',
      body: (data.body as LexicalState) ?? null,
      // The admin's form state gives an empty array as its row count.
      footnotes: (Array.isArray(data.footnotes) ? data.footnotes : []).map((f) => ({
        number: Number(f.number),
        text: f.text ?? '',
      })),
    }
    const others = chapters
      .filter((c) => String(c.id) !== String(body?.id ?? ''))
      .map((c) => ({
        edition: slugOf(c.edition),
        slug: c.slug as string,
        number: c.kind === 'partIntro' ? null : (c.number ?? null),
      }))
    const findings = checkChapter(checked, {
      chapters: [...others, { edition: checked.edition, slug: checked.slug, number: checked.number }],
      measures: measures.map((m) => ({ number: m.number, title: m.title ?? '' })),
    })
    return Response.json({ findings })
  },
}
