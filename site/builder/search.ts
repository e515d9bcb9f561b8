/**
 * Writes the site's search index (Pagefind) from the search documents of a snapshot (see
 * site/src/lib/search.ts), so it can be made while Astro renders the pages. Pagefind runs as a
 * service process of its own, and one index is made at a time in a process.
 *
 * A build that asks to keep the index (`keep`: the server, build after build) leaves it in
 * the service with what it holds. The next build then adds only the documents whose content
 * changed: Pagefind replaces a document added again at the same address, in its place, so
 * the files are the same as those of an index made afresh from all documents (tested). When
 * the addresses are not the same ones in the same order (a chapter added, moved or deleted), or
 * the build before failed, the index is made afresh. A build that does not keep its index makes
 * it afresh too, and stops the service after writing it, so nothing keeps a finished build's
 * process alive.
 */
import fs from 'node:fs'

import * as pagefind from 'pagefind'

import type { SearchDocument } from '../src/lib/search'
import { sha256 } from '@rapport/files'

/** What an index made or updated held, and how much of it was added this time. */
export type SearchIndexReport = { documents: number; added: number; afresh: boolean }

type Held = { index: pagefind.PagefindIndex; urls: string[]; hashes: string[] }

let queue: Promise<unknown> = Promise.resolve()
/** The index kept in the service after a build that asked to keep it. */
let held: Held | null = null

const sameAddresses = (a: string[], b: string[]) => a.length === b.length && a.every((url, i) => url === b[i])

const stopService = async () => {
  held = null
  await pagefind.close()
}

const indexInto = async (docs: SearchDocument[], outDir: string, keep: boolean): Promise<SearchIndexReport> => {
  const urls = docs.map((d) => d.url)
  // (A document without content is named by Pagefind's error below.)
  const hashes = docs.map((d) => sha256(String(d.content)))
  try {
    let index: pagefind.PagefindIndex
    let changed: SearchDocument[]
    const kept = held
    if (keep && kept && sameAddresses(kept.urls, urls)) {
      index = kept.index
      changed = docs.filter((_, i) => kept.hashes[i] !== hashes[i])
    } else {
      if (kept) await stopService()
      const created = await pagefind.createIndex()
      if (!created.index) throw new Error(`Pagefind could not start an index: ${created.errors.join('; ')}`)
      index = created.index
      changed = docs
    }
    // From here until the index is written, it holds neither the old nor the new documents only.
    held = null
    // Sent in order (the service answers in the same order), so the same documents give the same files.
    const added = await Promise.all(changed.map((d) => index.addHTMLFile({ url: d.url, content: d.content })))
    const failed = added.flatMap((r, i) => r.errors.map((e) => `${changed[i].url}: ${e}`))
    if (failed.length) throw new Error(`Pagefind could not index ${failed.join('; ')}`)
    fs.rmSync(outDir, { recursive: true, force: true })
    const written = await index.writeFiles({ outputPath: outDir })
    if (written.errors.length)
      throw new Error(`Pagefind could not write the index to ${outDir}: ${written.errors.join('; ')}`)
    if (keep) held = { index, urls, hashes }
    else await stopService()
    return { documents: docs.length, added: changed.length, afresh: changed === docs }
  } catch (error) {
    fs.rmSync(outDir, { recursive: true, force: true })
    await stopService()
    throw error
  }
}

/**
 * Indexes the documents into `outDir` (replaced), after any index this process is making;
 * rejects naming what failed. With `keep`, the index stays in Pagefind's service for the next
 * call to update (stopped by closeSearchIndex).
 */
export const writeSearchIndex = (
  docs: SearchDocument[],
  outDir: string,
  { keep = false }: { keep?: boolean } = {},
): Promise<SearchIndexReport> => {
  const result = queue.then(() => indexInto(docs, outDir, keep))
  queue = result.catch(() => undefined)
  return result
}

/** Stops Pagefind's service and forgets a kept index (on shutdown), after any index being made. */
export const closeSearchIndex = (): Promise<void> => {
  const result = queue.then(stopService)
  queue = result.catch(() => undefined)
  return result
}
