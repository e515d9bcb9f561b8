import type { Revision } from '@rapport/contracts/snapshot'
import { editChapter, revision } from '../site/fixture'

/**
 * Adds a revision to a chapter in this snapshot folder: the last one again, numbered next,
 * published 10 January 2025 as a minor change, with what `change` makes of the last one on top.
 */
export const appendRevision = (
  dir: string,
  edition: string,
  slug: string,
  change: (last: Revision) => Partial<Revision>,
) =>
  editChapter(dir, edition, slug, (c) => {
    const last = c.revisions.at(-1)!
    c.revisions.push(
      revision({
        ...last,
        revision: last.revision + 1,
        publishedAt: '2025-01-10T09:00:00.000Z',
        updateType: 'minor',
        ...change(last),
      }),
    )
  })
