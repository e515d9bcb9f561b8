/**
 * `npm run restore`: puts a backup archive back as the data folder (and its SQLite database),
 * so that `npm start` serves the same site with the same build history. The archive is read
 * through and every file checked against the manifest before anything is written; then it is
 * extracted beside the data folder, checked once more, and put in place by renames.
 */
import fs from 'node:fs'
import path from 'node:path'

import { extractArchive, readArchive } from './archive'
import { databaseLocation, sqliteInUse, type DatabaseLocation } from './database'
import { BUILDS_FOLDER, processesUsing, SITE_LINK } from './dataFolder'
import { BackupError } from './errors'
import { digestTree, folderState } from './files'
import {
  DATA_MEMBER,
  DATABASE_MEMBER,
  manifestProblems,
  MANIFEST_MEMBER,
  parseManifest,
  type BackupManifest,
} from './manifest'

/**
 * Where the restore stages its files: beside the data folder (then one rename puts the whole
 * folder in place), or inside it when a rename from beside would cross filesystems — the data
 * folder is a mount point, such as a Docker volume — or its parent is not writable.
 */
export type StagingPlace = 'beside' | 'inside'

export type RestoreOptions = {
  /** The archive made by `npm run backup`. */
  file: string
  /** The data folder to restore into (DATA_DIR); it must be empty or missing unless `force`. */
  dataDir: string
  /** DATABASE_URL as the server will have it: unset for the embedded SQLite database. */
  databaseUrl?: string
  /** Replace what the data folder holds (never while a process uses it). */
  force?: boolean
  /** Where to stage (default: worked out by stagingPlace). */
  staging?: StagingPlace
}

export type RestoreSummary = {
  dataDir: string
  manifest: BackupManifest
  /** Whether the data folder held something that was replaced. */
  replaced: boolean
  durationMs: number
}

/** Where to stage a restore into this data folder (see StagingPlace). */
export const stagingPlace = (dataDir: string): StagingPlace => {
  if (!fs.existsSync(dataDir)) return 'beside'
  const parent = path.dirname(dataDir)
  try {
    fs.accessSync(parent, fs.constants.W_OK)
  } catch {
    return 'inside'
  }
  return fs.statSync(parent).dev === fs.statSync(dataDir).dev ? 'beside' : 'inside'
}

/** The database's path inside the data folder, or a BackupError when DATABASE_URL puts it elsewhere. */
const databaseInDataFolder = (database: DatabaseLocation, dataDir: string): string | null => {
  if (database.kind !== 'sqlite') return null
  const rel = path.relative(dataDir, database.file)
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new BackupError(
      `DATABASE_URL peker på ${database.file}, utenfor datamappa ${dataDir}. Gjenopprettingen legger databasen i datamappa: fjern DATABASE_URL, eller la den peke på en fil i datamappa.`,
    )
  }
  return rel
}

/** Refuses an archive whose database does not fit DATABASE_URL. */
export const checkDatabaseKind = (manifest: BackupManifest, database: DatabaseLocation) => {
  if (manifest.database.kind === 'sqlite' && database.kind === 'mongodb') {
    throw new BackupError(
      'Sikkerhetskopien har en SQLite-database, men DATABASE_URL peker på MongoDB. Fjern DATABASE_URL for å gjenopprette den innebygde databasen.',
    )
  }
  if (manifest.database.kind === 'mongodb' && database.kind === 'sqlite') {
    throw new BackupError(
      'Sikkerhetskopien ble tatt med MongoDB og har ingen database. Sett DATABASE_URL til MongoDB-databasen (og gjenopprett den med mongorestore) før du gjenoppretter datamappa.',
    )
  }
}

/** Refuses while another process has a file in the data folder open. */
const refuseIfInUse = (dataDir: string) => {
  const users = processesUsing(dataDir)
  if (users.length > 0) {
    const list = users.map((p) => `prosess ${p.pid}${p.command ? `: ${p.command.slice(0, 200)}` : ''}`).join('; ')
    throw new BackupError(
      `En server (eller en annen prosess) bruker datamappa ${dataDir} (${list}). Stopp den før du gjenoppretter.`,
    )
  }
}

/** Refuses an archive whose files differ from its manifest, naming the first few. */
const refuseProblems = (archive: string, problems: string[]) => {
  if (problems.length === 0) return
  const shown = problems
    .slice(0, 10)
    .map((p) => `\n  ${p}`)
    .join('')
  const more = problems.length > 10 ? `\n  … og ${problems.length - 10} til` : ''
  throw new BackupError(
    `Sikkerhetskopien ${archive} er skadet: ${problems.length} ${problems.length === 1 ? 'fil stemmer' : 'filer stemmer'} ikke med manifestet.${shown}${more}`,
  )
}

/**
 * Reads the archive through, writing nothing, and returns its manifest once every file in it
 * has the size and SHA-256 the manifest gives, and nothing else is in it.
 */
export const verifiedManifest = (archive: string): BackupManifest => {
  const { manifestText, digests } = readArchive(archive)
  if (manifestText === null)
    throw new BackupError(
      `Sikkerhetskopien ${archive} har ikke noe manifest (${MANIFEST_MEMBER}). Er filen en sikkerhetskopi fra npm run backup?`,
    )
  const manifest = parseManifest(manifestText)
  refuseProblems(archive, manifestProblems(manifest, digests))
  return manifest
}

/** Extracts a checked archive into `work` and checks the files written there against the manifest once more. */
export const extractVerified = async (archive: string, work: string, manifest: BackupManifest): Promise<void> => {
  extractArchive(archive, work)
  const found = await digestTree(work)
  found.delete(MANIFEST_MEMBER)
  refuseProblems(archive, manifestProblems(manifest, found))
}

/** Adds to a refusal that the data folder was not changed. */
const unchanged = (error: unknown) =>
  error instanceof BackupError ? new BackupError(`${error.message}\nDatamappa er ikke endret.`) : error

/** Turns the extracted archive into the data folder's future contents (in work/data); returns that folder. */
export const arrangeDataFolder = (work: string, manifest: BackupManifest, databaseRel: string | null): string => {
  const data = path.join(work, DATA_MEMBER)
  fs.mkdirSync(data, { recursive: true })
  if (manifest.database.kind === 'sqlite' && databaseRel) {
    const target = path.join(data, databaseRel)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.renameSync(path.join(work, DATABASE_MEMBER), target)
    fs.chmodSync(target, 0o600)
  }
  if (manifest.liveBuild) fs.symlinkSync(path.join(BUILDS_FOLDER, manifest.liveBuild), path.join(data, SITE_LINK))
  return data
}

/** Puts `prepared` in place as the data folder with one rename, moving what was there aside first. */
const installBeside = (prepared: string, dataDir: string, aside: string) => {
  if (folderState(dataDir) !== 'used') {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true })
    fs.renameSync(prepared, dataDir)
    return
  }
  fs.renameSync(dataDir, aside)
  try {
    fs.renameSync(prepared, dataDir)
  } catch (error) {
    fs.renameSync(aside, dataDir)
    throw error
  }
  fs.rmSync(aside, { recursive: true, force: true })
}

/** Moves `prepared`'s entries into the data folder, what was there aside into `aside` (both inside it); undone on failure. */
const installInside = (prepared: string, dataDir: string, aside: string, work: string) => {
  fs.mkdirSync(aside)
  const own = new Set([path.basename(work), path.basename(aside)])
  const movedAside: string[] = []
  const placed: string[] = []
  try {
    for (const name of fs.readdirSync(dataDir).filter((n) => !own.has(n))) {
      fs.renameSync(path.join(dataDir, name), path.join(aside, name))
      movedAside.push(name)
    }
    for (const name of fs.readdirSync(prepared)) {
      fs.renameSync(path.join(prepared, name), path.join(dataDir, name))
      placed.push(name)
    }
  } catch (error) {
    for (const name of placed) fs.renameSync(path.join(dataDir, name), path.join(prepared, name))
    for (const name of movedAside) fs.renameSync(path.join(aside, name), path.join(dataDir, name))
    fs.rmSync(aside, { recursive: true, force: true })
    throw error
  }
  fs.rmSync(aside, { recursive: true, force: true })
}

/**
 * Restores a backup into a data folder. Refused when a process uses the folder, when it is
 * not empty (unless `force`), when the archive is damaged (any file that differs from its
 * manifest) or its database does not fit DATABASE_URL; in each case the data folder is left
 * as it was.
 */
export const restoreBackup = async (opts: RestoreOptions): Promise<RestoreSummary> => {
  const started = Date.now()
  const archive = path.resolve(opts.file)
  if (!fs.existsSync(archive) || !fs.statSync(archive).isFile())
    throw new BackupError(`Fant ikke sikkerhetskopien ${archive}.`)
  const given = path.resolve(opts.dataDir)
  const database = databaseLocation(opts.databaseUrl, given)
  const databaseRel = databaseInDataFolder(database, given)
  const dataDir = fs.existsSync(given) ? fs.realpathSync(given) : given

  refuseIfInUse(dataDir)
  const before = folderState(dataDir)
  if (before === 'used' && !opts.force) {
    throw new BackupError(
      `Datamappa ${dataDir} er ikke tom. Gjenoppretting skriver bare til en tom eller ny mappe; med --force erstattes innholdet (stopp serveren først).`,
    )
  }
  let manifest: BackupManifest
  try {
    manifest = verifiedManifest(archive)
    checkDatabaseKind(manifest, database)
  } catch (error) {
    throw unchanged(error)
  }
  const place = opts.staging ?? stagingPlace(dataDir)
  if (place === 'inside') fs.mkdirSync(dataDir, { recursive: true })
  else fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  const stagingParent = place === 'beside' ? path.dirname(dataDir) : dataDir
  const prefix = place === 'beside' ? `.${path.basename(dataDir)}.` : '.'
  const work = fs.mkdtempSync(path.join(stagingParent, `${prefix}restore-`))
  try {
    await extractVerified(archive, work, manifest).catch((error: unknown) => {
      throw unchanged(error)
    })
    const prepared = arrangeDataFolder(work, manifest, databaseRel)
    if (before === 'used' && databaseRel && (await sqliteInUse(path.join(dataDir, databaseRel)))) {
      throw new BackupError(
        `En server (eller en annen prosess) har databasen ${path.join(dataDir, databaseRel)} åpen. Stopp den før du gjenoppretter.`,
      )
    }
    const aside = `${work}.replaced`
    if (place === 'beside') installBeside(prepared, dataDir, aside)
    else installInside(prepared, dataDir, aside, work)
    return { dataDir, manifest, replaced: before === 'used', durationMs: Date.now() - started }
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}
