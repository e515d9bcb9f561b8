/**
 * The backup module on a data folder made here (a SQLite database, the build history and
 * queue, the secret, two site builds and the live link): what an archive holds, a consistent
 * copy while another process writes, and each way a restore refuses and leaves the folder as
 * it was. The round trip through the real server is tests/server/backup.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'

import { createClient } from '@libsql/client'
import * as tar from 'tar'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { createBackup } from '../../cms/src/backup/backup'
import { databaseLocation, sqliteInUse } from '../../cms/src/backup/database'
import { BackupError } from '../../cms/src/backup/errors'
import { restoreBackup, type RestoreOptions } from '../../cms/src/backup/restore'
import { parseManifest } from '../../cms/src/backup/manifest'

const ROOT = path.resolve(import.meta.dirname, '../..')

let tmp: string
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-test-'))
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

const children: ChildProcess[] = []
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGKILL')
      await exited
    }
  }
})

let counter = 0
const fresh = (name: string) => path.join(tmp, `${name}-${++counter}`)

const write = (file: string, content: string | Buffer, mode?: number) => {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, content, mode === undefined ? undefined : { mode })
}

/** Every file under a folder (links followed) with its SHA-256, and every link with its target. */
const tree = (root: string): Record<string, string> => {
  const out: Record<string, string> = {}
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(root, rel)).sort()) {
      const child = rel ? `${rel}/${name}` : name
      const full = path.join(root, child)
      const lst = fs.lstatSync(full)
      if (lst.isSymbolicLink()) out[child] = `-> ${fs.readlinkSync(full)}`
      else if (lst.isDirectory()) walk(child)
      else out[child] = createHash('sha256').update(fs.readFileSync(full)).digest('hex')
    }
  }
  walk('')
  return out
}

/** A data folder as a server leaves it: database in WAL mode, state files, two builds, the live link, a snapshot. */
const makeDataFolder = async (opts: { overlay?: boolean } = {}) => {
  const dir = fresh('data')
  fs.mkdirSync(dir, { recursive: true })
  const db = createClient({ url: `file:${path.join(dir, 'payload.db')}` })
  await db.execute('PRAGMA journal_mode = WAL')
  await db.execute('CREATE TABLE pairs (n INTEGER NOT NULL, side INTEGER NOT NULL)')
  await db.execute('CREATE TABLE notes (text TEXT)')
  await db.execute({ sql: 'INSERT INTO notes (text) VALUES (?)', args: ['Først publisert.'] })
  db.close()
  write(
    path.join(dir, 'builds.json'),
    `${JSON.stringify([{ id: 'B2', kind: 'build', result: 'succeeded', folder: 'site-builds/B2' }], null, 2)}\n`,
  )
  write(path.join(dir, 'build-queue.json'), '[]\n')
  write(path.join(dir, '.payload-secret'), 'hemmelig\n', 0o600)
  for (const build of ['B1', 'B2']) {
    write(path.join(dir, 'site-builds', build, 'index.html'), `<h1>${build}</h1>`)
    write(path.join(dir, 'site-builds', build, 'arkiv', 'r1.tar.gz'), zlib.gzipSync(`utgivelse ${build}`))
    write(path.join(dir, 'site-builds', build, 'arkiv', 'r1', 'manifest.json'), '{}\n')
  }
  // A page linked from the build before, as incremental builds do.
  fs.linkSync(path.join(dir, 'site-builds/B1/index.html'), path.join(dir, 'site-builds/B2/forrige.html'))
  let live = 'site-builds/B2'
  if (opts.overlay) {
    write(path.join(dir, 'site-builds', 'B3.pages', 'index.html'), '<h1>B3</h1>')
    write(path.join(dir, 'site-builds', 'B3.pages', '.overlay.json'), `${JSON.stringify({ base: 'B2', files: [] })}\n`)
    live = 'site-builds/B3.pages'
  }
  fs.symlinkSync(live, path.join(dir, 'site'))
  write(path.join(dir, 'snapshot', 'snapshot.json'), '{}\n')
  return dir
}

const rows = async (dbFile: string, sql: string) => {
  const db = createClient({ url: `file:${dbFile}` })
  try {
    return (await db.execute(sql)).rows
  } finally {
    db.close()
  }
}

/** Runs a restore; resolves to the BackupError it was refused with, or null. */
const refusal = async (opts: RestoreOptions): Promise<BackupError | null> => {
  try {
    await restoreBackup(opts)
    return null
  } catch (error) {
    if (error instanceof BackupError) return error
    throw error
  }
}

/** Leftovers of a restore beside a data folder (its staging folders). */
const leftovers = (dataDir: string) =>
  fs.readdirSync(path.dirname(dataDir)).filter((n) => n.startsWith(`.${path.basename(dataDir)}.`))

/** A process that keeps the database open and commits two rows per transaction until killed. */
const startWriter = async (dbFile: string): Promise<ChildProcess> => {
  const code = `
    import { createClient } from '@libsql/client'
    const db = createClient({ url: 'file:' + process.env.DB_FILE })
    await db.execute('PRAGMA busy_timeout = 10000')
    process.stdout.write('ready\\n')
    for (let n = 0; ; n++) {
      await db.batch([
        { sql: 'INSERT INTO pairs (n, side) VALUES (?, 0)', args: [n] },
        { sql: 'INSERT INTO pairs (n, side) VALUES (?, 1)', args: [n] },
      ], 'write')
    }`
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    cwd: ROOT,
    env: { ...process.env, DB_FILE: dbFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve())
    child.once('exit', (code) => reject(new Error(`the writer exited with ${code}`)))
  })
  return child
}

describe('where the database is', () => {
  it('is read from DATABASE_URL as the server reads it', async () => {
    const { databaseKind, sqliteUrl } = await import('../../cms/src/lib/database')
    for (const url of [
      undefined,
      '',
      'file:/srv/annen.db',
      'file:/srv/annen.db?mode=rwc',
      'mongodb://mongo:27017/rapport',
      'mongodb+srv://x.example.no/rapport',
    ]) {
      const location = databaseLocation(url, '/srv/data')
      expect(location.kind).toBe(databaseKind(url))
      if (location.kind === 'sqlite')
        expect(`file:${location.file}`).toBe(sqliteUrl(url || undefined, '/srv/data').split('?')[0])
    }
    expect(() => databaseLocation('postgres://x', '/srv/data')).toThrow(/DATABASE_URL må begynne med/)
  }, 60_000)
})

describe('a backup', () => {
  it('holds the database, the state files and the live build, each with its SHA-256, readable by its owner only', async () => {
    const dataDir = await makeDataFolder()
    const file = path.join(fresh('out'), 'rapport.tar.gz')
    const summary = await createBackup({ dataDir, file, now: () => new Date('2025-03-01T12:00:00Z') })

    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(fs.readdirSync(path.dirname(file))).toEqual(['rapport.tar.gz'])
    const names: string[] = []
    await tar.list({ file, onReadEntry: (e) => void names.push(e.path) })
    expect(names[0]).toBe('manifest.json')
    const manifest = summary.manifest
    expect(manifest).toMatchObject({
      format: 'allmennlege-rapport-sikkerhetskopi',
      version: 1,
      createdAt: '2025-03-01T12:00:00.000Z',
      database: { kind: 'sqlite' },
      liveBuild: 'B2',
    })
    expect(manifest.files.map((f) => f.path)).toEqual([
      'data/.payload-secret',
      'data/build-queue.json',
      'data/builds.json',
      'data/site-builds/B2/arkiv/r1.tar.gz',
      'data/site-builds/B2/arkiv/r1/manifest.json',
      'data/site-builds/B2/forrige.html',
      'data/site-builds/B2/index.html',
      'database/payload.db',
    ])
    const original = tree(dataDir)
    for (const f of manifest.files.filter((f) => f.path.startsWith('data/')))
      expect(f.sha256).toBe(original[f.path.slice('data/'.length)])
  })

  it('takes the build under an overlay, the last whole one, while a build’s new pages are live', async () => {
    const dataDir = await makeDataFolder({ overlay: true })
    const { manifest } = await createBackup({ dataDir, file: path.join(fresh('out'), 'a.tar.gz') })
    expect(manifest.liveBuild).toBe('B2')
    expect(manifest.files.some((f) => f.path.includes('B3'))).toBe(false)
  })

  it('copies the database consistently while another process commits to it', async () => {
    const dataDir = await makeDataFolder()
    const dbFile = path.join(dataDir, 'payload.db')
    await startWriter(dbFile)
    await new Promise((r) => setTimeout(r, 300))
    const before = Number((await rows(dbFile, 'SELECT count(*) AS n FROM pairs'))[0].n)
    const file = path.join(fresh('out'), 'a.tar.gz')
    await createBackup({ dataDir, file })
    const after = Number((await rows(dbFile, 'SELECT count(*) AS n FROM pairs'))[0].n)
    expect(after).toBeGreaterThan(before)

    const target = fresh('restored')
    await restoreBackup({ file, dataDir: target })
    const restored = path.join(target, 'payload.db')
    expect((await rows(restored, 'PRAGMA integrity_check'))[0][0]).toBe('ok')
    const [{ n, halves }] = await rows(
      restored,
      'SELECT count(*) AS n, count(*) - 2 * count(DISTINCT n) AS halves FROM pairs',
    )
    // Every transaction whole (no pair cut in half), and at least what was committed before.
    expect(Number(halves)).toBe(0)
    expect(Number(n)).toBeGreaterThanOrEqual(before)
    expect(Number(n)).toBeLessThanOrEqual(after)
    expect(fs.readdirSync(target)).not.toContain('payload.db-wal')
  })

  it('with MongoDB holds the data folder only and says so in its manifest', async () => {
    const dataDir = await makeDataFolder()
    const { manifest } = await createBackup({
      dataDir,
      databaseUrl: 'mongodb://mongo:27017/rapport',
      file: path.join(fresh('out'), 'a.tar.gz'),
    })
    expect(manifest.database).toEqual({ kind: 'mongodb' })
    expect(manifest.files.some((f) => f.path.startsWith('database/'))).toBe(false)
    expect(manifest.files.some((f) => f.path === 'data/builds.json')).toBe(true)
  })

  it('refuses a data folder without a database, in Norwegian, and leaves no file behind', async () => {
    const dataDir = fresh('empty')
    fs.mkdirSync(dataDir)
    const out = fresh('out')
    await expect(createBackup({ dataDir, file: path.join(out, 'a.tar.gz') })).rejects.toThrow(/Fant ingen database/)
    expect(fs.readdirSync(out)).toEqual([])
  })
})

describe('a restore', () => {
  let archive: string
  let source: string
  beforeAll(async () => {
    source = await makeDataFolder()
    archive = path.join(fresh('out'), 'rapport.tar.gz')
    await createBackup({ dataDir: source, file: archive })
  })

  it('into a new folder gives the same files, the live link, and the secret readable by its owner only', async () => {
    const target = path.join(fresh('parent'), 'data')
    const summary = await restoreBackup({ file: archive, dataDir: target })
    expect(summary.replaced).toBe(false)
    const restored = tree(target)
    const original = tree(source)
    expect(restored.site).toBe('-> site-builds/B2')
    for (const name of [
      'builds.json',
      'build-queue.json',
      '.payload-secret',
      'site-builds/B2/index.html',
      'site-builds/B2/forrige.html',
      'site-builds/B2/arkiv/r1.tar.gz',
    ]) {
      expect(restored[name], name).toBe(original[name])
    }
    expect(Object.keys(restored).filter((n) => n.startsWith('site-builds/B1') || n.startsWith('snapshot'))).toEqual([])
    expect(fs.statSync(path.join(target, '.payload-secret')).mode & 0o777).toBe(0o600)
    expect(await rows(path.join(target, 'payload.db'), 'SELECT text FROM notes')).toMatchObject([
      { text: 'Først publisert.' },
    ])
    expect(leftovers(target)).toEqual([])
  })

  it('into an empty folder works without --force', async () => {
    const target = fresh('data')
    fs.mkdirSync(target)
    await restoreBackup({ file: archive, dataDir: target })
    expect(fs.realpathSync(path.join(target, 'site'))).toBe(path.join(target, 'site-builds/B2'))
  })

  it('refuses a folder that is not empty, unless --force, which replaces what it holds', async () => {
    const target = fresh('data')
    write(path.join(target, 'annet.txt'), 'noe som var her')
    const before = tree(target)
    const refused = await refusal({ file: archive, dataDir: target })
    expect(refused?.message).toMatch(/Datamappa .* er ikke tom.*--force/)
    expect(tree(target)).toEqual(before)

    const summary = await restoreBackup({ file: archive, dataDir: target, force: true })
    expect(summary.replaced).toBe(true)
    expect(fs.existsSync(path.join(target, 'annet.txt'))).toBe(false)
    expect(fs.existsSync(path.join(target, 'payload.db'))).toBe(true)
    expect(leftovers(target)).toEqual([])
  })

  it('stages inside the data folder when it is a mount point, with the same result', async () => {
    const target = fresh('data')
    write(path.join(target, 'annet.txt'), 'noe som var her')
    await restoreBackup({ file: archive, dataDir: target, force: true, staging: 'inside' })
    const restored = tree(target)
    expect(restored['builds.json']).toBe(tree(source)['builds.json'])
    expect(restored.site).toBe('-> site-builds/B2')
    expect(Object.keys(restored).filter((n) => n.startsWith('.restore') || n === 'annet.txt')).toEqual([])
  })

  /** These bytes with the one at `at` changed (by `mask`). */
  const flipped = (bytes: Buffer, at: number, mask = 0xff) => {
    bytes[at] ^= mask
    return bytes
  }

  // In the middle, the damage stops the reading at once; in the gzip checksum at the end, it is
  // found only once every file has been extracted; in the last entry, after the files before it.
  it.each([
    ['damaged in the middle before it changes anything', (gz: Buffer) => flipped(gz, Math.floor(gz.length / 2))],
    ['damaged in its checksum before it changes anything', (gz: Buffer) => flipped(gz, gz.length - 6)],
    [
      'whose last entry is damaged, though the files before it could be read',
      (gz: Buffer) => {
        const tarBytes = zlib.gunzipSync(gz)
        let header = -1
        for (let at = 0; at < tarBytes.length; at += 512)
          if (tarBytes.subarray(at, at + 20).toString('latin1') === 'database/payload.db\0') header = at
        expect(header).toBeGreaterThan(0)
        return zlib.gzipSync(flipped(tarBytes, header + 150, 0x01)) // its header checksum
      },
    ],
  ])('refuses an archive %s', async (_, damage) => {
    const target = fresh('data')
    write(path.join(target, 'annet.txt'), 'noe som var her')
    const before = tree(target)
    const damaged = path.join(fresh('out'), 'skadet.tar.gz')
    fs.mkdirSync(path.dirname(damaged))
    fs.writeFileSync(damaged, damage(fs.readFileSync(archive)))

    const refused = await refusal({ file: damaged, dataDir: target, force: true })
    expect(refused?.message).toMatch(
      /^Sikkerhetskopien .* kan ikke leses: den er skadet, ufullstendig eller ikke en sikkerhetskopi \(.+\)\.\nDatamappa er ikke endret\.$/,
    )
    expect(tree(target)).toEqual(before)
    expect(leftovers(target)).toEqual([])
  })

  it('refuses an archive whose file differs from its manifest, and names the file', async () => {
    const unpacked = fresh('unpacked')
    fs.mkdirSync(unpacked)
    await tar.extract({ file: archive, cwd: unpacked })
    fs.appendFileSync(path.join(unpacked, 'data/builds.json'), ' ')
    const tampered = path.join(fresh('out'), 'endret.tar.gz')
    fs.mkdirSync(path.dirname(tampered))
    await tar.create({ file: tampered, gzip: true, cwd: unpacked }, fs.readdirSync(unpacked))
    const target = fresh('data')

    const refused = await refusal({ file: tampered, dataDir: target })
    expect(refused?.message).toMatch(
      /er skadet: 1 fil stemmer ikke med manifestet\.\n {2}data\/builds\.json: \d+ byte, manifestet sier \d+/,
    )
    expect(refused?.message).toMatch(/\nDatamappa er ikke endret\.$/)
    expect(fs.existsSync(target)).toBe(false)
    expect(leftovers(target)).toEqual([])
  })

  it('refuses a file that is not a backup', async () => {
    const other = path.join(fresh('out'), 'annet.tar.gz')
    fs.mkdirSync(path.dirname(other))
    fs.writeFileSync(other, 'dette er ikke en sikkerhetskopi')
    const refused = await refusal({ file: other, dataDir: fresh('data') })
    expect(refused?.message).toMatch(/kan ikke leses/)
  })

  it('refuses, even with --force, while a process has the data folder open', async () => {
    const target = fresh('data')
    await restoreBackup({ file: archive, dataDir: target })
    await startWriter(path.join(target, 'payload.db'))
    const refused = await refusal({ file: archive, dataDir: target, force: true })
    expect(refused?.message).toMatch(/bruker datamappa .*Stopp den før du gjenoppretter/)
    expect(await sqliteInUse(path.join(target, 'payload.db'))).toBe(true)
  })

  it('refuses an archive whose database does not fit DATABASE_URL', async () => {
    expect(
      (await refusal({ file: archive, dataDir: fresh('data'), databaseUrl: 'mongodb://mongo:27017/rapport' }))?.message,
    ).toMatch(/har en SQLite-database, men DATABASE_URL peker på MongoDB/)
    const mongo = path.join(fresh('out'), 'mongo.tar.gz')
    await createBackup({ dataDir: source, databaseUrl: 'mongodb://mongo:27017/rapport', file: mongo })
    expect((await refusal({ file: mongo, dataDir: fresh('data') }))?.message).toMatch(
      /tatt med MongoDB og har ingen database/,
    )
    const target = fresh('data')
    await restoreBackup({ file: mongo, dataDir: target, databaseUrl: 'mongodb://mongo:27017/rapport' })
    expect(fs.readdirSync(target).sort()).toEqual([
      '.payload-secret',
      'build-queue.json',
      'builds.json',
      'site',
      'site-builds',
    ])
  })
})

describe('the manifest', () => {
  it('is refused, in Norwegian, when it lists a path outside the data folder', () => {
    const manifest = {
      format: 'allmennlege-rapport-sikkerhetskopi',
      version: 1,
      createdAt: '2025-03-01T12:00:00.000Z',
      database: { kind: 'mongodb' },
      liveBuild: null,
    }
    const file = (p: string) => ({ path: p, size: 1, sha256: 'a'.repeat(64) })
    expect(() => parseManifest(JSON.stringify({ ...manifest, files: [file('data/../../etc/passwd')] }))).toThrow(
      /ikke gyldig \(files\.0\.path: ugyldig filsti\)/,
    )
    expect(() => parseManifest(JSON.stringify({ ...manifest, files: [file('/etc/passwd')] }))).toThrow(/ugyldig filsti/)
    expect(() => parseManifest('{')).toThrow(/ikke gyldig JSON/)
    expect(parseManifest(JSON.stringify({ ...manifest, files: [file('data/builds.json')] })).files).toHaveLength(1)
  })
})
