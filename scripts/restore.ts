/**
 * Restores a backup made by `npm run backup` into the data folder (and its SQLite database):
 * into an empty or new folder, or with --force over what it holds once no process uses it.
 * Every file is checked against the archive's manifest before the folder is changed.
 *
 *   npm run restore -- <file.tar.gz> [--force]
 *
 * Uses DATA_DIR and DATABASE_URL as the server does.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'

import { failWith } from '@rapport/cms/backup/errors'
import { mongoRestoreAdvice } from '@rapport/cms/backup/mongodb'
import { restoreBackup } from '@rapport/cms/backup/restore'
import { DATA_DIR } from '@rapport/cms/lib/paths'

const USAGE = `Bruk: npm run restore -- <fil.tar.gz> [--force]
Gjenoppretter en sikkerhetskopi fra npm run backup til datamappa (${DATA_DIR}) og databasen.
Mappa må være tom eller ikke finnes; --force erstatter det den har. Stopp serveren først.
Hver fil sjekkes mot manifestet i sikkerhetskopien før noe i datamappa endres.
Bruker DATA_DIR og DATABASE_URL som serveren.`

const { values, positionals } = parseArgs({
  options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  allowPositionals: true,
})

if (values.help || positionals.length !== 1) {
  console.log(USAGE)
  process.exit(values.help ? 0 : 2)
}

const main = async () => {
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0])
  const summary = await restoreBackup({
    file,
    dataDir: DATA_DIR,
    databaseUrl: process.env.DATABASE_URL,
    force: values.force,
  })
  const { manifest } = summary
  console.log(
    `Sikkerhetskopien fra ${manifest.createdAt} er gjenopprettet i ${summary.dataDir}${summary.replaced ? ' (det som var der, er erstattet)' : ''}: ${manifest.files.length} filer, alle kontrollert mot manifestet, på ${(summary.durationMs / 1000).toFixed(1).replace('.', ',')} s.`,
  )
  console.log(`  Nettstedet som vises: ${manifest.liveBuild ?? 'ingen (serveren bygger det når den starter)'}.`)
  if (manifest.database.kind === 'mongodb') console.log(`\n${mongoRestoreAdvice()}`)
  else console.log('Start serveren med npm start.')
}

main().catch(failWith('Gjenopprettingen'))
