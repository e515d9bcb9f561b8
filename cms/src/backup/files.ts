import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { listFiles, mapLimit } from '@rapport/files'

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
