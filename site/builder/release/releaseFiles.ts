import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'

import * as tar from 'tar'

import { currentRevision, type SiteData } from '../../src/lib/model'
import { releases, stateAt } from '../../src/lib/releases'
import { readSnapshot } from '@rapport/contracts/readSnapshot'
import { revisionUrl } from '../../src/lib/versions'
import { fileSize } from '../../src/lib/fileSize'
import { assetsOf, digestMatches, readWarc, releaseWarc, siteAddress, type WarcEntry } from './warc'
import { jsonText, linkOrCopy, sha256 } from '@rapport/files'

export type Manifest = {
  release: string
  publishedAt: string
  report: string
  /** Each chapter at its revision of that moment: the content's hash and its page's. */
  revisions: Array<{
    edition: string
    chapter: string
    revision: number
    url: string
    contentSha256: string
    pageSha256: string
  }>
  /** The files of the release archive besides the manifest (the pages it published), with their SHA-256. */
  files: Array<{ path: string; sha256: string }>
}

/** Hashes of files by identity: builds link unchanged pages and never write a file in place, so the same inode means the same bytes. */
const hashes = new Map<string, string>()

const fileSha256 = (file: string): string => {
  const st = fs.statSync(file)
  const key = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`
  let hash = hashes.get(key)
  if (!hash) {
    if (hashes.size > 100_000) hashes.clear()
    hashes.set(key, (hash = sha256(fs.readFileSync(file))))
  }
  return hash
}

/**
 * After a build: a manifest, a downloadable archive and a web archive per release
 * (/arkiv/<id>/manifest.json; /arkiv/<id>.tar.gz, which holds the manifest and the release's
 * pages at their addresses under <id>/; /arkiv/<id>.warc.gz, the same pages and manifest and the
 * files they load, at their addresses on the site, see warc.ts), and the JSON API (/api/revisjoner.json, /api/utgivelser.json). The same
 * snapshot and pages give the same bytes.
 */
/** The site's public address (`site`) is the one the build gave its pages; by default SITE_URL's. */
export const writeReleaseFiles = async (
  snapshot: string | SiteData,
  out: string,
  previous: string | null = null,
  site: string = siteAddress(),
) => {
  const data = typeof snapshot === 'string' ? readSnapshot(snapshot) : snapshot
  const list = releases(data)
  const pageHashes = new Map<string, string>()
  const pageSha256 = (url: string) => {
    let hash = pageHashes.get(url)
    if (!hash) pageHashes.set(url, (hash = fileSha256(path.join(out, url, 'index.html'))))
    return hash
  }
  const archives: Array<Promise<void>> = []
  try {
    for (const release of list) {
      const state = stateAt(data, release.publishedAt)
      const revisions = state.map((s) => ({
        edition: s.chapter.edition,
        chapter: s.chapter.slug,
        revision: s.revision.revision,
        url: s.url,
        contentSha256: s.revision.htmlSha256,
        pageSha256: pageSha256(s.url),
      }))
      // The archive holds the pages this release published; those of earlier revisions are in
      // the archives of the releases that published them, and the manifest lists them all.
      const files = revisions
        .filter((r) =>
          release.published.some((p) => p.edition === r.edition && p.slug === r.chapter && p.revision === r.revision),
        )
        .map((r) => ({ path: `${r.url.slice(1)}index.html`, sha256: r.pageSha256 }))
      const manifest: Manifest = {
        release: release.id,
        publishedAt: release.publishedAt,
        report: data.snapshot.report.title,
        revisions,
        files,
      }
      const dir = path.join(out, 'arkiv', release.id)
      const manifestText = jsonText(manifest)
      fs.mkdirSync(dir, { recursive: true })
      fs.writeFileSync(path.join(dir, 'manifest.json'), manifestText)
      const archive = path.join(out, 'arkiv', `${release.id}.tar.gz`)
      const warc = path.join(out, 'arkiv', `${release.id}.warc.gz`)
      // The same manifest means the same archive and web archive: take them from the previous build.
      const before = previous ? path.join(previous, 'arkiv', release.id) : null
      const unchanged =
        before !== null &&
        fs.existsSync(path.join(before, 'manifest.json')) &&
        fs.readFileSync(path.join(before, 'manifest.json'), 'utf8') === manifestText
      if (unchanged && fs.existsSync(`${before}.tar.gz`)) linkOrCopy(`${before}.tar.gz`, archive)
      else {
        // The archive: the manifest and the pages at their addresses under <release>/, in a fixed
        // order with fixed times, read straight from the site. Compressed on Node's thread pool, all
        // archives at once; level 4 is twice as fast as the default 6 for archives 4 % larger.
        const entries = [`arkiv/${release.id}/manifest.json`, ...files.map((f) => f.path)]
        archives.push(
          pipeline(
            tar.create({ cwd: out, prefix: release.id, portable: true, noMtime: true, mtime: new Date(0) }, entries),
            zlib.createGzip({ level: 4 }),
            fs.createWriteStream(archive),
          ),
        )
      }
      if (unchanged && fs.existsSync(`${before}.warc.gz`)) linkOrCopy(`${before}.warc.gz`, warc)
      else {
        // The web archive: the same pages and the manifest at their addresses on the site, and the
        // stylesheets, scripts, fonts and images they load, so that a replay tool shows them as
        // they were published.
        const pages = files.map((f) => f.path)
        const warcFiles = [...pages, `arkiv/${release.id}/manifest.json`, ...assetsOf(out, pages)]
        archives.push(
          releaseWarc({
            release: release.id,
            publishedAt: release.publishedAt,
            report: data.snapshot.report.title,
            site,
            root: out,
            files: warcFiles,
          }).then((bytes) => fs.promises.writeFile(warc, bytes)),
        )
      }
    }
  } catch (error) {
    // Every archive started is finished before the error goes on: none may still be writing
    // into a folder that a failed build then removes.
    await Promise.allSettled(archives)
    throw error
  }
  await Promise.all(archives)
  const warcBytes = new Map(list.map((r) => [r.id, fs.statSync(path.join(out, 'arkiv', `${r.id}.warc.gz`)).size]))
  for (const [id, bytes] of warcBytes) showWarcSize(path.join(out, 'arkiv', id, 'index.html'), bytes)

  fs.mkdirSync(path.join(out, 'api'), { recursive: true })
  fs.writeFileSync(
    path.join(out, 'api', 'revisjoner.json'),
    jsonText({
      chapters: data.chapters.map((c) => ({
        edition: c.edition,
        chapter: c.slug,
        firstPublishedAt: c.firstPublishedAt,
        currentRevision: currentRevision(c).revision,
        revisions: c.revisions.map((r) => ({
          revision: r.revision,
          publishedAt: r.publishedAt,
          updateType: r.updateType,
          changeNote: r.changeNote,
          lastProfessionalChange: r.lastProfessionalChange,
          title: r.title,
          number: r.number,
          url: revisionUrl(c, r.revision),
          contentSha256: r.htmlSha256,
        })),
      })),
    }),
  )
  fs.writeFileSync(
    path.join(out, 'api', 'utgivelser.json'),
    jsonText({
      releases: list.map((r) => ({
        ...r,
        url: `/arkiv/${r.id}/`,
        manifest: `/arkiv/${r.id}/manifest.json`,
        archive: `/arkiv/${r.id}.tar.gz`,
        warc: `/arkiv/${r.id}.warc.gz`,
        warcBytes: warcBytes.get(r.id),
      })),
    }),
  )
}

/** Where a release's page shows the size of its web archive: rendered empty, filled in once the file is written. */
const WARC_SIZE = /<span data-warc-size>[^<]*<\/span>/

/**
 * A release page with its web archive's size filled in.
 * @example withWarcSize('<a>…</a> <span data-warc-size></span>', 5430) // '<a>…</a> <span data-warc-size>(5,4 kB)</span>'
 */
export const withWarcSize = (html: string, bytes: number): string =>
  html.replace(WARC_SIZE, `<span data-warc-size>(${fileSize(bytes)})</span>`)

/**
 * Fills in the web archive's size on a release page, when it does not show it yet. The size is
 * known only after the pages are rendered (the file holds them), so the builder writes it in:
 * as a new file (with new compressed copies, made by the finishing phase), since the page may
 * be a link to the previous build's, which is never written to.
 */
const showWarcSize = (page: string, bytes: number) => {
  if (!fs.existsSync(page)) return
  const html = fs.readFileSync(page, 'utf8')
  const shown = withWarcSize(html, bytes)
  if (shown === html) return
  for (const f of [page, `${page}.br`, `${page}.gz`]) fs.rmSync(f, { force: true })
  fs.writeFileSync(page, shown)
}

export type VerifyResult = { checked: number; problems: string[] }

/**
 * Checks the files of a release against its manifest, relative to `root`; names every file that
 * differs or is missing. With `everyRevision` (a whole site) also the pages of every revision
 * the release lists, not only those its archive holds.
 */
export const verifyAgainstManifest = (root: string, manifest: Manifest, everyRevision = false): VerifyResult => {
  const problems: string[] = []
  const expected = new Map(manifest.files.map((f) => [f.path, f.sha256]))
  if (everyRevision) for (const r of manifest.revisions) expected.set(`${r.url.slice(1)}index.html`, r.pageSha256)
  for (const [f, hash] of expected) {
    const file = path.join(root, f)
    if (!fs.existsSync(file)) problems.push(`missing: ${f}`)
    else if (sha256(fs.readFileSync(file)) !== hash) problems.push(`differs: ${f}`)
  }
  return { checked: expected.size, problems }
}

/**
 * The site file a record's address names, relative to the site's root.
 * @example recordFile('https://rapport.example.no/a/b/') // 'a/b/index.html'
 */
export const recordFile = (url: string): string => {
  const p = decodeURIComponent(new URL(url).pathname).slice(1)
  return p === '' || p.endsWith('/') ? `${p}index.html` : p
}

export type WarcVerifyResult = VerifyResult & { records: number }

/**
 * Checks a release's web archive: reads it back with warcio, checks every record's payload
 * against its WARC-Payload-Digest, and every page the manifest lists against its SHA-256 there.
 * The manifest is `expected` (a site's own) or, without one, the one the file holds. Each
 * problem is a Norwegian sentence naming the file and the record.
 */
export const verifyWarc = async (file: string, expected: Manifest | null = null): Promise<WarcVerifyResult> => {
  const name = path.basename(file)
  let entries: WarcEntry[]
  try {
    entries = await readWarc(file)
  } catch (error) {
    return { checked: 0, records: 0, problems: [`${name} kan ikke leses som WARC-fil: ${(error as Error).message}`] }
  }
  if (entries.length === 0)
    return { checked: 0, records: 0, problems: [`${name} har ingen WARC-poster: er det en WARC-fil?`] }
  const problems: string[] = []
  const where = (e: WarcEntry) => `${name}, post ${e.index} (${e.type}${e.url ? ` ${e.url}` : ''})`
  for (const e of entries) {
    if (!e.type) {
      problems.push(`${name}, post ${e.index} er ikke en WARC-post (den har ingen WARC-Type).`)
      continue
    }
    if (e.type === 'warcinfo' || e.type === 'revisit') continue
    if (!e.payloadDigest) {
      problems.push(`${where(e)}: har ingen WARC-Payload-Digest.`)
      continue
    }
    const matches = digestMatches(e.payloadDigest, e.payload)
    if (matches === null) problems.push(`${where(e)}: ukjent algoritme i WARC-Payload-Digest «${e.payloadDigest}».`)
    else if (!matches)
      problems.push(
        `${where(e)}: innholdet stemmer ikke med WARC-Payload-Digest (${e.payloadDigest}); det har sha256:${sha256(e.payload)}.`,
      )
  }
  const responses = new Map(entries.filter((e) => e.type === 'response' && e.url).map((e) => [recordFile(e.url!), e]))
  const held = [...responses.entries()].find(([f]) => /^arkiv\/[^/]+\/manifest\.json$/.test(f))?.[1]
  let manifest = expected
  if (!held) problems.push(`${name}: har ingen post med manifestet (arkiv/<utgivelse>/manifest.json).`)
  else {
    try {
      const inFile = JSON.parse(held.payload.toString('utf8')) as Manifest
      if (expected && JSON.stringify(inFile) !== JSON.stringify(expected))
        problems.push(
          `${where(held)}: er ikke det samme manifestet som nettstedets arkiv/${expected.release}/manifest.json.`,
        )
      manifest ??= inFile
    } catch {
      problems.push(`${where(held)}: manifestet er ikke gyldig JSON.`)
    }
  }
  for (const f of manifest?.files ?? []) {
    const e = responses.get(f.path)
    if (!e) problems.push(`${name}: mangler siden ${f.path}, som manifestet lister.`)
    else if (sha256(e.payload) !== f.sha256)
      problems.push(`${where(e)}: har SHA-256 ${sha256(e.payload)}, manifestet sier ${f.sha256}.`)
  }
  return { checked: manifest?.files.length ?? 0, records: entries.length, problems }
}
