/**
 * The cross-reference checker: finds what does not add up between chapters, measures,
 * footnotes and links. Pure: it works on plain objects, from content/ or from the CMS.
 */
import { blocks, footnoteMarkers, links, type LexicalState } from './lexicalText'

export type CheckedChapter = {
  edition: string
  slug: string
  kind?: 'chapter' | 'partIntro'
  number: string | null
  title: string
  body: LexicalState | null
  footnotes: Array<{ number: number; text: string }>
}

export type CheckContext = {
  /** Every chapter of every edition (the checked ones included), for numbers and link targets. */
  chapters: Array<{ edition: string; slug: string; number: string | null }>
  measures: Array<{ number: number; title: string }>
  goalAreas?: number[]
}

export type Finding = {
  severity: 'error' | 'warning'
  code:
    | 'measure-title-differs'
    | 'measure-number-conflict'
    | 'measure-out-of-range'
    | 'duplicate-chapter-number'
    | 'footnote-without-note'
    | 'note-without-marker'
    | 'broken-link'
    | 'measure-link-mismatch'
    | 'chapter-reference-missing'
  /** For editors, in Norwegian. */
  message: string
  /** Where: "<edition>/<chapter-slug>". */
  where: string
}

const MEASURE_MENTION = /^Tiltak\s+(-?\d+)\s*:\s*(.+?)\s*$/
/** «tiltak 12» in running text (not «tiltak 1–17», a range of the plan's measures). */
const MEASURE_IN_TEXT = /\b[Tt]iltak\s+(\d+)\b(?!\s*[–-]\s*\d)/g
/** «kapittel 2.2» in running text. */
const CHAPTER_IN_TEXT = /\b[Kk]apittel\s+(\d+(?:\.\d+)*)\b/g
const MEASURE_COUNT = 17

/**
 * Titles compared as an editor would: case, spacing and final punctuation do not count.
 * @example normalizeTitle(' Innføre  introduksjonsavtaler. ') // 'innføre introduksjonsavtaler'
 */
export const normalizeTitle = (title: string): string =>
  title
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.:;,]+$/, '')
    .toLocaleLowerCase('nb')

/** "Tiltak N: title" as a list item, heading or paragraph of its own. */
export const measureMentions = (chapter: CheckedChapter): Array<{ number: number; title: string }> =>
  blocks(chapter.body).flatMap((b) => {
    const match = MEASURE_MENTION.exec(b.text)
    return match ? [{ number: Number(match[1]), title: match[2] }] : []
  })

/** The measure numbers named in running text, each block's own «Tiltak N: title» line aside. */
export const measuresInText = (chapter: CheckedChapter): number[] =>
  blocks(chapter.body).flatMap((b) => {
    const text = MEASURE_MENTION.test(b.text) ? b.text.replace(/^Tiltak\s+-?\d+/, '') : b.text
    return [...text.matchAll(MEASURE_IN_TEXT)].map((m) => Number(m[1]))
  })

/** The chapter numbers named in running text («kapittel 2.2»), in order, once each. */
export const chaptersInText = (chapter: CheckedChapter): string[] => [
  ...new Set(blocks(chapter.body).flatMap((b) => [...b.text.matchAll(CHAPTER_IN_TEXT)].map((m) => m[1]))),
]

const where = (c: { edition: string; slug: string }) => `${c.edition}/${c.slug}`

/** The findings for one chapter in its context: what an editor sees before publishing. */
export const checkChapter = (chapter: CheckedChapter, context: CheckContext): Finding[] => {
  const findings: Finding[] = []
  const at = where(chapter)
  const report = (severity: Finding['severity'], code: Finding['code'], message: string) =>
    findings.push({ severity, code, where: at, message })
  const measureTitle = new Map(context.measures.map((m) => [m.number, m.title]))

  for (const { number, title } of measureMentions(chapter)) {
    if (number < 1 || number > MEASURE_COUNT) {
      report(
        'error',
        'measure-out-of-range',
        `«Tiltak ${number}» finnes ikke: handlingsplanen har tiltak 1–${MEASURE_COUNT}.`,
      )
      continue
    }
    const known = measureTitle.get(number)
    if (known && normalizeTitle(known) !== normalizeTitle(title)) {
      report(
        'warning',
        'measure-title-differs',
        `Tiltak ${number} heter «${known}» i tiltakslisten, men «${title}» her.`,
      )
    }
  }

  for (const n of new Set(measuresInText(chapter))) {
    if (n < 1 || n > MEASURE_COUNT)
      report(
        'error',
        'measure-out-of-range',
        `Teksten nevner «tiltak ${n}», som ikke finnes: handlingsplanen har tiltak 1–${MEASURE_COUNT}.`,
      )
  }

  const edition = context.chapters.filter((c) => c.edition === chapter.edition)
  // A chapter link's own text («kapittel 2.6») is checked with the link, below.
  const linked = new Set(
    links(chapter.body)
      .filter((l) => l.url.startsWith('/'))
      .flatMap((l) => [...l.text.matchAll(CHAPTER_IN_TEXT)].map((m) => m[1])),
  )
  for (const number of chaptersInText(chapter)) {
    if (linked.has(number)) continue
    // «kapittel 2» names the part: any of its chapters (2.1, 2.2, …) will do.
    if (edition.some((c) => c.number === number || (!number.includes('.') && c.number?.startsWith(`${number}.`))))
      continue
    report(
      'warning',
      'chapter-reference-missing',
      `Teksten viser til «kapittel ${number}», men utgaven har ikke noe kapittel med det nummeret.`,
    )
  }

  for (const link of links(chapter.body)) {
    const measure = /^\/tiltak\/(-?\d+)\/?(#.*)?$/.exec(link.url)
    if (measure) {
      const n = Number(measure[1])
      if (n < 1 || n > MEASURE_COUNT) {
        report(
          'error',
          'measure-out-of-range',
          `Lenken «${link.text}» går til tiltak ${n}, som ikke finnes (1–${MEASURE_COUNT}).`,
        )
        continue
      }
      const named = /^Tiltak\s+(\d+)\b/i.exec(link.text)
      if (named && Number(named[1]) !== n) {
        report(
          'error',
          'measure-link-mismatch',
          `Lenken «${link.text}» går til tiltak ${n} (${link.url}), men teksten nevner tiltak ${named[1]}.`,
        )
      }
      continue
    }
    const goalArea = /^\/malomrader\/(\d+)\/?$/.exec(link.url)
    if (goalArea) {
      const n = Number(goalArea[1])
      if (n < 1 || n > 3)
        report('error', 'broken-link', `Lenken «${link.text}» går til målområde ${n}, som ikke finnes (1–3).`)
      continue
    }
    const chapterLink = /^\/([a-z0-9-]+)\/([a-z0-9-]+)\/?(#.*)?$/.exec(link.url)
    if (chapterLink && !context.chapters.some((c) => c.edition === chapterLink[1] && c.slug === chapterLink[2])) {
      report('error', 'broken-link', `Lenken «${link.text}» går til ${link.url}, men det kapitlet finnes ikke.`)
    }
  }

  if (chapter.number) {
    const twins = context.chapters.filter(
      (c) => c.edition === chapter.edition && c.number === chapter.number && c.slug !== chapter.slug,
    )
    if (twins.length > 0) {
      report(
        'error',
        'duplicate-chapter-number',
        `Kapittelnummer ${chapter.number} er brukt flere ganger i utgaven (også av ${twins.map((c) => c.slug).join(', ')}).`,
      )
    }
  }

  const markers = new Set(footnoteMarkers(chapter.body))
  const notes = new Set(chapter.footnotes.map((f) => f.number))
  const ascending = (numbers: Set<number>) => [...numbers].sort((a, b) => a - b)
  for (const n of ascending(markers).filter((m) => !notes.has(m)))
    report('error', 'footnote-without-note', `Fotnotehenvisning [${n}] har ingen fotnote med nummer ${n}.`)
  for (const n of ascending(notes).filter((m) => !markers.has(m)))
    report('warning', 'note-without-marker', `Fotnote ${n} er ikke henvist til i teksten.`)

  return findings
}

/**
 * The findings for a whole report: every chapter's, plus measure titles given to more than
 * one number (one measure numbered two ways, like introduksjonsavtaler as 10 and 11).
 */
export const checkContent = (chapters: CheckedChapter[], context: Omit<CheckContext, 'chapters'>): Finding[] => {
  const full: CheckContext = {
    ...context,
    chapters: chapters.map((c) => ({ edition: c.edition, slug: c.slug, number: c.number })),
  }
  const findings = chapters.flatMap((c) => checkChapter(c, full))

  const numbersByTitle = new Map<string, Map<number, string[]>>()
  const note = (title: string, number: number, place: string) => {
    if (!title.trim()) return
    const key = normalizeTitle(title)
    const byNumber = numbersByTitle.get(key) ?? new Map<number, string[]>()
    byNumber.set(number, [...(byNumber.get(number) ?? []), place])
    numbersByTitle.set(key, byNumber)
  }
  for (const m of context.measures) note(m.title, m.number, 'tiltakslisten')
  for (const c of chapters) for (const m of measureMentions(c)) note(m.title, m.number, where(c))
  for (const [key, byNumber] of numbersByTitle) {
    if (byNumber.size < 2) continue
    const sorted = [...byNumber.entries()].sort(([a], [b]) => a - b)
    const parts = sorted.map(([n, places]) => `tiltak ${n} (${[...new Set(places)].join(', ')})`)
    const title =
      [...context.measures, ...chapters.flatMap(measureMentions)].find((m) => normalizeTitle(m.title) === key)?.title ??
      key
    findings.push({
      severity: 'warning',
      code: 'measure-number-conflict',
      where: [...new Set(sorted.flatMap(([, places]) => places))].join(', '),
      message: `«${title}» har ulike tiltaksnummer: ${parts.join(' og ')}.`,
    })
  }
  return findings
}
