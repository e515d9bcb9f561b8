import type { Block } from 'payload'

/** An inline footnote marker in a chapter body; its note lives in the chapter's footnotes. */
export const FootnoteRef: Block = {
  slug: 'footnoteRef',
  interfaceName: 'FootnoteRefBlock',
  labels: { singular: 'Fotnotehenvisning', plural: 'Fotnotehenvisninger' },
  fields: [
    {
      name: 'note',
      type: 'number',
      label: 'Fotnote nr.',
      required: true,
      min: 1,
      admin: { description: 'Nummeret på fotnoten i listen «Fotnoter» nederst i kapitlet.' },
    },
  ],
}
