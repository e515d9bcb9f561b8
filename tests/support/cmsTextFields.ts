/** The text fields of each content collection, by path: what an editor types in as plain text (addresses included). */
export const TEXT_PATHS: Record<'editions' | 'chapters' | 'goal-areas' | 'measures' | 'news', string[]> = {
  editions: ['title', 'slug', 'parts.title', 'parts.slug', 'source.publisher', 'source.url', 'source.licence'],
  chapters: ['title', 'slug', 'changeNote', 'footnotes.text', 'source.publisher', 'source.url', 'source.licence'],
  'goal-areas': ['editions.title', 'editions.effectGoals.text'],
  measures: ['title', 'description', 'source.publisher', 'source.url', 'source.licence'],
  news: [
    'kicker',
    'title',
    'slug',
    'publishedUnder',
    'publisher',
    'importantMeasures.text',
    'source.publisher',
    'source.url',
    'source.licence',
  ],
}
