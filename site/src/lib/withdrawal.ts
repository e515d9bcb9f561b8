import type { Chapter, Revision } from '@rapport/contracts/snapshot'

/** What a withdrawal notice says: when the chapter was withdrawn and why. */
export type Withdrawal = { date: string; explanation: string }

/**
 * The withdrawal a page of the chapter announces, or null: on a withdrawal revision's own page
 * that withdrawal; on every other page the chapter's current one, if it is withdrawn now (a
 * later major or minor revision reinstates it).
 */
export const withdrawalOf = (chapter: Chapter, revision?: Revision): Withdrawal | null => {
  const shown = revision?.updateType === 'withdrawal' ? revision : chapter.revisions.at(-1)
  return shown?.updateType === 'withdrawal' ? { date: shown.publishedAt, explanation: shown.changeNote ?? '' } : null
}
