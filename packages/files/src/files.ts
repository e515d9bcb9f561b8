/**
 * The file helpers the importer, the CMS and the site builder share: one way to hash, to write
 * JSON, to list a folder and to reuse a file from an earlier build.
 */
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * The SHA-256 of a text (as UTF-8) or of bytes, in hex.
 * @example sha256('') // 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 */
export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex')

/**
 * JSON as every stored file has it: 2-space indent, LF line ends, a final newline.
 * @example jsonText({ a: 1 }) // '{\n  "a": 1\n}\n'
 */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`

/**
 * Writes JSON to a file whole or not at all: into a file beside it, flushed to disk, then
 * renamed over it, so a crash leaves the old file or the new one, never half of either.
 */
export const writeJsonAtomic = (file: string, value: unknown) => {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`
  const fd = fs.openSync(tmp, 'w')
  try {
    fs.writeSync(fd, jsonText(value))
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(tmp, file)
}

/**
 * The regular files under a folder, as paths relative to it with `/` between parts, sorted;
 * none when the folder does not exist. Links to folders are followed (a backup's staging folder
 * links to the live build).
 */
export const listFiles = (root: string): string[] => {
  if (!fs.existsSync(root)) return []
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

/**
 * Puts a file of an earlier build into a new one as a hard link, or as a copy where the two are
 * on different file systems. The file is shared, so neither build may be written in place.
 */
export const linkOrCopy = (from: string, to: string) => {
  fs.mkdirSync(path.dirname(to), { recursive: true })
  try {
    fs.linkSync(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    fs.copyFileSync(from, to)
  }
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

/**
 * Puts these files (relative paths) of an earlier build into a new one as {@link linkOrCopy}
 * does, a few at a time and without blocking the process.
 */
export const linkOrCopyFiles = async (from: string, to: string, files: readonly string[]) => {
  for (const dir of new Set(files.map((f) => path.dirname(path.join(to, f)))))
    await fs.promises.mkdir(dir, { recursive: true })
  await mapLimit(files, 8, (f) =>
    fs.promises.link(path.join(from, f), path.join(to, f)).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EXDEV') throw error
      await fs.promises.copyFile(path.join(from, f), path.join(to, f))
    }),
  )
}
