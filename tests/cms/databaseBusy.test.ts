/**
 * A write that comes after one that found the SQLite database locked by another process (a
 * script, a backup) is stored for good once it is acknowledged: another connection sees it,
 * it survives the process being killed, and nothing rolls it back later.
 *
 * libsql leaves a statement that failed with SQLITE_BUSY in progress, as SQLite does so that
 * the caller can step it again (tursodatabase/libsql-client-ts#352). While it is in progress,
 * the connection's later writes go into a transaction that is never committed: the server
 * reads them back and answers 200, another process does not see them, a kill -9 loses them,
 * and when the garbage collector finalizes the failed statement, SQLite rolls them all back.
 * (MongoDB has no such lock: these tests are about the embedded database.)
 */
import path from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'

import { createClient } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DatabaseBusyError, isDatabaseBusy, retryClientWhileBusy } from '../../cms/src/lib/databaseBusy'
import { paragraphs, publishedEdition, startTestPayload, type TestPayload } from '../support/payload'
import { holdDatabaseLock } from '../support/readers'

/** Runs the garbage collector, which finalizes statements nothing refers to any more. */
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void
const collectGarbage = async () => {
  for (let i = 0; i < 3; i++) {
    gc()
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** What another connection to the file finds: as another process would, after the writer's commit. */
const readElsewhere = async (file: string, sql: string, ...args: Array<string | number>) => {
  const other = createClient({ url: `file:${file}` })
  try {
    return (await other.execute({ sql, args })).rows.map((row) => ({ ...row }))
  } finally {
    other.close()
  }
}

describe('a write after one that found the database locked', () => {
  let t: TestPayload
  let file: string
  const timeout = process.env.DATABASE_BUSY_TIMEOUT_MS

  beforeAll(async () => {
    // A short wait for the lock, so that a write gives up while the lock is still held.
    process.env.DATABASE_BUSY_TIMEOUT_MS = '300'
    t = await startTestPayload()
    file = path.join(t.dataDir, 'test.db')
  })
  afterAll(async () => {
    if (timeout === undefined) delete process.env.DATABASE_BUSY_TIMEOUT_MS
    else process.env.DATABASE_BUSY_TIMEOUT_MS = timeout
    await t?.destroy()
  })

  it('through the client: is committed, seen by another connection, and kept when the failed statement is collected', async () => {
    const client = retryClientWhileBusy(createClient({ url: `file:${path.join(t.dataDir, 'client.db')}` }), 200)
    await client.execute('PRAGMA journal_mode = WAL')
    await client.execute('CREATE TABLE notes (text TEXT)')
    const lock = await holdDatabaseLock(path.join(t.dataDir, 'client.db'), 800)
    await expect(
      client.execute({ sql: 'INSERT INTO notes (text) VALUES (?) RETURNING rowid', args: ['under låsen'] }),
    ).rejects.toBeInstanceOf(DatabaseBusyError)
    await expect(client.execute("INSERT INTO notes (text) VALUES ('under låsen, uten svar')")).rejects.toBeInstanceOf(
      DatabaseBusyError,
    )
    await lock.released
    await client.execute({ sql: 'INSERT INTO notes (text) VALUES (?) RETURNING rowid', args: ['etter låsen'] })
    await client.batch(["INSERT INTO notes (text) VALUES ('i en batch')"], 'write')
    expect(
      (await readElsewhere(path.join(t.dataDir, 'client.db'), 'SELECT text FROM notes')).map((r) => r.text),
    ).toEqual(['etter låsen', 'i en batch'])
    await collectGarbage()
    expect((await client.execute('SELECT text FROM notes')).rows.map((r) => r.text)).toEqual([
      'etter låsen',
      'i en batch',
    ])
    expect(
      (await readElsewhere(path.join(t.dataDir, 'client.db'), 'SELECT text FROM notes')).map((r) => r.text),
    ).toEqual(['etter låsen', 'i en batch'])
    client.close()
  })

  it('through Payload: a publish acknowledged after a draft save got «busy» is in the database for another process, and stays', async () => {
    const { payload } = t
    const edition = await publishedEdition(payload)
    const chapter = await payload.create({
      collection: 'chapters',
      data: {
        edition: edition.id,
        number: '1.1',
        title: 'Før låsen',
        slug: 'et-kapittel-om-laasen',
        kind: 'chapter',
        body: paragraphs('Tekst.'),
        lastProfessionalChange: '2024-05-31',
        _status: 'published',
      },
    })
    const lock = await holdDatabaseLock(file, 1_000)
    await expect(
      payload.update({
        collection: 'chapters',
        id: chapter.id,
        draft: true,
        data: { title: 'Et utkast mens databasen er låst' },
      }),
    ).rejects.toSatisfy(isDatabaseBusy)
    await lock.released
    await payload.update({
      collection: 'chapters',
      id: chapter.id,
      data: { title: 'Publisert etter låsen', _status: 'published', updateType: 'major', changeNote: 'Revisjon 2.' },
    })
    const stored = () => readElsewhere(file, 'SELECT title, _status FROM chapters WHERE id = ?', chapter.id)
    expect(await stored()).toEqual([{ title: 'Publisert etter låsen', _status: 'published' }])
    await collectGarbage()
    expect(await stored()).toEqual([{ title: 'Publisert etter låsen', _status: 'published' }])
    expect((await payload.findByID({ collection: 'chapters', id: chapter.id })).title).toBe('Publisert etter låsen')
  })
})
