/**
 * Writes the site's search index (Pagefind) from the search documents of a snapshot (see
 * site/src/lib/search.ts), so it can be made while Astro renders the pages. Pagefind runs as a
 * service process of its own; one index is made at a time in a process, and the service is
 * stopped after each, so nothing keeps a finished build's process alive.
 */
import fs from 'node:fs'

import * as pagefind from 'pagefind'

import type { SearchDocument } from '../src/lib/search'

let queue: Promise<unknown> = Promise.resolve()

const indexInto = async (docs: SearchDocument[], outDir: string) => {
  try {
    const { index, errors } = await pagefind.createIndex()
    if (!index) throw new Error(`Pagefind could not start an index: ${errors.join('; ')}`)
    // Sent in order (the service answers in the same order), so the same documents give the same files.
    const added = await Promise.all(docs.map((d) => index.addHTMLFile({ url: d.url, content: d.content })))
    const failed = added.flatMap((r, i) => r.errors.map((e) => `${docs[i].url}: ${e}`))
    if (failed.length) throw new Error(`Pagefind could not index ${failed.join('; ')}`)
    fs.rmSync(outDir, { recursive: true, force: true })
    const written = await index.writeFiles({ outputPath: outDir })
    if (written.errors.length)
      throw new Error(`Pagefind could not write the index to ${outDir}: ${written.errors.join('; ')}`)
  } catch (error) {
    fs.rmSync(outDir, { recursive: true, force: true })
    throw error
  } finally {
    await pagefind.close()
  }
}

/** Indexes the documents into `outDir` (replaced), after any index this process is making; rejects naming what failed. */
export const writeSearchIndex = (docs: SearchDocument[], outDir: string): Promise<void> => {
  const result = queue.then(() => indexInto(docs, outDir))
  queue = result.catch(() => undefined)
  return result
}
