/**
 * Comparing two points in time: which chapters were added, changed, withdrawn or reinstated in
 * the whole report between two releases. Consecutive releases get a static page
 * (/arkiv/<fra>...<til>/); any other two the server answers from the compact index the build
 * writes (/arkiv/sammenlign/kapitler.json), with the same markup (`releaseComparisonHtml`).
 */
import { releaseForDay } from './archiveDate'
import { compareChapterNumbers } from './chapterNumbers'
import { norwegianDay, osloClock, osloDay } from './dates'
import { escapeText } from './html'
import { labelledTitle, type SiteData } from './model'
import { releaseId, releases } from './releases'
import { compareUrl, historyUrl, revisionUrl } from './versions'

/** Where the comparison form is sent; the server redirects it to the comparison's own address. */
export const RELEASE_COMPARE_PATH = '/arkiv/sammenlign/'

/** The compact index the server compares any two releases from. */
export const RELEASE_COMPARE_INDEX = 'arkiv/sammenlign/kapitler.json'

/** The comparison of two releases: `/arkiv/<fra>...<til>/`. */
export const releaseComparisonUrl = (from: string, to: string) => `/arkiv/${from}...${to}/`

/** A release's id: its publish time in UTC, to the second. */
const RELEASE_ID = /^\d{8}T\d{6}Z$/

/** A comparison's address, `/arkiv/<fra>...<til>/`, read back into its two release ids; null for any other path. */
export const parseReleaseComparisonPath = (urlPath: string): { from: string; to: string; slash: boolean } | null => {
  const match = /^\/arkiv\/(\d{8}T\d{6}Z)\.\.\.(\d{8}T\d{6}Z)(\/?)$/.exec(urlPath)
  return match ? { from: match[1], to: match[2], slash: match[3] === '/' } : null
}

type IndexRevision = {
  revision: number
  publishedAt: string
  updateType: 'major' | 'minor' | 'withdrawal'
  number: string | null
  title: string
  changeNote: string | null
}

/** Every release and every chapter's revisions without their text: enough to compare any two releases. */
export type CompareIndex = {
  releases: Array<{ id: string; publishedAt: string }>
  editions: Array<{ slug: string; title: string }>
  chapters: Array<{
    edition: string
    slug: string
    kind: 'chapter' | 'partIntro'
    part: number | null
    revisions: IndexRevision[]
  }>
}

/** The compact index of the site's data (no revision text). */
export const compareIndex = (data: SiteData): CompareIndex => ({
  releases: releases(data).map((r) => ({ id: r.id, publishedAt: r.publishedAt })),
  editions: data.snapshot.editions.map((e) => ({ slug: e.slug, title: e.title })),
  chapters: data.chapters.map((c) => ({
    edition: c.edition,
    slug: c.slug,
    kind: c.kind,
    part: c.part,
    revisions: c.revisions.map((r) => ({
      revision: r.revision,
      publishedAt: r.publishedAt,
      updateType: r.updateType,
      number: r.number,
      title: r.title,
      changeNote: r.changeNote,
    })),
  })),
})

export type ReleaseRef = { id: string; publishedAt: string }

export type ChangeKind = 'added' | 'changed' | 'withdrawn' | 'reinstated'

export const CHANGE_KIND: Record<ChangeKind, string> = {
  added: 'Lagt til',
  changed: 'Endret',
  withdrawn: 'Trukket tilbake',
  reinstated: 'Gjeninnsatt',
}

export type ChangeRow = {
  kind: ChangeKind
  edition: string
  slug: string
  /** «Kapittel 2.1 Beskrivelse av målområde 2», as it stood at the later release. */
  name: string
  /** The version at the earlier release; null for a chapter added since. */
  fromRevision: number | null
  toRevision: number
  /** For a changed chapter: faglig when any version between the two was a faglig endring. */
  significance: 'faglig' | 'redaksjonell' | null
  /** The version at the later release. */
  url: string
  /** The redlines from the earlier version to the later, one per consecutive pair of versions. */
  redlines: Array<{ from: number; to: number; url: string }>
  /** The chapter's history, where any two versions can be compared. */
  historyUrl: string
  /** The change notes (a withdrawal's explanation) of the versions between the two, oldest first. */
  notes: string[]
}

export type ReleaseChanges = {
  from: ReleaseRef
  to: ReleaseRef
  editions: Array<{ slug: string; title: string; rows: ChangeRow[] }>
  counts: Record<ChangeKind, number> & { major: number; minor: number }
}

const inForce = (revisions: IndexRevision[], time: string): IndexRevision | undefined => {
  let hit: IndexRevision | undefined
  for (const r of revisions) if (r.publishedAt <= time) hit = r
  return hit
}

const labelOf = (c: CompareIndex['chapters'][number], r: IndexRevision) =>
  c.kind === 'partIntro' ? (c.part ? `Del ${c.part}` : 'Innledning') : r.number ? `Kapittel ${r.number}` : 'Kapittel'

/**
 * What changed in the report from release `from` to release `to` (the earlier first), chapter
 * by chapter: added (not published at `from`), changed (another version, with the redlines
 * between), withdrawn (withdrawn at `to`, not at `from`), reinstated (withdrawn at `from`,
 * not at `to`). A chapter first published and withdrawn between the two is left out (it was
 * in the report at neither); one withdrawn at both, withdrawn again in between, counts as
 * withdrawn.
 */
export const releaseChanges = (index: CompareIndex, from: ReleaseRef, to: ReleaseRef): ReleaseChanges => {
  const rows: Array<ChangeRow & { order: [number, string | null] }> = []
  for (const c of index.chapters) {
    const a = inForce(c.revisions, from.publishedAt)
    const b = inForce(c.revisions, to.publishedAt)
    if (!b || a?.revision === b.revision) continue
    const withdrawnAt = (r: IndexRevision | undefined) => r?.updateType === 'withdrawal'
    let kind: ChangeKind
    if (!a) {
      if (withdrawnAt(b)) continue
      kind = 'added'
    } else if (withdrawnAt(b)) kind = 'withdrawn'
    else if (withdrawnAt(a)) kind = 'reinstated'
    else kind = 'changed'
    const between = c.revisions.filter((r) => (a ? r.revision > a.revision : true) && r.revision <= b.revision)
    const span = a ? [a, ...between] : []
    const ref = { edition: c.edition, slug: c.slug }
    rows.push({
      kind,
      edition: c.edition,
      slug: c.slug,
      name: labelledTitle(labelOf(c, b), b.title),
      fromRevision: a?.revision ?? null,
      toRevision: b.revision,
      significance:
        kind === 'changed' ? (between.some((r) => r.updateType === 'major') ? 'faglig' : 'redaksjonell') : null,
      url: revisionUrl(ref, b.revision),
      redlines:
        kind === 'changed'
          ? span.slice(1).map((r, i) => ({
              from: span[i].revision,
              to: r.revision,
              url: compareUrl(ref, span[i].revision, r.revision),
            }))
          : [],
      historyUrl: historyUrl(ref),
      notes: (kind === 'added' ? [b] : between).flatMap((r) => (r.changeNote ? [r.changeNote] : [])),
      order: [c.kind === 'partIntro' ? 0 : 1, b.number],
    })
  }
  const editions = index.editions
    .map((e) => ({
      slug: e.slug,
      title: e.title,
      rows: rows
        .filter((r) => r.edition === e.slug)
        .sort(
          (x, y) =>
            x.order[0] - y.order[0] || compareChapterNumbers(x.order[1], y.order[1]) || x.slug.localeCompare(y.slug),
        )
        .map(({ order: _order, ...row }) => row),
    }))
    .filter((e) => e.rows.length > 0)
  const all = editions.flatMap((e) => e.rows)
  const count = (kind: ChangeKind) => all.filter((r) => r.kind === kind).length
  return {
    from: { id: from.id, publishedAt: from.publishedAt },
    to: { id: to.id, publishedAt: to.publishedAt },
    editions,
    counts: {
      added: count('added'),
      changed: count('changed'),
      withdrawn: count('withdrawn'),
      reinstated: count('reinstated'),
      major: all.filter((r) => r.significance === 'faglig').length,
      minor: all.filter((r) => r.significance === 'redaksjonell').length,
    },
  }
}

/** Each consecutive pair of releases with what changed between them: the static comparison pages. */
export const consecutiveReleaseChanges = (index: CompareIndex): ReleaseChanges[] => {
  // Between two consecutive releases only the chapters the later one published can differ.
  const touched = new Map<string, CompareIndex['chapters']>()
  for (const c of index.chapters) {
    for (const id of new Set(c.revisions.map((r) => releaseId(r.publishedAt)))) {
      const list = touched.get(id)
      if (list) list.push(c)
      else touched.set(id, [c])
    }
  }
  return index.releases
    .slice(1)
    .map((to, i) => releaseChanges({ ...index, chapters: touched.get(to.id) ?? [] }, index.releases[i], to))
}

/**
 * A release as readers name it: its day and Oslo time.
 * @example releaseName('2024-06-12T08:30:00.000Z') // '12. juni 2024 kl. 10.30'
 */
export const releaseName = (publishedAt: string) => `${norwegianDay(publishedAt)} kl. ${osloClock(publishedAt)}`

/**
 * The comparison page's title (the layout adds the site's name): the two days, or the two times of one day.
 * @example releaseComparisonTitle({ from: { id: 'a', publishedAt: '2024-05-31T10:00:00.000Z' }, to: { id: 'b', publishedAt: '2024-06-12T08:30:00.000Z' } }) // 'Endringer fra 31. mai 2024 til 12. juni 2024'
 */
export const releaseComparisonTitle = (changes: Pick<ReleaseChanges, 'from' | 'to'>) => {
  const [a, b] = [norwegianDay(changes.from.publishedAt), norwegianDay(changes.to.publishedAt)]
  return a === b
    ? `Endringer ${a} fra kl. ${osloClock(changes.from.publishedAt)} til kl. ${osloClock(changes.to.publishedAt)}`
    : `Endringer fra ${a} til ${b}`
}

/** Where the region a page fills begins and ends: the server puts another comparison or the form with its errors there. */
export const REGION_START = '<!--sammenligning-->'
export const REGION_END = '<!--/sammenligning-->'

const breadcrumbs = (current: string) =>
  `<nav class="breadcrumbs" aria-label="Brødsmulesti"><ol><li><a href="/">Forside</a></li><li><a href="/arkiv/">Arkiv</a></li><li><span aria-current="page">${escapeText(current)}</span></li></ol></nav>`

const time = (iso: string) => `<time datetime="${escapeText(iso)}">${escapeText(releaseName(iso))}</time>`

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

const rowHtml = (r: ChangeRow) => {
  const what =
    r.kind === 'added'
      ? `Lagt til i versjon ${r.toRevision}`
      : r.kind === 'changed'
        ? `${r.significance === 'faglig' ? 'Faglig endring' : 'Redaksjonell endring'} fra versjon ${r.fromRevision} til ${r.toRevision}`
        : r.kind === 'withdrawn'
          ? `Trukket tilbake i versjon ${r.toRevision}`
          : `Gjeninnsatt i versjon ${r.toRevision} (trukket tilbake i versjon ${r.fromRevision})`
  const links =
    r.redlines.length === 1
      ? `<a href="${r.redlines[0].url}">Se endringene fra versjon ${r.redlines[0].from} til ${r.redlines[0].to}</a>`
      : r.redlines.length > 1
        ? `Se endringene fra versjon ${r.redlines.map((x) => `<a href="${x.url}">${x.from} til ${x.to}</a>`).join(', ')} · <a href="${r.historyUrl}">alle versjoner</a>`
        : `<a href="${r.historyUrl}">Se alle versjoner</a>`
  return [
    `<li class="change change--${r.kind}">`,
    `<a href="${r.url}">${escapeText(r.name)}</a> <span class="badge badge--${r.kind}">${CHANGE_KIND[r.kind]}</span>`,
    `<span class="meta">${what}</span>`,
    ...r.notes.map((n) => `<p class="note">${escapeText(n)}</p>`),
    `<span class="meta">${links}</span>`,
    `</li>`,
  ].join('')
}

/**
 * The comparison of two releases as HTML: breadcrumbs, heading, the counts and a list per
 * edition of the chapters that changed, each linked to its version and its redline. The
 * static pages and the server's answer for any two releases both use it.
 */
export const releaseComparisonHtml = (changes: ReleaseChanges): string => {
  const { from, to, counts, editions } = changes
  const title = releaseComparisonTitle(changes)
  const summary = [
    `<dl class="summary">`,
    `<dt>Lagt til</dt><dd>${plural(counts.added, 'kapittel', 'kapitler')}</dd>`,
    `<dt>Endret</dt><dd>${plural(counts.changed, 'kapittel', 'kapitler')}${counts.changed ? ` (faglig endring: ${counts.major}, redaksjonell endring: ${counts.minor})` : ''}</dd>`,
    `<dt>Trukket tilbake</dt><dd>${plural(counts.withdrawn, 'kapittel', 'kapitler')}</dd>`,
    `<dt>Gjeninnsatt</dt><dd>${plural(counts.reinstated, 'kapittel', 'kapitler')}</dd>`,
    `</dl>`,
  ].join('')
  const sections = editions.length
    ? editions
        .map(
          (e) =>
            `<section aria-labelledby="utgave-${e.slug}"><h2 id="utgave-${e.slug}">${escapeText(e.title)}</h2><ol class="toc changes">${e.rows.map(rowHtml).join('')}</ol></section>`,
        )
        .join('')
    : `<p class="prose">Ingen kapitler ble lagt til, endret, trukket tilbake eller gjeninnsatt mellom de to utgivelsene.</p>`
  return [
    REGION_START,
    breadcrumbs(title),
    `<h1><span class="label">Sammenlign utgivelser</span>${escapeText(title)}</h1>`,
    `<p class="prose">Hva som ble lagt til, endret, trukket tilbake eller gjeninnsatt i rapporten fra utgivelsen <a href="/arkiv/${from.id}/">${time(from.publishedAt)}</a> til utgivelsen <a href="/arkiv/${to.id}/">${time(to.publishedAt)}</a>.</p>`,
    summary,
    sections,
    `<p class="no-print"><a href="${RELEASE_COMPARE_PATH}">Sammenlign to andre utgivelser eller datoer</a></p>`,
    REGION_END,
  ].join('\n')
}

/* ---------------------------------------------------------------- the form */

export type CompareField = 'fra' | 'til'
export type CompareError = { field: CompareField; input: 'release' | 'date'; message: string }

/** What the reader sent, to show in the form again. */
export type CompareValues = Partial<Record<CompareField, string>>

export type CompareAnswer =
  { kind: 'redirect'; location: string } | { kind: 'invalid'; errors: CompareError[]; values: CompareValues }

const FIELD_NAME: Record<CompareField, string> = { fra: 'Fra', til: 'Til' }

/** What a reader wrote, as a release id, a day (yyyy-mm-dd or dd.mm.åååå), or nothing. */
const readSide = (
  text: string,
): { kind: 'release'; id: string } | { kind: 'date'; day: string | null } | { kind: 'empty' } => {
  const t = text.trim()
  if (!t) return { kind: 'empty' }
  if (RELEASE_ID.test(t)) return { kind: 'release', id: t }
  const norwegian = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t)
  const day = norwegian ? `${norwegian[3]}-${norwegian[2].padStart(2, '0')}-${norwegian[1].padStart(2, '0')}` : t
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return { kind: 'date', day: null }
  const [y, m, d] = match.slice(1).map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return {
    kind: 'date',
    day: date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? day : null,
  }
}

/**
 * The comparison form's answer for `?fra=…&til=…`, each a release id or a day: a redirect to the
 * comparison of the two releases (the earlier first; a day means the release in force at its
 * end, as /arkiv/dato/ reads it), or what is wrong with each side, in Norwegian.
 */
export const answerReleaseCompare = (
  index: Pick<CompareIndex, 'releases'>,
  query: Record<string, unknown>,
): CompareAnswer => {
  const values: CompareValues = {}
  const errors: CompareError[] = []
  const chosen: Partial<Record<CompareField, ReleaseRef>> = {}
  const days = index.releases.map((r) => ({ id: r.id, day: osloDay(r.publishedAt) }))
  const first = index.releases[0]
  for (const field of ['fra', 'til'] as const) {
    const raw = query[field]
    const text = typeof raw === 'string' ? raw : Array.isArray(raw) && typeof raw[0] === 'string' ? raw[0] : ''
    values[field] = text
    const side = readSide(text)
    const name = FIELD_NAME[field]
    if (side.kind === 'empty') {
      errors.push({ field, input: 'release', message: `${name}: velg en utgivelse eller skriv en dato.` })
    } else if (side.kind === 'release') {
      const release = index.releases.find((r) => r.id === side.id)
      if (release) chosen[field] = release
      else errors.push({ field, input: 'release', message: `${name}: det finnes ingen utgivelse ${side.id}.` })
    } else if (!side.day) {
      errors.push({
        field,
        input: 'date',
        message: `${name}-datoen «${text.trim()}» er ikke en dato. Skriv den som åååå-mm-dd eller dd.mm.åååå.`,
      })
    } else {
      const id = releaseForDay(days, side.day)
      if (id) chosen[field] = index.releases.find((r) => r.id === id)
      else
        errors.push({
          field,
          input: 'date',
          message: first
            ? `${name}-datoen ${side.day} er før første utgivelse ${norwegianDay(first.publishedAt)}.`
            : `${name}: rapporten har ingen utgivelser ennå.`,
        })
    }
  }
  if (errors.length === 0 && chosen.fra && chosen.til) {
    if (chosen.fra.id === chosen.til.id) {
      const dates = readSide(values.fra!).kind === 'date' || readSide(values.til!).kind === 'date'
      errors.push({
        field: 'til',
        input: readSide(values.til!).kind === 'date' ? 'date' : 'release',
        message: dates
          ? `Fra og til gir samme utgivelse (${releaseName(chosen.fra.publishedAt)}): rapporten ble ikke endret mellom de to datoene. Velg datoer med en utgivelse mellom.`
          : `Fra og til er samme utgivelse (${releaseName(chosen.fra.publishedAt)}). Velg to ulike utgivelser.`,
      })
    } else {
      const [a, b] = [chosen.fra, chosen.til].sort((x, y) => x.publishedAt.localeCompare(y.publishedAt))
      return { kind: 'redirect', location: releaseComparisonUrl(a.id, b.id) }
    }
  }
  return { kind: 'invalid', errors, values }
}

const option = (r: ReleaseRef, selected: boolean) =>
  `<option value="${r.id}"${selected ? ' selected' : ''}>${escapeText(releaseName(r.publishedAt))}</option>`

/**
 * The two comparison forms, sent with GET to the server: two releases, or two dates. Shown on
 * /arkiv/ and /arkiv/sammenlign/, where the server shows them again with what was wrong. The
 * date fields carry no `required` or `min`: the server checks them and says in Norwegian what is
 * wrong, where the browser's own check would speak its own language.
 */
export const releaseCompareFormsHtml = (
  list: ReleaseRef[],
  values: CompareValues = {},
  errors: CompareError[] = [],
): string => {
  const newest = [...list].reverse()
  const asRelease = (field: CompareField) =>
    values[field] && RELEASE_ID.test(values[field]!.trim()) ? values[field]!.trim() : null
  const fra = asRelease('fra') ?? newest[1]?.id ?? newest[0]?.id
  const til = asRelease('til') ?? newest[0]?.id
  const invalid = (field: CompareField, input: 'release' | 'date') =>
    errors.some((e) => e.field === field && e.input === input)
      ? ` aria-invalid="true" aria-describedby="sammenlign-feil"`
      : ''
  const dateValue = (field: CompareField) =>
    values[field] && !RELEASE_ID.test(values[field]!.trim()) ? ` value="${escapeText(values[field]!.trim())}"` : ''
  return [
    `<form class="search no-print" id="sammenlign-utgivelser" action="${RELEASE_COMPARE_PATH}" method="get">`,
    `<label for="sammenlign-fra">Fra utgivelse</label><select id="sammenlign-fra" name="fra"${invalid('fra', 'release')}>${newest.map((r) => option(r, r.id === fra)).join('')}</select>`,
    `<label for="sammenlign-til">Til utgivelse</label><select id="sammenlign-til" name="til"${invalid('til', 'release')}>${newest.map((r) => option(r, r.id === til)).join('')}</select>`,
    `<button class="button" type="submit">Sammenlign utgivelsene</button>`,
    `</form>`,
    `<form class="search no-print" id="sammenlign-datoer" action="${RELEASE_COMPARE_PATH}" method="get">`,
    `<label for="sammenlign-fra-dato">Fra dato</label><input id="sammenlign-fra-dato" name="fra" type="date"${dateValue('fra')}${invalid('fra', 'date')}>`,
    `<label for="sammenlign-til-dato">Til dato</label><input id="sammenlign-til-dato" name="til" type="date"${dateValue('til')}${invalid('til', 'date')}>`,
    `<button class="button" type="submit">Sammenlign datoene</button>`,
    `</form>`,
  ].join('\n')
}

/** The comparison form's own page: the forms, and what was wrong when the server shows it again. */
export const releaseCompareFormPageHtml = (
  list: ReleaseRef[],
  values: CompareValues = {},
  errors: CompareError[] = [],
): string => {
  const fieldId = (e: CompareError) => `sammenlign-${e.field}${e.input === 'date' ? '-dato' : ''}`
  return [
    REGION_START,
    breadcrumbs('Sammenlign utgivelser'),
    `<h1>Sammenlign to utgivelser</h1>`,
    errors.length
      ? `<div class="alert alert--danger" role="alert" id="sammenlign-feil"><strong>Vi kunne ikke sammenligne</strong><ul>${errors.map((e) => `<li><a href="#${fieldId(e)}">${escapeText(e.message)}</a></li>`).join('')}</ul></div>`
      : '',
    `<p class="prose">Velg to utgivelser, eller to datoer, for å se hvilke kapitler som ble lagt til, endret, trukket tilbake eller gjeninnsatt mellom dem. En dato betyr utgivelsen som gjaldt ved slutten av den dagen. Skriv datoen som dd.mm.åååå hvis nettleseren ikke har en datovelger.</p>`,
    releaseCompareFormsHtml(list, values, errors),
    `<p><a href="/arkiv/">Se alle utgivelser</a></p>`,
    REGION_END,
  ].join('\n')
}

/**
 * A page of the site with its comparison region (between REGION_START and REGION_END) replaced,
 * its title set and, given an address, its canonical address moved there: how the server
 * answers with the markup of the static pages.
 */
export const fillRegion = (
  page: string,
  region: string,
  title: string | null,
  path: string | null = null,
): string | null => {
  const start = page.indexOf(REGION_START)
  const end = page.indexOf(REGION_END, start)
  if (start < 0 || end < 0) return null
  let html = `${page.slice(0, start)}${region}${page.slice(end + REGION_END.length)}`
  if (title !== null)
    html = html.replace(/<title>[^<]*<\/title>/, `<title>${escapeText(title)} – Allmennlegetjenesten</title>`)
  const canonical = /<link rel="canonical" href="([^"]+)">/.exec(html)?.[1]
  if (path && canonical) html = html.replaceAll(canonical, new URL(path, canonical).toString())
  return html
}
