/** What each kind of text block is called where an editor is told what changed in it. */
export const BLOCK_KIND_LABELS = {
  h: 'Overskrift',
  p: 'Avsnitt',
  li: 'Listepunkt',
  quote: 'Sitat',
  cell: 'Tabellcelle',
  note: 'Fotnote',
} as const

export type BlockKindLabel = keyof typeof BLOCK_KIND_LABELS
