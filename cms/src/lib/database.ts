import fs from 'node:fs'
import path from 'node:path'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { retryClientWhileBusy } from './databaseBusy'
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
  if (url)
    throw new Error(`DATABASE_URL must start with mongodb://, mongodb+srv:// or file: (got "${url.split(':')[0]}:…")`)
  return `file:${path.join(dataDir, 'payload.db')}`
}

/**
 * The database adapter for DATABASE_URL. SQLite runs in WAL mode, so the server and a script
 * can share the file: reads never wait, and a write that finds the file locked by another
 * process waits asynchronously (lib/databaseBusy.ts), never inside the driver, where it would
 * stop the whole process. Its schema comes from the migrations in src/migrations/sqlite, which
 * the config's onInit runs on every start (a no-op when up to date). MongoDB needs none.
 */
export const databaseAdapter = (url: string | undefined, dataDir: string): DatabaseAdapterObj => {
  if (databaseKind(url) === 'mongodb') {
    return mongooseAdapter({ url: url as string, transactionOptions: {} })
  }
  const fileUrl = sqliteUrl(url, dataDir)
  const filePath = fileUrl.replace(/^file:/, '').split('?')[0]
  const base = sqliteAdapter({
    client: { url: fileUrl },
    wal: true,
    // No busy timeout in the driver (it would wait synchronously): see lib/databaseBusy.ts.
    busyTimeout: 0,
    push: false,
    migrationDir: path.join(CMS_DIR, 'src/migrations/sqlite'),
  })
  return {
    ...base,
    init: (args) => {
      const adapter = base.init(args)
      const connect = adapter.connect!
      adapter.connect = async function (this: typeof adapter, options) {
        // Made when the database is first opened, never when the config is only loaded (code
        // generation, the admin build): those write nothing into the data folder.
        if (filePath && !filePath.startsWith(':'))
          fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true })
        await connect.call(this, options)
        retryClientWhileBusy((this as unknown as { client: object }).client)
      }
      return adapter
    },
  }
}
