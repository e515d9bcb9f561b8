import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestPayload, type TestPayload } from '../support/payload'

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../cms/src/migrations/sqlite')

let t: TestPayload
beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.destroy())

describe('the embedded database schema', () => {
  it('comes from the committed migrations, all of them applied on start', async () => {
    const committed = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
    const { docs } = await t.payload.find({ collection: 'payload-migrations', limit: 100, sort: 'name' })
    expect(docs.map((d) => d.name)).toEqual(committed.sort())
  })

  it('runs in WAL mode so the server and scripts can share the file', async () => {
    const client = (
      t.payload.db as unknown as {
        client: { execute: (sql: string) => Promise<{ rows: Array<Record<string, unknown>> }> }
      }
    ).client
    const { rows } = await client.execute('PRAGMA journal_mode;')
    expect(rows[0]?.journal_mode).toBe('wal')
  })

  it('matches the collections exactly: a config change without a migration fails here', async () => {
    const db = t.payload.db as unknown as {
      schema: unknown
      requireDrizzleKit: () => {
        generateDrizzleJson: (s: unknown) => Promise<unknown>
        generateMigration: (a: unknown, b: unknown) => Promise<string[]>
      }
    }
    const { generateDrizzleJson, generateMigration } = db.requireDrizzleKit()
    const latest = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .at(-1)!
    const before = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, latest), 'utf8'))
    const statements = await generateMigration(before, await generateDrizzleJson(db.schema))
    expect(statements, 'run `npm run payload --workspace cms -- migrate:create <name>`').toEqual([])
  })
})
