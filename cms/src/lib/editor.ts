import {
  BlocksFeature,
  EXPERIMENTAL_TableFeature,
  lexicalEditor,
} from '@payloadcms/richtext-lexical'

import { FootnoteRef } from '../blocks/FootnoteRef'

/**
 * The rich-text editor for report text: Payload's default features (paragraphs, headings,
 * lists, links, quotes, inline formatting) plus tables and footnote markers.
 */
export const reportEditor = lexicalEditor({
  features: ({ defaultFeatures }) => [
    ...defaultFeatures.filter((feature) => feature.key !== 'upload' && feature.key !== 'relationship'),
    EXPERIMENTAL_TableFeature(),
    BlocksFeature({ inlineBlocks: [FootnoteRef] }),
  ],
})
