/** The rich-text editor's JSON, as far as the checks, the export and the link rules read it. */
export type LexicalNode = {
  type: string
  text?: string
  tag?: string
  children?: LexicalNode[]
  fields?: Record<string, unknown>
}

export type LexicalState = { root: LexicalNode }
