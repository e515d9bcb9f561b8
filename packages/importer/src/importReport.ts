import fs from 'node:fs'
import path from 'node:path'

import { parseChapterPage } from './chapterPage'
import {
  chapterSchema,
  editionSchema,
  goalAreaSchema,
  measureSchema,
  newsSchema,
  reportSchema,
  sourcesSchema,
  type Edition,
  type GoalArea,
  type ImportedChapter,
  type NewsItem,
} from '@rapport/contracts/content'
import { ImportError } from './errors'
import { parseMeasuresTsv } from './measuresTsv'
import { parseNewsPage } from './newsPage'
import { jsonText } from '@rapport/files'

/** The paths under content/ that the importer writes; everything else there is left alone. */
export const OWNED = ['report.json', 'editions', 'goal-areas', 'measures', 'chapters', 'news', 'README.md']

const README = (
  report: { title: string; publisher: string; licence: { name: string; url: string } },
  sources: string[],
) => `# Content: ${report.title}

The report as data, made by the importer from the published pages (\`npm run import\`); do not
edit these files by hand. A first start of the CMS on an empty database loads them
(\`npm run seed\` does it explicitly).

| folder | what |
| --- | --- |
| \`editions/\` | the editions of the report, with their parts |
| \`chapters/<edition>/\` | each imported page as a chapter: Lexical body, footnotes, measures, "Siste faglige endring" |
| \`goal-areas/\` | målområde 1–3: title and effect goals per edition |
| \`measures/\` | tiltak 1–17; titles no source confirms are empty |
| \`news/\` | the ministry's press release |
| \`sources.json\` | what the importer reads: the pages, and what they do not say themselves |

Source: ${sources.join(', ')}. Licence: ${report.licence.name} (${report.licence.url}); the text is
${report.publisher}'s and the Ministry of Health and Care Services' (regjeringen.no), reused with attribution.
`

/**
 * Imports the pages listed in a sources file into the files of content/, in memory. Throws an
 * ImportError (file, line, what was expected) on the first page it cannot read.
 */
export const importReport = (sourcesFile: string, seedsDir: string): Map<string, string> => {
  const manifestPath = path.resolve(sourcesFile)
  let manifestJson: unknown
  try {
    manifestJson = JSON.parse(fs.readFileSync(manifestPath, 'utf8'))
  } catch (error) {
    throw new ImportError(manifestPath, 1, `expected a JSON sources file (${(error as Error).message})`)
  }
  const parsed = sourcesSchema.safeParse(manifestJson)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ImportError(manifestPath, 1, `expected ${issue.path.join('.')} to be valid: ${issue.message}`)
  }
  const sources = parsed.data
  const read = (file: string) => {
    const full = path.resolve(seedsDir, file)
    if (!fs.existsSync(full)) throw new ImportError(full, 1, 'expected the page file to exist')
    return { full, bytes: fs.readFileSync(full) }
  }

  const measuresFile = read(sources.measures)
  const measures = parseMeasuresTsv(measuresFile.full, measuresFile.bytes.toString('utf8'))

  const editions = new Map<string, Edition>(sources.editions.map((e) => [e.slug, { ...e, parts: [] }]))
  const titlesFor = (edition: string) =>
    new Map(
      sources.goalAreas.flatMap((g) => (g.titles[edition] ? [[g.number, g.titles[edition]] as [number, string]] : [])),
    )
  const effectGoals = new Map<string, Map<number, string[]>>()
  const chapters: ImportedChapter[] = []
  const news: NewsItem[] = []

  for (const page of sources.pages) {
    const { full, bytes } = read(page.file)
    const name = path.basename(full)
    if (page.kind === 'news') {
      news.push(parseNewsPage(name, bytes, page))
      continue
    }
    if (!page.edition || !editions.has(page.edition))
      throw new ImportError(
        manifestPath,
        1,
        `expected page ${page.file} to name an edition of the sources file, found "${page.edition}"`,
      )
    const result = parseChapterPage(name, bytes, { ...page, edition: page.edition }, titlesFor(page.edition))
    chapters.push({ ...result.chapter, source: { ...result.chapter.source, file: name } })
    const found = effectGoals.get(page.edition) ?? new Map<number, string[]>()
    for (const [n, goals] of result.effectGoals) found.set(n, goals)
    effectGoals.set(page.edition, found)
    if (result.part) editions.get(page.edition)!.parts.push(result.part)
  }

  const goalAreas: GoalArea[] = sources.goalAreas.map((g) => ({
    number: g.number,
    editions: sources.editions
      .filter((e) => g.titles[e.slug])
      .map((e) => ({
        edition: e.slug,
        title: g.titles[e.slug],
        effectGoals: effectGoals.get(e.slug)?.get(g.number) ?? [],
      })),
  }))

  const files = new Map<string, string>()
  files.set('report.json', jsonText(reportSchema.parse(sources.report)))
  for (const e of editions.values())
    files.set(
      `editions/${e.slug}.json`,
      jsonText(editionSchema.parse({ ...e, parts: e.parts.sort((a, b) => a.number - b.number) })),
    )
  for (const g of goalAreas) files.set(`goal-areas/${g.number}.json`, jsonText(goalAreaSchema.parse(g)))
  for (const m of measures)
    files.set(`measures/${String(m.number).padStart(2, '0')}.json`, jsonText(measureSchema.parse(m)))
  for (const c of chapters) {
    const key = `chapters/${c.edition}/${c.slug}.json`
    if (files.has(key))
      throw new ImportError(c.source.file ?? key, 1, `expected one page per chapter, but ${key} comes from two pages`)
    files.set(key, jsonText(chapterSchema.parse(c)))
  }
  for (const n of news) files.set(`news/${n.slug}.json`, jsonText(newsSchema.parse(n)))
  files.set(
    'README.md',
    README(
      sources.report,
      sources.report.sources.map((s) => `${s.publisher} (${s.url})`),
    ),
  )
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)))
}

/**
 * Writes the imported files into content/, all or nothing: they are staged beside it, and
 * only then do the importer's own paths get swapped in. Other files in content/ stay.
 */
export const writeContent = (contentDir: string, files: Map<string, string>) => {
  const target = path.resolve(contentDir)
  fs.mkdirSync(target, { recursive: true })
  const staging = fs.mkdtempSync(path.join(target, '.import-'))
  const backup = fs.mkdtempSync(path.join(target, '.previous-'))
  try {
    for (const [name, content] of files) {
      fs.mkdirSync(path.dirname(path.join(staging, name)), { recursive: true })
      fs.writeFileSync(path.join(staging, name), content)
    }
    const moved: string[] = []
    const placed: string[] = []
    try {
      for (const name of OWNED) {
        if (fs.existsSync(path.join(target, name))) {
          fs.renameSync(path.join(target, name), path.join(backup, name))
          moved.push(name)
        }
        if (fs.existsSync(path.join(staging, name))) {
          fs.renameSync(path.join(staging, name), path.join(target, name))
          placed.push(name)
        }
      }
    } catch (error) {
      for (const name of placed) fs.rmSync(path.join(target, name), { recursive: true, force: true })
      for (const name of moved) fs.renameSync(path.join(backup, name), path.join(target, name))
      throw error
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
    fs.rmSync(backup, { recursive: true, force: true })
  }
}
