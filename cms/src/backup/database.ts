/**
 * The database's part of a backup: where it is, a consistent copy of the embedded SQLite
 * database while the server writes to it, and whether a process has it open.
 */
import fs from 'node:fs'
import path from 'node:path'

import { createClient } from '@libsql/client'

import { BackupError } from './errors'

export type DatabaseLocation = { kind: 'sqlite'; file: string } | { kind: 'mongodb' }

/**
 * The database DATABASE_URL names, as the server reads it (lib/database.ts: databaseKind and
 * sqliteUrl, kept in step by a test; that module loads both database adapters, which takes
 * seconds, so this one does not import it).
 * @example databaseLocation(undefined, '/srv/data') // { kind: 'sqlite', file: '/srv/data/payload.db' }
 */
export const databaseLocation = (url: string | undefined, dataDir: string): DatabaseLocation => {
  if (url && /^mongodb(\+srv)?:\/\//.test(url)) return { kind: 'mongodb' }
  if (url && !url.startsWith('file:'))
    throw new BackupError(
      `DATABASE_URL må begynne med mongodb://, mongodb+srv:// eller file: (fikk «${url.split(':')[0]}:…»).`,
    )
  const file = url ? url.replace(/^file:/, '').split('?')[0] : path.join(dataDir, 'payload.db')
  if (!file || file.startsWith(':')) throw new BackupError('DATABASE_URL peker ikke på en databasefil.')
  return { kind: 'sqlite', file: path.resolve(file) }
}

const sqliteClient = (file: string) => createClient({ url: `file:${file}` })

/**
 * Copies a SQLite database that may be in use into a new file with `VACUUM INTO`: one read
 * transaction, so the copy is the database as it stood at one moment, committed transactions
 * only, whatever the server writes meanwhile (WAL mode: readers do not block it). The copy is
 * checked with `integrity_check` and left as one self-contained file (no -wal beside it).
 */
export const copySqliteDatabase = async (source: string, target: string): Promise<void> => {
  if (!fs.existsSync(source))
    throw new BackupError(`Fant ingen database i ${source}. Har serveren vært startet med denne datamappa?`)
  const from = sqliteClient(source)
  try {
    await from.execute('PRAGMA busy_timeout = 10000')
    await from.execute({ sql: 'VACUUM INTO ?', args: [target] })
  } finally {
    from.close()
  }
  const copy = sqliteClient(target)
  try {
    const check = await copy.execute('PRAGMA integrity_check')
    const verdict = check.rows.map((r) => String(r[0])).join('; ')
    if (verdict !== 'ok')
      throw new BackupError(`Kopien av databasen er ikke hel (integrity_check: ${verdict.slice(0, 500)}).`)
    await copy.execute('PRAGMA journal_mode = DELETE')
  } finally {
    copy.close()
  }
}

/**
 * Whether another process has this SQLite database open (a server on it, or a script). Asks
 * for the database file's exclusive lock without waiting: in WAL mode every open connection
 * holds a shared lock on it, so the lock is only free when no one has it open. A free
 * database is left as it was, apart from a checkpoint of what a stopped process left in its WAL.
 */
export const sqliteInUse = async (file: string): Promise<boolean> => {
  if (!fs.existsSync(file)) return false
  const client = sqliteClient(file)
  try {
    await client.execute('PRAGMA busy_timeout = 0')
    await client.execute('PRAGMA locking_mode = EXCLUSIVE')
    await client.execute('BEGIN IMMEDIATE')
    await client.execute('ROLLBACK')
    return false
  } catch (error) {
    if (/SQLITE_BUSY|SQLITE_LOCKED|database is locked/i.test(String((error as Error)?.message ?? error))) return true
    throw error
  } finally {
    client.close()
  }
}
