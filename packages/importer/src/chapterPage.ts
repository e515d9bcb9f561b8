import { slugFromTitle } from '@rapport/contracts/slug'
import type { Block } from './blocks'
import { toBlocks } from './blocks'
import type { ImportedChapter, PageSource } from '@rapport/contracts/content'
import { ImportError } from './errors'
import * as L from './lexical'
import { norwegianDateAt } from './norwegianDate'
import { chunks, normalizeSpace, readPageLines } from './pageText'

const CHAPTER_HEADING = /^Kapittel\s*(\S*?)\s*([A-ZÆØÅ].*)$/
const PART_HEADING = /^Del\s+(\d+)\s*[–-]\s*(.+)$/
const DATE_LINE = /^Siste faglige endring:\s*(.*)$/
const MEASURE_ITEM = /^Tiltak\s+(\d+)\s*:\s*(.+)$/
const EFFECT_GOALS_INTRO = /effektmål/i

/** Effect goals found on a page, by goal area number. */
export type FoundEffectGoals = Map<number, string[]>

export type ParsedChapter = {
  chapter: ImportedChapter
  effectGoals: FoundEffectGoals
  /** A part introduction names its part. */
  part: { number: number; title: string; slug: string } | null
}

/**
 * A report page ("Kapittel 2.1Beskrivelse av målområde 2" or "Del 1 – …") as a chapter with
 * its Lexical body, footnotes, the measures it names and the effect goals it lists.
 * `goalAreaTitles` are this edition's goal area titles, to recognise their effect-goal lists.
 */
export const parseChapterPage = (
  file: string,
  bytes: Buffer,
  page: PageSource & { edition: string },
  goalAreaTitles: Map<number, string>,
): ParsedChapter => {
  const all = chunks(readPageLines(file, bytes))
  if (all.length < 2)
    throw new ImportError(
      file,
      all[0]?.start ?? 1,
      'expected a report page: a heading, a body and "Siste faglige endring: <date>"',
    )

  const head = all[0]
  const headText = normalizeSpace(head.lines[0].text)
  let kind: 'chapter' | 'partIntro'
  let number: string | null = null
  let title: string
  let part = page.part
  const chapterMatch = CHAPTER_HEADING.exec(headText)
  const partMatch = PART_HEADING.exec(headText)
  if (chapterMatch) {
    if (!/^\d+(\.\d+)?$/.test(chapterMatch[1])) {
      throw new ImportError(
        file,
        head.start,
        `expected a chapter number like 2 or 2.1 after "Kapittel", found "${chapterMatch[1] || headText}"`,
      )
    }
    kind = 'chapter'
    number = chapterMatch[1]
    title = chapterMatch[2].trim()
  } else if (/^Kapittel\b/.test(headText)) {
    throw new ImportError(
      file,
      head.start,
      `expected a chapter number like 2 or 2.1 after "Kapittel", found "${headText}"`,
    )
  } else if (partMatch) {
    kind = 'partIntro'
    part = Number(partMatch[1])
    title = headText
  } else {
    throw new ImportError(
      file,
      head.start,
      `expected a report page starting with "Kapittel <number><title>" or "Del <number> – <title>", found "${headText.slice(0, 60)}"`,
    )
  }
  if (page.kind !== kind)
    throw new ImportError(
      file,
      head.start,
      `expected a page of kind "${page.kind}" as content/sources.json says, found a ${kind === 'chapter' ? 'chapter' : 'part introduction'}`,
    )

  const last = all[all.length - 1]
  const dateMatch = DATE_LINE.exec(normalizeSpace(last.lines[last.lines.length - 1].text))
  if (!dateMatch)
    throw new ImportError(
      file,
      last.lines[last.lines.length - 1].n,
      'expected the last line "Siste faglige endring: <date>"',
    )
  const lastProfessionalChange = norwegianDateAt(dateMatch[1], file, last.lines[last.lines.length - 1].n)

  const bodyChunks = all.slice(1, -1)
  if (last.lines.length > 1) bodyChunks.push({ start: last.start, lines: last.lines.slice(0, -1) })
  const blocks = toBlocks(file, bodyChunks)
  const slug = slugFromTitle(title)
  const idPrefix = `${page.edition}/${slug}`

  const measures = new Set<number>()
  const effectGoals: FoundEffectGoals = new Map()
  const footnotes: Array<{ number: number; text: string }> = []
  const nodes: L.Node[] = []
  const titleToGoalArea = new Map([...goalAreaTitles].map(([n, t]) => [normalizeSpace(t).toLocaleLowerCase('nb'), n]))

  blocks.forEach((block: Block, index) => {
    const previous = blocks[index - 1]
    switch (block.kind) {
      case 'paragraph':
        nodes.push(L.paragraph(L.inline(block.text, idPrefix)))
        break
      case 'heading':
        nodes.push(L.heading(block.text))
        break
      case 'quote':
        nodes.push(
          L.quote(
            block.paragraphs.flatMap((p, i) => [
              ...(i > 0 ? [L.linebreak(), L.linebreak()] : []),
              ...L.inline(p, idPrefix),
            ]),
          ),
        )
        break
      case 'footnote':
        footnotes.push({ number: block.number, text: block.text })
        break
      case 'list': {
        const items = block.items.map((item, i) => {
          const measure = MEASURE_ITEM.exec(item)
          if (!measure) return L.inline(item, idPrefix)
          measures.add(Number(measure[1]))
          return [L.link(`/tiltak/${Number(measure[1])}/`, item, L.stableId(`${idPrefix}/list-${block.line}-${i}`))]
        })
        nodes.push(L.list(items))
        // Effect goals: a list after a sentence about effektmål (this chapter's goal area),
        // or after a heading that is a goal area's title in this edition.
        const goalArea =
          previous?.kind === 'paragraph' && EFFECT_GOALS_INTRO.test(previous.text) && previous.text.endsWith(':')
            ? page.goalArea
            : previous?.kind === 'heading'
              ? (titleToGoalArea.get(previous.text.toLocaleLowerCase('nb')) ?? null)
              : null
        if (goalArea) effectGoals.set(goalArea, block.items)
        break
      }
    }
  })

  return {
    chapter: {
      edition: page.edition,
      kind,
      number,
      part,
      title,
      slug,
      goalArea: page.goalArea,
      measures: [...measures].sort((a, b) => a - b),
      lastProfessionalChange,
      body: L.root(nodes) as ImportedChapter['body'],
      footnotes: footnotes.sort((a, b) => a.number - b.number),
      source: page.source,
    },
    effectGoals,
    part: partMatch && kind === 'partIntro' ? { number: Number(partMatch[1]), title: partMatch[2].trim(), slug } : null,
  }
}
