/**
 * The manifest at the head of a backup archive: what it holds (each member with its size and
 * SHA-256), the database kind, the live build and when it was made. A restore checks every
 * member against it before it puts anything in place.
 */
import path from 'node:path'

import { z } from 'zod'

import { BackupError } from './errors'
import type { FileDigest } from './files'

export const BACKUP_FORMAT = 'allmennlege-rapport-sikkerhetskopi'
export const BACKUP_VERSION = 1

/** Archive members: the manifest, the SQLite database, and the data folder's files under data/. */
export const MANIFEST_MEMBER = 'manifest.json'
export const DATABASE_MEMBER = 'database/payload.db'
export const DATA_MEMBER = 'data'

/** A build folder's name, as the site builder makes them (an ISO time with - for : and .). */
const BUILD_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

const memberPath = z
  .string()
  .refine(
    (p) =>
      p === DATABASE_MEMBER ||
      (p.startsWith(`${DATA_MEMBER}/`) && path.posix.normalize(p) === p && !p.split('/').includes('..')),
    {
      message: 'ugyldig filsti',
    },
  )

export const backupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.iso.datetime(),
  database: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('sqlite'), member: z.literal(DATABASE_MEMBER) }),
    z.object({ kind: z.literal('mongodb') }),
  ]),
  /** The build folder the live site link pointed at (data/site-builds/<liveBuild>), or null before the first build. */
  liveBuild: z.string().regex(BUILD_NAME).nullable(),
  files: z.array(
    z.object({ path: memberPath, size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  ),
})

export type BackupManifest = z.infer<typeof backupManifestSchema>
export type DatabaseKind = BackupManifest['database']['kind']

/** The manifest for these members (paths relative to the archive root, as in the archive). */
export const makeManifest = (opts: {
  createdAt: Date
  database: DatabaseKind
  liveBuild: string | null
  files: Map<string, FileDigest>
}): BackupManifest => ({
  format: BACKUP_FORMAT,
  version: BACKUP_VERSION,
  createdAt: opts.createdAt.toISOString(),
  database: opts.database === 'sqlite' ? { kind: 'sqlite', member: DATABASE_MEMBER } : { kind: 'mongodb' },
  liveBuild: opts.liveBuild,
  files: [...opts.files]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([p, d]) => ({ path: p, size: d.size, sha256: d.sha256 })),
})

/** The manifest in this text, or a BackupError that says what is wrong with it. */
export const parseManifest = (text: string): BackupManifest => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new BackupError('Manifestet i sikkerhetskopien er ikke gyldig JSON.')
  }
  const parsed = backupManifestSchema.safeParse(json)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    const field = first?.path.join('.') || 'manifest'
    const what = first?.code === 'custom' ? first.message : 'har feil form'
    throw new BackupError(
      `Manifestet i sikkerhetskopien er ikke gyldig (${field}: ${what}). Er filen en sikkerhetskopi fra npm run backup?`,
    )
  }
  const m = parsed.data
  if (m.database.kind === 'sqlite' && !m.files.some((f) => f.path === DATABASE_MEMBER)) {
    throw new BackupError(`Manifestet sier at databasen er SQLite, men lister ikke ${DATABASE_MEMBER}.`)
  }
  if (m.liveBuild && !m.files.some((f) => f.path.startsWith(`${liveBuildMember(m.liveBuild!)}/`))) {
    throw new BackupError(`Manifestet nevner bygget ${m.liveBuild}, men lister ingen filer i det.`)
  }
  return m
}

/** Where a live build's files are in the archive. */
export const liveBuildMember = (build: string) => `${DATA_MEMBER}/site-builds/${build}`

/**
 * Every way the files found differ from the manifest, in Norwegian, one per file: missing,
 * another size or SHA-256, or not listed. Empty when they match.
 */
export const manifestProblems = (manifest: BackupManifest, found: ReadonlyMap<string, FileDigest>): string[] => {
  const problems: string[] = []
  const listed = new Set<string>()
  for (const f of manifest.files) {
    listed.add(f.path)
    const got = found.get(f.path)
    if (!got) problems.push(`${f.path}: mangler`)
    else if (got.size !== f.size) problems.push(`${f.path}: ${got.size} byte, manifestet sier ${f.size}`)
    else if (got.sha256 !== f.sha256) problems.push(`${f.path}: SHA-256 stemmer ikke med manifestet`)
  }
  for (const p of found.keys()) if (!listed.has(p)) problems.push(`${p}: står ikke i manifestet`)
  return problems
}
