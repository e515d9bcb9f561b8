import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const PLACEHOLDERS = new Set(['secret', 'changeme', 'change-me', 'your_secret_here', 'your-secret-here', 'payload'])

export const MIN_SECRET_LENGTH = 32

/** Why a secret is not good enough for production, or null when it is. */
export const secretProblem = (secret: string | undefined): string | null => {
  if (!secret) return 'PAYLOAD_SECRET is not set'
  if (PLACEHOLDERS.has(secret.trim().toLowerCase())) return 'PAYLOAD_SECRET is a placeholder value'
  if (secret.length < MIN_SECRET_LENGTH) return `PAYLOAD_SECRET is shorter than ${MIN_SECRET_LENGTH} characters`
  return null
}

/**
 * The secret that signs logins. Production demands a real PAYLOAD_SECRET; local use
 * generates one on first start and keeps it in the data folder, so logins survive restarts.
 */
export const resolveSecret = (opts: { production: boolean; dataDir: string; env?: NodeJS.ProcessEnv }): string => {
  const env = opts.env ?? process.env
  if (opts.production) {
    const problem = secretProblem(env.PAYLOAD_SECRET)
    if (problem) {
      throw new Error(
        `Refusing to start in production: ${problem}. Set PAYLOAD_SECRET to a random string of at least ${MIN_SECRET_LENGTH} characters (for example: openssl rand -hex 32).`,
      )
    }
    return env.PAYLOAD_SECRET as string
  }
  if (env.PAYLOAD_SECRET) return env.PAYLOAD_SECRET
  const file = path.join(opts.dataDir, '.payload-secret')
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim()
  fs.mkdirSync(opts.dataDir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' })
  return secret
}
