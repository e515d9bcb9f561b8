/**
 * `npm run backup`: one archive with everything needed to bring the report back — the
 * database (SQLite: a consistent copy taken while the server runs), the build history and
 * queue, the generated secret and the live build of the reader site (with its release
 * archives and manifests) — and a manifest with the SHA-256 of each.
 */
import fs from 'node:fs'
import path from 'node:path'

import { readArchive, writeArchive } from './archive'
import { copySqliteDatabase, databaseLocation } from './database'
import { BUILDS_FOLDER, liveBuildFolder, PRIVATE_FILES, STATE_FILES } from './dataFolder'
import { BackupError } from './errors'
import { digestTree, syncFolder } from './files'
import {
  DATA_MEMBER,
  DATABASE_MEMBER,
  makeManifest,
  manifestProblems,
  MANIFEST_MEMBER,
  type BackupManifest,
} from './manifest'
import { jsonText } from '@rapport/files'

export type BackupOptions = {
  /** The server's data folder (DATA_DIR). */
  dataDir: string
  /** DATABASE_URL as the server has it: unset for the embedded SQLite database. */
  databaseUrl?: string
  /** Where the archive goes; an existing file is replaced only once the new one is whole. */
  file: string
  /** The time recorded in the manifest (default: now). */
  now?: () => Date
}

export type BackupSummary = {
  file: string
  bytes: number
  durationMs: number
  manifest: BackupManifest
}

/** How often the state files are copied again when a build switched the live site meanwhile. */
const STATE_ATTEMPTS = 5

/**
 * Copies the state files into `dataOut` and links the live build's folder there, so that the
 * history, the queue and the live build are from one moment between two switches of the live
 * site. Returns the live build's name (null before the first build).
 */
export const captureDataFolder = (dataDir: string, dataOut: string): string | null => {
  fs.mkdirSync(dataOut, { recursive: true })
  for (let attempt = 1; ; attempt++) {
    const live = liveBuildFolder(dataDir)
    for (const name of STATE_FILES) {
      const from = path.join(dataDir, name)
      const to = path.join(dataOut, name)
      fs.rmSync(to, { force: true })
      try {
        fs.copyFileSync(from, to)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
        throw error
      }
      if (PRIVATE_FILES.has(name)) fs.chmodSync(to, 0o600)
    }
    if (liveBuildFolder(dataDir) !== live && attempt < STATE_ATTEMPTS) continue
    if (!live) return null
    const buildsOut = path.join(dataOut, BUILDS_FOLDER)
    fs.mkdirSync(buildsOut, { recursive: true })
    fs.symlinkSync(live, path.join(buildsOut, path.basename(live)))
    return path.basename(live)
  }
}

/**
 * Makes a backup archive of a data folder (and its database) while the server may be running.
 * The state files and the live build are taken first and the database last, so the database
 * is never older than the site in the archive: a restored server builds whatever the site
 * lacks on its first start. The archive is written beside its destination, read back and
 * checked against its manifest, and then renamed into place.
 */
export const createBackup = async (opts: BackupOptions): Promise<BackupSummary> => {
  const started = Date.now()
  const dataDir = path.resolve(opts.dataDir)
  const file = path.resolve(opts.file)
  const database = databaseLocation(opts.databaseUrl, dataDir)
  if (!fs.existsSync(dataDir))
    throw new BackupError(`Fant ikke datamappa ${dataDir}. Sett DATA_DIR til serverens datamappe.`)
  if (fs.existsSync(file) && fs.statSync(file).isDirectory())
    throw new BackupError(`${file} er en mappe; oppgi et filnavn, for eksempel ${path.join(file, 'rapport.tar.gz')}.`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const staging = fs.mkdtempSync(path.join(path.dirname(file), `.${path.basename(file)}-`))
  const partial = `${file}.${process.pid}.partial`
  try {
    const liveBuild = captureDataFolder(dataDir, path.join(staging, DATA_MEMBER))
    if (database.kind === 'sqlite') {
      fs.mkdirSync(path.join(staging, path.dirname(DATABASE_MEMBER)))
      await copySqliteDatabase(database.file, path.join(staging, DATABASE_MEMBER))
      fs.chmodSync(path.join(staging, DATABASE_MEMBER), 0o600)
    }
    const files = await digestTree(staging)
    const manifest = makeManifest({
      createdAt: (opts.now ?? (() => new Date()))(),
      database: database.kind,
      liveBuild,
      files,
    })
    const manifestText = jsonText(manifest)
    fs.writeFileSync(path.join(staging, MANIFEST_MEMBER), manifestText)
    const members = [
      MANIFEST_MEMBER,
      ...fs
        .readdirSync(staging)
        .filter((n) => n !== MANIFEST_MEMBER)
        .sort(),
    ]
    fs.rmSync(partial, { force: true })
    await writeArchive(staging, members, partial)
    const written = readArchive(partial)
    const problems =
      written.manifestText === manifestText
        ? manifestProblems(manifest, written.digests)
        : ['manifest.json: ikke det som ble skrevet']
    if (problems.length > 0)
      throw new BackupError(
        `Sikkerhetskopien stemte ikke med manifestet da den ble lest tilbake; prøv igjen. ${problems.slice(0, 5).join('; ')}`,
      )
    fs.renameSync(partial, file)
    syncFolder(path.dirname(file))
    return { file, bytes: fs.statSync(file).size, durationMs: Date.now() - started, manifest }
  } catch (error) {
    fs.rmSync(partial, { force: true })
    throw error
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
  }
}
