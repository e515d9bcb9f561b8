import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { en } from '@payloadcms/translations/languages/en'
import { nb } from '@payloadcms/translations/languages/nb'
import { buildConfig, type Migration } from 'payload'

import { markScheduledPublishing } from './audit/scheduled'
import { AuditEvents } from './collections/AuditEvents'
import { Chapters } from './collections/Chapters'
import { Editions } from './collections/Editions'
import { GoalAreas } from './collections/GoalAreas'
import { Measures } from './collections/Measures'
import { News } from './collections/News'
import { Users } from './collections/Users'
import { schedulePublishing } from './access/schedulePublishing'
import { loginWithoutEnumeration } from './auth/loginWithoutEnumeration'
import { siteBuildRetryEndpoint, siteBuildRollbackEndpoint, siteBuildsEndpoint } from './endpoints/siteBuilds'
import { fieldErrorsInAnswer } from './hooks/fieldErrorsInAnswer'
import { jobsPollCron } from './jobs/pollInterval'
import { installAfterCommit } from './lib/afterCommit'
import { answerDatabaseBusy } from './lib/databaseBusy'
import { databaseAdapter, databaseKind } from './lib/database'
import { reportEditor } from './lib/editor'
import { DATA_DIR } from './lib/paths'
import { resolveSecret } from './lib/secret'
import { publicOrigin } from './security/origins'
import { migrations as sqliteMigrations } from './migrations/sqlite'
import { apiAnswers } from './plugins/apiAnswers'
import { norwegianAdmin } from './plugins/norwegianAdmin'
import { readCache } from './plugins/readCache'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const databaseUrl = process.env.DATABASE_URL

export default buildConfig({
  // The public address (SITE_URL, lib/siteUrl.ts): links in e-mails and, as Payload adds it to its csrf
  // list, the only origin whose pages may send the login cookie along with a request.
  serverURL: publicOrigin(),
  // `next build` loads this config to collect page data; the secret is only read at run time.
  secret:
    process.env.NEXT_PHASE === 'phase-production-build'
      ? 'build-time-placeholder-never-used-to-sign-anything'
      : resolveSecret({ production: process.env.NODE_ENV === 'production', dataDir: DATA_DIR }),
  admin: {
    user: Users.slug,
    avatar: 'default',
    meta: { titleSuffix: ' – Allmennlegetjenesten' },
    importMap: { baseDir: dirname },
    dateFormat: 'd. MMMM yyyy',
    components: {
      afterNavLinks: ['/components/SiteBuilds/SiteBuildsNavLink#SiteBuildsNavLink'],
      views: {
        siteBuilds: {
          Component: '/components/SiteBuilds/SiteBuildsView#SiteBuildsView',
          path: '/publisering',
          exact: true,
          meta: { title: 'Publisering' },
        },
      },
    },
  },
  // A write that finds the database locked by another process answers 503 with Retry-After; a
  // refused save answers with each field's Norwegian message.
  hooks: { afterError: [answerDatabaseBusy, fieldErrorsInAnswer] },
  // The reader site's builds: GET /api/site-builds, POST /api/site-builds/:id/rollback and /retry.
  endpoints: [siteBuildsEndpoint, siteBuildRetryEndpoint, siteBuildRollbackEndpoint],
  collections: [Editions, Chapters, GoalAreas, Measures, News, Users, AuditEvents],
  // Bad ids and server failures answered in Norwegian without server details (plugins/apiAnswers.ts);
  // a failed login answers alike, and as slowly, whether the e-mail has an account or not;
  // the admin in Norwegian throughout, scheduling on Oslo time (plugins/norwegianAdmin.ts).
  // Every change of a document empties the cache of anonymous REST reads (plugins/readCache.ts).
  plugins: [apiAnswers, loginWithoutEnumeration(Users.slug), norwegianAdmin, readCache],
  editor: reportEditor,
  db: databaseAdapter(databaseUrl, DATA_DIR),
  i18n: { supportedLanguages: { nb, en }, fallbackLanguage: 'nb' },
  telemetry: false,
  logger: { options: { level: process.env.LOG_LEVEL || 'info' } },
  loggingLevels: { Forbidden: 'info', ValidationError: 'info', NotFound: 'info' },
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts'), autoGenerate: false },
  graphQL: { disablePlaygroundInProduction: true },
  // Scheduled publishes are jobs. Only the server runs them (it starts Payload with `cron: true`),
  // polling every JOBS_POLL_SECONDS; scripts and tests that load this config run none.
  jobs: {
    access: { queue: schedulePublishing, run: schedulePublishing, cancel: schedulePublishing },
    autoRun: [{ cron: jobsPollCron(process.env.JOBS_POLL_SECONDS), queue: 'default', limit: 10 }],
  },
  onInit: async (payload) => {
    // Work a hook starts after a change (a site build) waits for the change's commit.
    installAfterCommit(payload)
    // The audit trail tells a scheduled publish from one made now.
    markScheduledPublishing(payload)
    // The embedded database gets its schema from migrations, in every environment.
    if (databaseKind(databaseUrl) === 'sqlite')
      await payload.db.migrate({ migrations: sqliteMigrations as unknown as Migration[] })
  },
})
