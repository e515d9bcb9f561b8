import { spawn, type ChildProcess } from 'node:child_process'

import { ROOT } from './server'

/** A response that was not a whole, good answer. */
export type FailedRead = { url: string; at: number; status?: number; error?: string }

export type ReadStats = { responses: number; failures: FailedRead[]; slowestMs: number }

/** Whether a body is whole for its kind: an HTML page to its end, JSON that parses, XML to its root's end. */
const complete = (url: string, type: string, body: string): boolean => {
  if (type.includes('html')) return /<\/html>\s*$/.test(body)
  if (type.includes('json')) {
    try {
      JSON.parse(body)
      return true
    } catch {
      return false
    }
  }
  if (type.includes('xml')) return /<\/(feed|urlset|sitemapindex)>\s*$/.test(body)
  return body.length > 0 || url.endsWith('/')
}

/**
 * Readers on keep-alive connections, each asking for its URL again as soon as it has an
 * answer, as a busy site's readers would, until stopped (or `maxMs` have passed). Every
 * answer must be 200 and whole; the rest are counted as failures with what went wrong.
 */
export const startReaders = (base: string, urls: string[], perUrl = 4, maxMs = 300_000) => {
  const stats: ReadStats = { responses: 0, failures: [], slowestMs: 0 }
  let stopped = false
  const deadline = Date.now() + maxMs
  const loop = async (url: string) => {
    while (!stopped && Date.now() < deadline) {
      const started = Date.now()
      try {
        const response = await fetch(`${base}${url}`)
        const body = await response.text()
        const type = response.headers.get('content-type') ?? ''
        if (response.status !== 200) stats.failures.push({ url, at: started, status: response.status })
        else if (!complete(url, type, body))
          stats.failures.push({ url, at: started, status: 200, error: `body cut off after ${body.length} characters` })
        stats.responses++
      } catch (error) {
        stats.failures.push({ url, at: started, error: String((error as Error).cause ?? error) })
      }
      stats.slowestMs = Math.max(stats.slowestMs, Date.now() - started)
    }
  }
  const loops = urls.flatMap((url) => Array.from({ length: perUrl }, () => loop(url)))
  return {
    stats,
    stop: async (): Promise<ReadStats> => {
      stopped = true
      await Promise.all(loops)
      return stats
    },
  }
}

/**
 * Another process holding the SQLite database's write lock (`BEGIN EXCLUSIVE`), as a script
 * sharing the file can; resolves once the lock is held, and lets go after `ms`.
 */
export const holdDatabaseLock = async (
  file: string,
  ms: number,
): Promise<{ released: Promise<void>; child: ChildProcess }> => {
  const code = `
    const Database = require('libsql')
    const db = new Database(${JSON.stringify(file)})
    db.exec('BEGIN EXCLUSIVE')
    console.log('locked')
    setTimeout(() => { db.exec('ROLLBACK'); console.log('released'); process.exit(0) }, ${ms})
  `
  const child = spawn(process.execPath, ['-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('locked')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`the lock holder ended before it held the lock (exit ${code})`)))
  })
  return { released, child }
}
