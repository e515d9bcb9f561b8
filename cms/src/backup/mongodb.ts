/**
 * With MongoDB the database is not in the data folder: the backup holds the data folder's part,
 * and the database is copied with MongoDB's own tools. What to tell the operator.
 */

/** After a backup without the database: how to copy it. */
export const mongoBackupAdvice = (): string =>
  [
    'Databasen er MongoDB (DATABASE_URL), så denne sikkerhetskopien har bare datamappa: byggehistorikken,',
    'byggekøen, hemmeligheten og nettstedet som vises. Ta kopi av databasen rett etterpå, for eksempel:',
    '  mongodump --uri="$DATABASE_URL" --gzip --archive=rapport-mongodb.archive.gz',
    'Tatt i denne rekkefølgen er databasen minst like ny som nettstedet i sikkerhetskopien; serveren bygger',
    'det som mangler når den starter. Ta vare på begge filene sammen, og på PAYLOAD_SECRET.',
  ].join('\n')

/** After restoring the data folder of a MongoDB backup: how to restore the database. */
export const mongoRestoreAdvice = (): string =>
  [
    'Databasen er MongoDB og er ikke med i denne sikkerhetskopien. Gjenopprett den fra kopien tatt med',
    'mongodump før du starter serveren, for eksempel:',
    '  mongorestore --uri="$DATABASE_URL" --gzip --archive=rapport-mongodb.archive.gz --drop',
    'og start serveren med samme PAYLOAD_SECRET som før.',
  ].join('\n')
