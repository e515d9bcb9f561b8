/**
 * The site's content collections carry the snapshot's types: each loader brings its schema
 * (site/src/lib/snapshot/loader.ts), so getCollection gives the pages typed data, not `any`.
 * These are type assertions: `npm run typecheck` fails when a collection loses its type.
 */
import type { CollectionEntry } from 'astro:content'
import { expectTypeOf, it } from 'vitest'

import type { Edition, GoalArea, Measure, News, Snapshot, StoredChapter } from '@rapport/contracts/snapshot'

it('each content collection has the type of its snapshot schema', () => {
  expectTypeOf<CollectionEntry<'report'>['data']>().toEqualTypeOf<Snapshot['report']>()
  expectTypeOf<CollectionEntry<'editions'>['data']>().toEqualTypeOf<Edition>()
  expectTypeOf<CollectionEntry<'chapters'>['data']>().toEqualTypeOf<StoredChapter>()
  expectTypeOf<CollectionEntry<'measures'>['data']>().toEqualTypeOf<Measure>()
  expectTypeOf<CollectionEntry<'goalAreas'>['data']>().toEqualTypeOf<GoalArea>()
  expectTypeOf<CollectionEntry<'news'>['data']>().toEqualTypeOf<News>()
})
