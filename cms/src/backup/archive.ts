/**
 * The backup archive: a gzip'ed tar with the manifest first, then the database and the data
 * folder's files. Written atomically; read back either as digests (to check a new archive)
 * or extracted into a folder (to restore it).
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'

import * as tar from 'tar'

import { BackupError } from './errors'
import type { FileDigest } from './files'
import { syncFile } from './files'
import { DATA_MEMBER, DATABASE_MEMBER, MANIFEST_MEMBER } from './manifest'

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile'])

/** Whether an archive entry may be in a backup: the manifest, the database, the data folder's files and folders. */
export const allowedEntry = (entryPath: string, type: string): boolean => {
  const p = entryPath.replace(/\/+$/, '')
  const known =
    p === MANIFEST_MEMBER ||
    p === DATABASE_MEMBER ||
    p === 'database' ||
    p === DATA_MEMBER ||
    p.startsWith(`${DATA_MEMBER}/`)
  return known && !p.split('/').includes('..') && (FILE_TYPES.has(type) || type === 'Directory' || type === 'Link')
}

/** The archive could not be read: damaged, cut short, or not a backup. */
const unreadable = (file: string, error: unknown) =>
  new BackupError(
    `Sikkerhetskopien ${file} kan ikke leses: den er skadet, ufullstendig eller ikke en sikkerhetskopi (${error instanceof Error ? error.message : String(error)}).`,
  )

/**
 * Writes the members (paths relative to `root`; links to folders followed) into a gzip'ed tar
 * at `file`, readable by its owner only, and on disk before it returns. `file` must not exist.
 */
export const writeArchive = async (root: string, members: string[], file: string): Promise<void> => {
  await pipeline(
    tar.create({ cwd: root, follow: true, portable: true }, members),
    zlib.createGzip({ level: 6 }),
    fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }),
  )
  fs.chmodSync(file, 0o600)
  syncFile(file)
}

/** Entries a backup never has: refused with the first few named. */
const unexpectedEntries = (file: string, entries: string[]) =>
  new BackupError(
    `Sikkerhetskopien ${file} inneholder noe en sikkerhetskopi aldri har: ${entries.slice(0, 5).join(', ')}.`,
  )

export type ArchiveContents = { manifestText: string | null; digests: Map<string, FileDigest> }

/**
 * Reads an archive through without writing anything: the manifest's text and the digest of
 * every other file (a hard link counts as its target's content). Throws a BackupError when the
 * archive cannot be read to its end or holds entries a backup never has.
 */
export const readArchive = (file: string): ArchiveContents => {
  const digests = new Map<string, FileDigest>()
  const unexpected: string[] = []
  let manifestText: string | null = null
  try {
    tar.list({
      file,
      sync: true,
      strict: true,
      onReadEntry: (entry) => {
        const p = entry.path.replace(/\/+$/, '')
        if (!allowedEntry(entry.path, entry.type)) unexpected.push(`${p} (${entry.type})`)
        else if (entry.type === 'Link') {
          const target = digests.get(entry.linkpath ?? '')
          if (target) digests.set(p, target)
          else unexpected.push(`${p} (lenke til en fil som ikke står foran den)`)
        } else if (FILE_TYPES.has(entry.type)) {
          const hash = createHash('sha256')
          const chunks: Buffer[] = []
          let size = 0
          entry.on('data', (chunk: Buffer) => {
            hash.update(chunk)
            size += chunk.length
            if (p === MANIFEST_MEMBER) chunks.push(chunk)
          })
          entry.on('end', () => {
            if (p === MANIFEST_MEMBER) manifestText = Buffer.concat(chunks).toString('utf8')
            else digests.set(p, { size, sha256: hash.digest('hex') })
          })
        }
      },
    })
  } catch (error) {
    throw unreadable(file, error)
  }
  if (unexpected.length > 0) throw unexpectedEntries(file, unexpected)
  return { manifestText, digests }
}

/**
 * Extracts an archive into an empty folder: files and folders only, nothing outside it, owned
 * by whoever runs this. Synchronous, so that when it fails no write is still under way and the
 * folder can be removed. Throws a BackupError when the archive cannot be read or holds entries
 * a backup never has.
 */
export const extractArchive = (file: string, dir: string): void => {
  const unexpected: string[] = []
  try {
    tar.extract({
      file,
      cwd: dir,
      sync: true,
      strict: true,
      preserveOwner: false,
      filter: (entryPath, entry) => {
        const type = 'type' in entry ? entry.type : entry.isDirectory() ? 'Directory' : 'File'
        if (allowedEntry(entryPath, type)) return true
        unexpected.push(`${entryPath} (${type})`)
        return false
      },
    })
  } catch (error) {
    throw unreadable(file, error)
  }
  if (unexpected.length > 0) throw unexpectedEntries(file, unexpected)
}
