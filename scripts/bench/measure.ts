import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'

/** The resident memory of a process and all its descendants, in bytes (Linux /proc). */
const treeRss = (root: number): number => {
  const children = new Map<number, number[]>()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0
  const stack = [root]
  while (stack.length) {
    const pid = stack.pop()!
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
      total += rss ? Number(rss[1]) * 1024 : 0
    } catch {
      // gone
    }
    stack.push(...(children.get(pid) ?? []))
  }
  return total
}

/**
 * Waits until the files written and removed so far are on disk, so a build is not timed while
 * the one before it (or the clean-up of the last benchmark) is still being written back.
 */
export const settle = () => execFileSync('sync')

/** Runs a command, timing it and sampling the peak memory of its whole process tree. */
export const measure = (command: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }) =>
  new Promise<{ seconds: number; peakBytes: number; output: string }>((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    let peak = 0
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    const timer = setInterval(() => {
      if (child.pid) peak = Math.max(peak, treeRss(child.pid))
    }, 50)
    child.on('error', reject)
    child.on('close', (code) => {
      clearInterval(timer)
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output.slice(-2000)}`))
      resolve({ seconds, peakBytes: peak, output })
    })
  })

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

/** The machine a benchmark ran on, with its load, as every benchmark prints it first. */
export const machineLine = () =>
  `Machine: ${os.cpus().length} cores, ${mb(os.totalmem())} memory, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`
