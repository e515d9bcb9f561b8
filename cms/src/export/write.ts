import fs from 'node:fs'
import path from 'node:path'

import { jsonByHash } from '@rapport/contracts/readSnapshot'
import type { Chapter, Snapshot } from '@rapport/contracts/snapshot'
import { jsonText } from '@rapport/files'

/** The last text of each chapter file, so an export of thousands of unchanged revisions does not serialise them again. */
const texts = new Map<string, { key: string; text: string }>()

/** The files of a snapshot, by path relative to the snapshot folder, in a fixed order. */
export const snapshotFiles = (snapshot: Snapshot, chapters: Chapter[]): Map<string, string> => {
  const files = new Map<string, string>([['snapshot.json', jsonText(snapshot)]])
  for (const chapter of chapters) {
    const name = path.posix.join('chapters', chapter.edition, `${chapter.slug}.json`)
    // The chapter's identity: everything but the HTML, which counts by its hash.
    const key = jsonByHash(chapter)
    let cached = texts.get(name)
    if (cached?.key !== key) texts.set(name, (cached = { key, text: jsonText(chapter) }))
    files.set(name, cached.text)
  }
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)))
}

/** What this process last wrote to each snapshot file, with the file's identity then. */
const written = new Map<string, { content: string; stamp: string }>()

const stampOf = (st: fs.Stats) => `${st.ino}:${st.size}:${st.mtimeMs}`

const sameContent = (file: string, content: string): boolean => {
  try {
    const st = fs.statSync(file)
    if (st.size !== Buffer.byteLength(content)) return false
    const last = written.get(file)
    if (last && last.stamp === stampOf(st)) return last.content === content
    return fs.readFileSync(file, 'utf8') === content
  } catch {
    return false
  }
}

/**
 * Replaces the snapshot folder with these files, all or nothing: they are written beside it
 * and swapped in with renames, so a failure leaves the previous snapshot as it was.
 */
export const writeSnapshot = (dir: string, files: Map<string, string>) => {
  const target = path.resolve(dir)
  const parent = path.dirname(target)
  fs.mkdirSync(parent, { recursive: true })
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}-new-`))
  try {
    for (const [name, content] of files) {
      const file = path.join(staging, name)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      // An unchanged file is linked, not written: it keeps its identity and time, so readers
      // that look at file times (the site's content loader) can skip it.
      const existing = path.join(target, name)
      if (sameContent(existing, content)) fs.linkSync(existing, file)
      else fs.writeFileSync(file, content)
    }
    const old = `${staging}-old`
    if (fs.existsSync(target)) fs.renameSync(target, old)
    fs.renameSync(staging, target)
    fs.rmSync(old, { recursive: true, force: true })
    for (const [name, content] of files) {
      const file = path.join(target, name)
      written.set(file, { content, stamp: stampOf(fs.statSync(file)) })
    }
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true })
    throw error
  }
}
