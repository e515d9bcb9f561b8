import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export type FileDigest = { size: number; sha256: string }

/** The size and SHA-256 of a file, read as a stream. */
export const digestFile = async (file: string): Promise<FileDigest> => {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  return { size, sha256: hash.digest('hex') }
}

/**
 * The regular files under a folder, as paths relative to it with `/` between parts, sorted.
 * Links to folders are followed (a backup's staging folder links to the live build).
 */
export const listFiles = (root: string): string[] => {
  const out: string[] = []
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(root, rel))) {
      const child = rel ? `${rel}/${name}` : name
      const st = fs.statSync(path.join(root, child))
      if (st.isDirectory()) walk(child)
      else if (st.isFile()) out.push(child)
    }
  }
  walk('')
  return out.sort()
}

/** Runs `fn` over the items, at most `limit` at a time, keeping their order in the result. */
export const mapLimit = async <T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> => {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/** The digest of every regular file under a folder, by relative path. */
export const digestTree = async (root: string, prefix = ''): Promise<Map<string, FileDigest>> => {
  const files = listFiles(root)
  const digests = await mapLimit(files, 8, (f) => digestFile(path.join(root, f)))
  return new Map(files.map((f, i) => [prefix ? `${prefix}/${f}` : f, digests[i]]))
}

/** Writes a file and its contents to disk (fsync) before returning. */
export const syncFile = (file: string) => {
  const fd = fs.openSync(file, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/** Makes a rename in this folder durable (the folder's entry on disk), where the system allows it. */
export const syncFolder = (dir: string) => {
  let fd: number | undefined
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch {
    // not every system can sync a folder
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}

/** Whether a folder does not exist, exists and is empty, or holds something. */
export const folderState = (dir: string): 'missing' | 'empty' | 'used' => {
  try {
    return fs.readdirSync(dir).length === 0 ? 'empty' : 'used'
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing'
    throw error
  }
}
