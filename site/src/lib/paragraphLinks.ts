/**
 * What the pages' script needs to follow a link to a paragraph a version no longer has (see
 * paragraphs.ts): plain code without Node, run in the browser too.
 */

/** Every paragraph id begins so: a fragment without it names a heading or a footnote. */
export const PARAGRAPH_ID_PREFIX = 'avsnitt-'

/** Where a paragraph id stopped being in the text: the comparison of revision `a` with `b`. */
export type Removal = [a: number, b: number]

/** Each paragraph id a chapter's text lost, with the comparisons where that happened, oldest first (versjoner/avsnitt.json). */
export type RemovedParagraphs = Record<string, Removal[]>

/**
 * The comparison a link to a paragraph should land on when the page of revision `at` lacks it:
 * the latest one at or before `at` that removed it, or null (the paragraph was not in the
 * chapter before `at`, or was never removed).
 * @example removalFor({ 'avsnitt-x': [[1, 2], [3, 4]] }, 'avsnitt-x', 3) // [1, 2]
 */
export const removalFor = (removed: RemovedParagraphs, id: string, at: number): Removal | null =>
  (Object.hasOwn(removed, id) ? removed[id] : []).filter(([, b]) => b <= at).at(-1) ?? null
