import fs from 'node:fs'
import path from 'node:path'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { CMS_DIR } from './paths'

export type DatabaseKind = 'sqlite' | 'mongodb'

/** Which database a URL names: MongoDB for mongodb:// URLs, otherwise embedded SQLite. */
export const databaseKind = (url: string | undefined): DatabaseKind =>
  url && /^mongodb(\+srv)?:\/\//.test(url) ? 'mongodb' : 'sqlite'

/**
 * The SQLite URL for the embedded database: DATABASE_URL when it is a file: URL, otherwise
 * payload.db in the data folder (created on first start).
 * @example sqliteUrl(undefined, '/srv/app/data') // 'file:/srv/app/data/payload.db'
 */
export const sqliteUrl = (url: string | undefined, dataDir: string): string => {
  if (url && url.startsWith('file:')) return url
  if (url) throw new Error(`DATABASE_URL must start with mongodb://, mongodb+srv:// or file: (got "${url.split(':')[0]}:…")`)
  return `file:${path.join(dataDir, 'payload.db')}`
}

/**
 * The database adapter for DATABASE_URL. SQLite runs in WAL mode with a busy timeout, so the
 * server and a script can share the file, and its schema comes from the migrations in
 * src/migrations/sqlite, which the config's onInit runs on every start (a no-op when up to date). MongoDB needs none.
 */
export const databaseAdapter = (url: string | undefined, dataDir: string): DatabaseAdapterObj => {
  if (databaseKind(url) === 'mongodb') {
    return mongooseAdapter({ url: url as string, transactionOptions: {} })
  }
  const fileUrl = sqliteUrl(url, dataDir)
  const filePath = fileUrl.replace(/^file:/, '').split('?')[0]
  const building = process.env.NEXT_PHASE === 'phase-production-build'
  if (filePath && !filePath.startsWith(':') && !building) fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true })
  return sqliteAdapter({
    client: { url: fileUrl },
    wal: true,
    busyTimeout: 10_000,
    push: false,
    migrationDir: path.join(CMS_DIR, 'src/migrations/sqlite'),
  })
}
