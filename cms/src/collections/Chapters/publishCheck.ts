/**
 * The pre-publish check: what a publish will change against the live version of a chapter,
 * worked out with the same block and word comparison as the reader site's redline
 * (site/src/lib/diff.ts), and the update type that fits it.
 *
 * The suggestion is «Redaksjonell endring» when every change is editorial, and «Faglig
 * endring» as soon as one is not (the README's «Pre-publish check» explains the rule):
 * - editorial: a changed paragraph, footnote or title where every changed run of words differs
 *   only in punctuation, whitespace or capital letters, or replaces each word by one spelled
 *   nearly alike (at most 1 letter edited in a word of up to 6 letters, at most 2 in a longer
 *   one) with no digit in either; formatting (bold, italics, links) with the same text;
 * - substance: a paragraph or footnote added or removed, any other changed words (a number, a
 *   word added or taken away, a word replaced by another), a measure added or removed, a new
 *   chapter number, and a first publish.
 * «Siste faglige endring» is shown but does not decide: the revision rules set it.
 */
import DiffMatchPatch from 'diff-match-patch'

import { compareBlocks, htmlBlocks, type Block, type Part } from '@rapport/site/lib/diff'
import { footnoteToHtml, richTextToHtml, type LexicalState } from '../../export/richText'
import { norwegianDay, osloDayOrNull } from '../../lib/dates'
import { UPDATE_TYPE_LABELS } from './revisionRules'
import { BLOCK_KIND_LABELS } from './blockKinds'

/** A chapter as the check compares it: the live published version, or the draft to publish. */
export type ChapterState = {
  title?: string | null
  number?: string | null
  lastProfessionalChange?: string | Date | null
  body?: LexicalState | null
  footnotes?: Array<{ number?: number | string | null; text?: string | null }> | null
  /** The measures the chapter names, with their numbers («tiltak N»). */
  measures?: Array<{ number: number; title?: string | null }> | null
}

export type BlockKind = Block['kind']

/** One paragraph (or heading, list item, cell, footnote) that the publish changes. */
export type ParagraphChange =
  | { type: 'added'; kind: BlockKind; position: number; text: string }
  | { type: 'removed'; kind: BlockKind; position: number; text: string }
  | { type: 'changed'; kind: BlockKind; position: number; parts: Part[]; editorial: boolean }

export type MeasureRef = { number: number; title: string | null }

export type PublishCheck = {
  firstPublish: boolean
  /** Nothing readers see differs from the live version. */
  unchanged: boolean
  paragraphs: ParagraphChange[]
  footnotes: ParagraphChange[]
  /** The text is the same, but its formatting (bold, italics, links, lists) is not. */
  formattingChanged: boolean
  measures: { added: MeasureRef[]; removed: MeasureRef[] }
  title: { before: string; after: string; editorial: boolean } | null
  number: { before: string | null; after: string | null } | null
  lastProfessionalChange: { before: string | null; after: string | null } | null
  suggestion: { updateType: 'major' | 'minor'; label: string; reasons: string[] }
}

const dmp = new DiffMatchPatch()

/** Words (letters and digits), in lower case: what is left of a text when punctuation, spacing and case are set aside. */
const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []

/** The letters two words differ by (Levenshtein distance, by diff-match-patch). */
export const letterDistance = (a: string, b: string): number => dmp.diff_levenshtein(dmp.diff_main(a, b, false))

/**
 * Whether one word replacing another is a spelling fix: no digit in either, and at most 1
 * letter edited in a word of up to 6 letters, at most 2 in a longer one.
 * @example isSpellingFix('tjenesten', 'tjensten') // true
 * @example isSpellingFix('fem', 'seks') // false
 */
export const isSpellingFix = (before: string, after: string): boolean => {
  if (before === after) return true
  if (/\p{N}/u.test(before) || /\p{N}/u.test(after)) return false
  const longest = Math.max([...before].length, [...after].length)
  return letterDistance(before, after) <= (longest <= 6 ? 1 : 2)
}

/**
 * Whether a changed run of text is editorial: the same words once punctuation, spacing and
 * case are set aside, or as many words, each a spelling fix of the one it replaces.
 */
export const isEditorialEdit = (removed: string, added: string): boolean => {
  const a = wordsOf(removed)
  const b = wordsOf(added)
  if (a.length !== b.length) return false
  return a.every((word, i) => isSpellingFix(word, b[i]))
}

/**
 * The runs of a word diff where the texts differ, each as what was removed and what was added.
 * A run ends at unchanged text that holds a word: a space or comma between two edits joins them.
 */
export const changedRuns = (parts: Part[]): Array<{ removed: string; added: string }> => {
  const runs: Array<{ removed: string; added: string }> = []
  let run: { removed: string; added: string } | null = null
  for (const p of parts) {
    if (p.op === 0 && wordsOf(p.text).length > 0) {
      run = null
      continue
    }
    if (!run) runs.push((run = { removed: '', added: '' }))
    if (p.op === -1) run.removed += p.text
    else if (p.op === 1) run.added += p.text
    else {
      run.removed += p.text
      run.added += p.text
    }
  }
  return runs.filter((r) => r.removed !== r.added)
}

/** Whether a changed paragraph's edits are all editorial. */
export const isEditorialChange = (parts: Part[]): boolean =>
  changedRuns(parts).every((r) => isEditorialEdit(r.removed, r.added))

type Text = { html: string; blocks: Block[] }

const textOf = (state: ChapterState): Text => {
  const { html } = richTextToHtml(state.body ?? null)
  const notes = [...(state.footnotes ?? [])]
    .filter((f) => f && (f.text ?? '').trim() !== '')
    .map((f) => ({ number: Number(f.number), html: footnoteToHtml(f.text ?? '') }))
    .sort((a, b) => a.number - b.number)
  return { html, blocks: htmlBlocks(html, notes) }
}

/** The block changes of two texts, numbered by their place in the version that has them (1 = first paragraph). */
const blockChanges = (before: Block[], after: Block[]): ParagraphChange[] => {
  const out: ParagraphChange[] = []
  let inBefore = 0
  let inAfter = 0
  for (const change of compareBlocks(before, after)) {
    if (change.type === 'same') {
      inBefore++
      inAfter++
    } else if (change.type === 'added')
      out.push({ type: 'added', kind: change.block.kind, position: ++inAfter, text: change.block.text })
    else if (change.type === 'removed')
      out.push({ type: 'removed', kind: change.block.kind, position: ++inBefore, text: change.block.text })
    else {
      inBefore++
      out.push({
        type: 'changed',
        kind: change.after.kind,
        position: ++inAfter,
        parts: change.parts,
        editorial: isEditorialChange(change.parts),
      })
    }
  }
  return out
}

const measureRefs = (state: ChapterState | null): Map<number, MeasureRef> =>
  new Map((state?.measures ?? []).map((m) => [Number(m.number), { number: Number(m.number), title: m.title ?? null }]))

const clean = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim()

const WHERE: Record<BlockKind, string> = BLOCK_KIND_LABELS

/** Where a change is, in Norwegian: «avsnitt 3», «fotnote 2». */
export const placeOf = (change: ParagraphChange): string =>
  change.kind === 'note'
    ? `fotnote ${footnoteNumber(change)}`
    : `${WHERE[change.kind].toLowerCase()} ${change.position}`

const footnoteNumber = (change: ParagraphChange): string => {
  const text =
    change.type === 'changed'
      ? change.parts
          .filter((p) => p.op !== 1)
          .map((p) => p.text)
          .join('')
      : change.text
  return /^\[(\d+)\]/.exec(text)?.[1] ?? String(change.position)
}

const substanceReasons = (check: Omit<PublishCheck, 'suggestion' | 'unchanged'>): string[] => {
  if (check.firstPublish) return ['Kapitlet publiseres for første gang.']
  const reasons: string[] = []
  for (const change of [...check.paragraphs, ...check.footnotes]) {
    const place = placeOf(change)
    if (change.type === 'added') reasons.push(`${capitalize(place)} er lagt til.`)
    else if (change.type === 'removed') reasons.push(`${capitalize(place)} er fjernet.`)
    else if (!change.editorial)
      reasons.push(`${capitalize(place)} har endret innhold, ikke bare skrivemåte eller tegnsetting.`)
  }
  for (const m of check.measures.added) reasons.push(`Tiltak ${m.number} er lagt til.`)
  for (const m of check.measures.removed) reasons.push(`Tiltak ${m.number} er fjernet.`)
  if (check.title && !check.title.editorial) reasons.push('Tittelen har endret innhold.')
  if (check.number) reasons.push('Kapittelnummeret er endret.')
  return reasons
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * What publishing `draft` over `live` changes (null `live`: a first publish, everything new),
 * and the update type the changes suggest.
 */
export const comparePublish = (live: ChapterState | null, draft: ChapterState): PublishCheck => {
  const after = textOf(draft)
  const before = live ? textOf(live) : { html: '', blocks: [] }
  const changes = blockChanges(before.blocks, after.blocks)
  const paragraphs = changes.filter((c) => c.kind !== 'note')
  const footnotes = changes.filter((c) => c.kind === 'note')
  const formattingChanged = live !== null && changes.length === 0 && before.html !== after.html

  const liveMeasures = measureRefs(live)
  const draftMeasures = measureRefs(draft)
  const byNumber = (a: MeasureRef, b: MeasureRef) => a.number - b.number
  const measures = {
    added: [...draftMeasures.values()].filter((m) => !liveMeasures.has(m.number)).sort(byNumber),
    removed: [...liveMeasures.values()].filter((m) => !draftMeasures.has(m.number)).sort(byNumber),
  }

  const titleBefore = clean(live?.title)
  const titleAfter = clean(draft.title)
  const title =
    titleBefore !== titleAfter
      ? { before: titleBefore, after: titleAfter, editorial: live !== null && isEditorialEdit(titleBefore, titleAfter) }
      : null
  const numberBefore = clean(live?.number) || null
  const numberAfter = clean(draft.number) || null
  const number = numberBefore !== numberAfter ? { before: numberBefore, after: numberAfter } : null
  const dayBefore = osloDayOrNull(live?.lastProfessionalChange ?? null)
  const dayAfter = osloDayOrNull(draft.lastProfessionalChange ?? null)
  const lastProfessionalChange = dayBefore !== dayAfter ? { before: dayBefore, after: dayAfter } : null

  const found = {
    firstPublish: live === null,
    paragraphs,
    footnotes,
    formattingChanged,
    measures,
    title,
    number,
    lastProfessionalChange,
  }
  const reasons = substanceReasons(found)
  const unchanged =
    live !== null &&
    changes.length === 0 &&
    !formattingChanged &&
    measures.added.length === 0 &&
    measures.removed.length === 0 &&
    !title &&
    !number
  const updateType = reasons.length > 0 ? 'major' : 'minor'
  return {
    ...found,
    unchanged,
    suggestion: {
      updateType,
      label: UPDATE_TYPE_LABELS[updateType],
      reasons:
        reasons.length > 0
          ? reasons
          : [
              unchanged
                ? 'Ingenting leserne ser, er endret.'
                : 'Bare skrivemåte, tegnsetting, mellomrom eller formatering er endret.',
            ],
    },
  }
}

/** The check's findings as sentences in Norwegian, for a message or a log. */
export const describePublishCheck = (check: PublishCheck): string[] => {
  if (check.firstPublish) return ['Kapitlet publiseres for første gang: alt innholdet er nytt.']
  if (check.unchanged) return ['Ingenting leserne ser, er endret.']
  const lines: string[] = []
  const count = (type: ParagraphChange['type'], list: ParagraphChange[]) => list.filter((c) => c.type === type).length
  const blocks = (list: ParagraphChange[], one: string, many: string) =>
    (['changed', 'added', 'removed'] as const)
      .map((type) => [count(type, list), { changed: 'endret', added: 'lagt til', removed: 'fjernet' }[type]] as const)
      .filter(([n]) => n > 0)
      .map(([n, what]) => `${n} ${n === 1 ? one : many} ${what}`)
  lines.push(...blocks(check.paragraphs, 'avsnitt', 'avsnitt'), ...blocks(check.footnotes, 'fotnote', 'fotnoter'))
  if (check.formattingChanged) lines.push('formateringen endret')
  if (check.measures.added.length)
    lines.push(`${check.measures.added.map((m) => `tiltak ${m.number}`).join(', ')} lagt til`)
  if (check.measures.removed.length)
    lines.push(`${check.measures.removed.map((m) => `tiltak ${m.number}`).join(', ')} fjernet`)
  if (check.title) lines.push(`tittelen endret fra «${check.title.before}» til «${check.title.after}»`)
  if (check.number)
    lines.push(`kapittelnummeret endret fra ${check.number.before ?? '(ingen)'} til ${check.number.after ?? '(ingen)'}`)
  if (check.lastProfessionalChange?.after)
    lines.push(`Siste faglige endring satt til ${norwegianDay(check.lastProfessionalChange.after)}`)
  return lines.map(capitalize)
}
