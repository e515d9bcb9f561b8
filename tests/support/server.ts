import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '../..')

/** A port nobody listens on now, on loopback. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
    s.once('error', reject)
  })

export type ServerProcess = {
  url: string
  dataDir: string
  child: ChildProcess
  output: () => string
  /** Stops the server (SIGTERM) and removes its data folder. */
  stop: () => Promise<void>
  /** Kills the server and everything it started at once (SIGKILL), as a crash would; keeps the data folder. */
  kill: () => Promise<void>
}

/**
 * Starts the CMS as `npm start` does (the start command, the built admin, the express
 * server) on a free port with an empty data folder (or `dataDir`, to start again on what an
 * earlier server left), and waits until /healthz answers. `port` when the test must know it first
 * (e.g. for a SITE_URL that names it).
 */
export const startServerProcess = async (
  env: Record<string, string> = {},
  opts: { dataDir?: string; port?: number } = {},
): Promise<ServerProcess> => {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-server-'))
  const port = opts.port ?? (await freePort())
  let output = ''
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['cms/src/cli/start.ts', '--port', String(port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: '',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that kill() reaches the node process tsx starts as well.
    detached: true,
  })
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not answer /healthz within 120 s:\n${output}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    url,
    dataDir,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
        if (child.exitCode === null) {
          try {
            process.kill(-child.pid!, 'SIGKILL')
          } catch {
            // already gone
          }
        }
      }
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      process.kill(-child.pid!, 'SIGKILL')
      await exited
    },
  }
}

/** A JSON request to a server's /api, logged in when a token is given; the body parsed, or null. */
export const apiRequest = async (base: string, method: string, route: string, body?: unknown, token?: string) => {
  const response = await fetch(`${base}/api${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `JWT ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, json: (await response.json().catch(() => null)) as any }
}

/**
 * Makes the accounts a test logs in with: the first account (an admin, as the admin's "create
 * first user" screen makes it, admin@example.no) and one account per role named here
 * (<role>@example.no), all with `password`. Resolves to the admin's token.
 */
export const createAccounts = async (
  base: string,
  password: string,
  accounts: Array<{ role: 'editor' | 'publisher'; name?: string }>,
  adminName = 'Admin',
): Promise<string> => {
  const first = await apiRequest(base, 'POST', '/users/first-register', {
    email: 'admin@example.no',
    password,
    name: adminName,
  })
  if (first.status !== 200) throw new Error(`the first account was refused (${first.status})`)
  for (const { role, name = role } of accounts) {
    const made = await apiRequest(
      base,
      'POST',
      '/users',
      { email: `${role}@example.no`, password, name, role },
      first.json.token,
    )
    if (made.status !== 201) throw new Error(`the ${role}'s account was refused (${made.status})`)
  }
  return first.json.token as string
}

/** Asks `check` every 250 ms until it says yes or `ms` have passed; resolves to whether it did. */
export const pollUntil = async (check: () => Promise<boolean>, ms: number): Promise<boolean> => {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return true
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}
