import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { databaseAdapter, databaseKind, sqliteUrl } from '../../cms/src/lib/database'
import { norwegianDay, osloDayOrNull, storedDay } from '../../cms/src/lib/dates'
import { resolveSecret, secretProblem } from '../../cms/src/lib/secret'
import { slugify } from '../../cms/src/lib/slugs'
import { compareChapterNumbers } from '@rapport/site/lib/chapterNumbers'

describe('choosing the database', () => {
  it.each([
    [undefined, 'sqlite'],
    ['file:/tmp/x.db', 'sqlite'],
    ['mongodb://mongo:27017/rapport?replicaSet=rs0', 'mongodb'],
    ['mongodb+srv://cluster.example.no/rapport', 'mongodb'],
  ])('DATABASE_URL=%s uses %s', (url, kind) => {
    expect(databaseKind(url)).toBe(kind)
  })

  it.each([
    ['mongodb://mongo:27017/rapport?replicaSet=rs0', 'mongoose', 'text'],
    [undefined, 'sqlite', 'number'],
  ])('DATABASE_URL=%s builds the %s adapter with %s ids', (url, name, idType) => {
    const adapter = databaseAdapter(url, fs.mkdtempSync(path.join(os.tmpdir(), 'db-')))
    expect([adapter.name, adapter.defaultIDType]).toEqual([name, idType])
  })

  it('puts the embedded database in the data folder when no URL is set', () => {
    expect(sqliteUrl(undefined, '/srv/rapport/data')).toBe('file:/srv/rapport/data/payload.db')
  })

  it('refuses a URL it cannot use, naming the scheme', () => {
    expect(() => sqliteUrl('postgres://db/rapport', '/tmp')).toThrow(
      'DATABASE_URL must start with mongodb://, mongodb+srv:// or file: (got "postgres:…")',
    )
  })
})

describe('the secret', () => {
  it.each([
    [undefined, 'PAYLOAD_SECRET is not set'],
    ['changeme', 'PAYLOAD_SECRET is a placeholder value'],
    ['kort', 'PAYLOAD_SECRET is shorter than 32 characters'],
    ['0123456789abcdef0123456789abcdef', null],
  ])('%s → %s', (secret, problem) => {
    expect(secretProblem(secret)).toBe(problem)
  })

  it('production refuses to start without a real secret', () => {
    expect(() => resolveSecret({ production: true, dataDir: '/nonexistent', env: {} as NodeJS.ProcessEnv })).toThrow(
      /^Refusing to start in production: PAYLOAD_SECRET is not set/,
    )
  })

  it('local use generates one secret in the data folder and keeps it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-'))
    const first = resolveSecret({ production: false, dataDir: dir, env: {} as NodeJS.ProcessEnv })
    const second = resolveSecret({ production: false, dataDir: dir, env: {} as NodeJS.ProcessEnv })
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    expect(second).toBe(first)
    expect(fs.statSync(path.join(dir, '.payload-secret')).mode & 0o777).toBe(0o600)
  })
})

describe('small transforms', () => {
  it.each([
    ['2022-05-18T22:00:00.000Z', '2022-05-19'],
    ['2022-05-19T12:00:00.000Z', '2022-05-19'],
    ['2024-05-31', '2024-05-31'],
    ['', null],
    ['ikke en dato', null],
  ])('osloDayOrNull(%s) is %s', (value, day) => {
    expect(osloDayOrNull(value)).toBe(day)
  })

  it('stores a day at noon UTC and writes it in Norwegian', () => {
    expect(storedDay('2022-05-19')).toBe('2022-05-19T12:00:00.000Z')
    expect(norwegianDay('2022-05-19')).toBe('19. mai 2022')
  })

  it.each([
    ['Beskrivelse av målområde 2', 'beskrivelse-av-malomrade-2'],
    ['Del 1 – Tiltak, status og effekter', 'del-1-tiltak-status-og-effekter'],
    ['Økt bærekraft', 'okt-baerekraft'],
  ])('slugify(%s) is %s', (text, slug) => {
    expect(slugify(text)).toBe(slug)
  })

  it('orders chapter numbers as readers count them', () => {
    expect(['1.10', '2', '1.2', '1', '10.1'].sort(compareChapterNumbers)).toEqual(['1', '1.2', '1.10', '2', '10.1'])
  })
})
