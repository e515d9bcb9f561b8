/**
 * Makes a backup archive of the report's data while the server may be running: the database
 * (SQLite: a consistent copy), the build history and queue, the generated secret and the live
 * site build, with a manifest of SHA-256 sums. With MongoDB it says how to copy the database.
 *
 *   npm run backup -- <file.tar.gz>
 *
 * Uses DATA_DIR and DATABASE_URL as the server does.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'

import { createBackup } from '@rapport/cms/backup/backup'
import { failWith } from '@rapport/cms/backup/errors'
import { mongoBackupAdvice } from '@rapport/cms/backup/mongodb'
import { DATA_DIR } from '@rapport/cms/lib/paths'

const USAGE = `Bruk: npm run backup -- <fil.tar.gz>
Skriver en sikkerhetskopi av databasen og datamappa (${DATA_DIR}) til filen, mens serveren kan gå:
databasen (SQLite), byggehistorikken, byggekøen, den genererte hemmeligheten og nettstedet som vises,
med et manifest over innholdet (SHA-256 for hver fil). Filen kan bare leses av eieren.
Bruker DATA_DIR og DATABASE_URL som serveren. Gjenopprett med npm run restore -- <fil.tar.gz>.`

const { values, positionals } = parseArgs({
  options: { help: { type: 'boolean', short: 'h' } },
  allowPositionals: true,
})

if (values.help || positionals.length !== 1) {
  console.log(USAGE)
  process.exit(values.help ? 0 : 2)
}

const megabytes = (bytes: number) => new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 }).format(bytes / 1e6)
const seconds = (ms: number) => new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 }).format(ms / 1000)

const main = async () => {
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0])
  const summary = await createBackup({ dataDir: DATA_DIR, databaseUrl: process.env.DATABASE_URL, file })
  const { manifest } = summary
  const content = manifest.files.reduce((n, f) => n + f.size, 0)
  console.log(
    `Sikkerhetskopi skrevet til ${summary.file}: ${megabytes(summary.bytes)} MB (${manifest.files.length} filer, ${megabytes(content)} MB ukomprimert) på ${seconds(summary.durationMs)} s.`,
  )
  console.log(
    `  Database: ${manifest.database.kind === 'sqlite' ? 'SQLite (med)' : 'MongoDB (ikke med)'}; nettstedet som vises: ${manifest.liveBuild ?? 'ingen (ikke bygget ennå)'}.`,
  )
  if (manifest.database.kind === 'mongodb') console.log(`\n${mongoBackupAdvice()}`)
}

main().catch(failWith('Sikkerhetskopieringen'))
