/**
 * `npm start`: runs the CMS on the embedded database (or DATABASE_URL), building the admin
 * UI first when needed. Flags: --dev (Next dev mode, no build), --port N (default $PORT or 3000),
 * --build-only (build the admin and exit).
 */
import { parseArgs } from 'node:util'

import { ensureAdminBuild } from '../lib/adminBuild'
import { CMS_DIR, DATA_DIR } from '../lib/paths'
import { resolveSecret } from '../lib/secret'
import { requireSiteUrl } from '../lib/siteUrl'

const { values } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    port: { type: 'string' },
    'build-only': { type: 'boolean', default: false },
  },
})

const main = async () => {
  process.env.DATA_DIR = DATA_DIR
  process.env.CMS_DIR = CMS_DIR
  process.env.NEXT_TELEMETRY_DISABLED = '1'
  // The build signs nothing: it never resolves the secret, and writes nothing into the data
  // folder (a Docker image is built without one, and gets its secret when it starts).
  if (values['build-only']) {
    ensureAdminBuild()
    return
  }

  const production = process.env.NODE_ENV === 'production'
  // Fail before any work when production lacks a real secret; locally one is generated.
  process.env.PAYLOAD_SECRET = resolveSecret({ production, dataDir: DATA_DIR })
  // Production needs the site's public address (SITE_URL); a bad one is refused everywhere.
  requireSiteUrl(production)
  if (!values.dev) ensureAdminBuild()
  ;(process.env as Record<string, string>).NODE_ENV = values.dev ? 'development' : 'production'

  const port = Number(values.port ?? process.env.PORT ?? 3000)
  const { startServer } = await import('../server')
  const running = await startServer({ dev: values.dev, port })
  console.log(
    `\nAllmennlegetjenesten CMS is running.\n  Admin:  ${running.url}/admin\n  API:    ${running.url}/api\n  Health: ${running.url}/healthz\n`,
  )

  const stop = async (signal: string) => {
    console.log(`${signal} received, shutting down…`)
    await running.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
