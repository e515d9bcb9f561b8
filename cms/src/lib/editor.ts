import {
  BlocksFeature,
  EXPERIMENTAL_TableFeature,
  lexicalEditor,
  LinkFeature,
  type LinkFeatureServerProps,
} from '@payloadcms/richtext-lexical'
import { deepMergeSimple } from 'payload'

import { LEXICAL_NB } from '../admin/norwegian'
import { FootnoteRef } from '../blocks/FootnoteRef'
import { linkUrlRule, richTextLinksProblem } from '../fields/links'

/**
 * A link's fields as Payload defines them, but its address is checked with our rule and
 * stored as typed: Payload's own `url` field percent-encodes, on every save, an address its
 * check does not recognise, so such an address grew with each save (`%2526%2523106%253B…`).
 */
const linkFields: LinkFeatureServerProps['fields'] = ({ defaultFields }) =>
  defaultFields.map((field) =>
    field.type === 'text' && field.name === 'url'
      ? ({ ...field, hooks: { ...field.hooks, beforeChange: [] }, validate: linkUrlRule } as typeof field)
      : field,
  )

const editor = lexicalEditor({
  features: ({ defaultFeatures }) => [
    ...defaultFeatures
      .filter((feature) => feature.key !== 'upload' && feature.key !== 'relationship')
      .map((feature) => (feature.key === 'link' ? LinkFeature({ fields: linkFields }) : feature)),
    EXPERIMENTAL_TableFeature(),
    BlocksFeature({ inlineBlocks: [FootnoteRef] }),
  ],
})

/**
 * The rich-text editor for report text: Payload's default features (paragraphs, headings,
 * lists, links, quotes, inline formatting) plus tables and footnote markers. A save whose text
 * has a link with an address that cannot be stored is refused, naming the field, the paragraph
 * and the link, in Norwegian (see fields/links.ts), before the editor's own checks.
 */
export const reportEditor: ReturnType<typeof lexicalEditor> = async (args) => {
  const adapter = await editor(args)
  // The editor has just merged its translations into the config's: some wording goes over them.
  const translations = args.config.i18n?.translations as
    Record<string, Record<string, Record<string, unknown>>> | undefined
  const lexical = translations?.nb?.lexical
  if (lexical) {
    for (const [feature, keys] of Object.entries(LEXICAL_NB))
      lexical[feature] = deepMergeSimple((lexical[feature] ?? {}) as object, keys)
  }
  return {
    ...adapter,
    validate: async (value, options) => {
      const label = typeof options.label === 'string' ? options.label : 'Teksten'
      const links = richTextLinksProblem(value, label)
      return links === true ? adapter.validate(value, options) : links
    },
  }
}
