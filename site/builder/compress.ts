/**
 * The brotli and gzip copies of a build's text files, stored beside each (`index.html.br`,
 * `index.html.gz`): a built file never changes, so it is compressed once, when it is made,
 * and the server sends the copy the browser takes instead of compressing on every request.
 * Compression runs on libuv's thread pool, so it does not hold up the process that asks for it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/** The files worth compressing: text. Images, archives and Pagefind's own compressed index are not. */
const COMPRESSIBLE = /\.(html|css|js|mjs|json|xml|svg|txt|webmanifest)$/

/** Below this size a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024

/** The suffixes of the stored copies. */
export const COMPRESSED_SUFFIXES = ['.br', '.gz'] as const

/**
 * Brotli quality 4 and gzip level 4: 28.7 % and 29.1 % of the synthetic report's pages, near
 * the 27.4 % and 28.3 % of quality 5 and level 6, at far less than the highest settings cost.
 * In a full build of that report (3,337 pages, 183 MB) the copies take 8–10 s on two cores
 * whichever of these levels (2 to 6): reading, compressing and writing that much is most of it.
 * A publish compresses only the pages it renders (tens of milliseconds). The pipeline benchmark
 * prints the figures.
 */
const BROTLI_QUALITY = 4
const GZIP_LEVEL = 4

/**
 * Whether a file gets compressed copies.
 * @example isCompressible('arsrapport-2023/index.html') // true
 * @example isCompressible('arkiv/2024-05-31.tar.gz') // false
 */
export const isCompressible = (file: string) => COMPRESSIBLE.test(file)

/**
 * A file's name with its stored copies, those that exist in `dir`.
 * @example withCompressed(dir, ['index.html']) // ['index.html', 'index.html.br', 'index.html.gz']
 */
export const withCompressed = (dir: string, files: string[]): string[] =>
  files.flatMap((f) =>
    isCompressible(f)
      ? [f, ...COMPRESSED_SUFFIXES.map((s) => `${f}${s}`).filter((c) => fs.existsSync(path.join(dir, c)))]
      : [f],
  )

const compressOne = async (dir: string, file: string) => {
  const full = path.join(dir, file)
  const content = await fs.promises.readFile(full)
  if (content.length < MIN_BYTES) return
  const [br, gz] = await Promise.all([
    brotli(content, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    gzip(content, { level: GZIP_LEVEL }),
  ])
  await Promise.all([fs.promises.writeFile(`${full}.br`, br), fs.promises.writeFile(`${full}.gz`, gz)])
}

/**
 * Writes the compressed copies of the text files among `files` (relative to `dir`), a few at a
 * time; the same file gives the same bytes every time.
 */
export const compressFiles = async (dir: string, files: string[]): Promise<number> => {
  const todo = files.filter(isCompressible)
  let next = 0
  const worker = async () => {
    while (next < todo.length) await compressOne(dir, todo[next++])
  }
  await Promise.all(Array.from({ length: 4 }, worker))
  return todo.length
}
