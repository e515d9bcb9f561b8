import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { liveSiteDir, switchLiveSite } from '../../cms/src/site/liveSite'
import { writeOverlay } from '../../scripts/site-build/overlay'
import { SiteBuilder, type BuildRecord } from '../../cms/src/site/siteBuilder'

/**
 * The site builder's bookkeeping, with a stand-in for the real build (which exports the CMS
 * and runs Astro): each build writes a folder under site-builds/ and switches the live link,
 * or fails, or waits on a gate while the test looks at the data folder.
 */

let dataDir: string
let logs: Array<{ level: string; msg: string; [key: string]: unknown }>
const payload = {
  logger: Object.fromEntries(['info', 'warn', 'error'].map((level) => [level, (o: { msg: string }) => logs.push({ level, ...o })])),
} as unknown as Payload

type Control = { fail: string | null; gate: Promise<void> | null; built: number }

const fakeBuild = (control: Control) => async (_payload: Payload, dir: string) => {
  const n = ++control.built
  const out = path.join(dir, 'site-builds', `b${String(n).padStart(3, '0')}`)
  fs.mkdirSync(out, { recursive: true })
  fs.writeFileSync(path.join(out, 'index.html'), `<h1>bygg ${n}</h1>`)
  if (control.gate) await control.gate
  if (control.fail) throw new Error(`${control.fail}\n    at astro build (site/src/pages/index.astro:1:1)`)
  const link = path.join(dir, 'site')
  fs.rmSync(`${link}.tmp`, { force: true })
  fs.symlinkSync(path.relative(dir, out), `${link}.tmp`)
  fs.renameSync(`${link}.tmp`, link)
  return out
}

const gate = () => {
  let open!: () => void
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}

const make = (control: Control, keep?: number) => new SiteBuilder(payload, dataDir, { debounceMs: 10, keep, build: fakeBuild(control) })
const queueFile = () => JSON.parse(fs.readFileSync(path.join(dataDir, 'build-queue.json'), 'utf8')) as Array<{ reason: string }>
const historyFile = () => JSON.parse(fs.readFileSync(path.join(dataDir, 'builds.json'), 'utf8')) as BuildRecord[]
const folders = () => fs.readdirSync(path.join(dataDir, 'site-builds')).sort()
const live = () => path.basename(liveSiteDir(dataDir) ?? '')
const until = async (check: () => boolean) => {
  const deadline = Date.now() + 5000
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-builder-'))
  logs = []
})
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }))

describe('the build queue in the data folder', () => {
  it('holds a request from the moment it is made until a build that covered it has finished', async () => {
    const control: Control = { fail: null, gate: null, built: 0 }
    const first = gate()
    control.gate = first.promise
    const builder = make(control)
    builder.request('chapters:1')
    expect(queueFile().map((q) => q.reason)).toEqual(['chapters:1'])
    await until(() => builder.isBuilding())
    // A request during the build waits for the next one; both stay in the file meanwhile.
    builder.request('chapters:2')
    expect(queueFile().map((q) => q.reason)).toEqual(['chapters:1', 'chapters:2'])
    expect(builder.status()).toMatchObject({ building: true, queued: ['chapters:2'] })
    expect(historyFile()[0]).toMatchObject({ result: 'running', reasons: ['chapters:1'] })
    control.gate = null
    first.open()
    await builder.idle()
    expect(queueFile()).toEqual([])
    expect(builder.history().map((b) => [b.id, b.result, b.reasons])).toEqual([
      ['b002', 'succeeded', ['chapters:2']],
      ['b001', 'succeeded', ['chapters:1']],
    ])
    // The temporary files of the atomic writes are gone.
    expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('coalesces requests in quick succession into one build that lists every reason', async () => {
    const control: Control = { fail: null, gate: null, built: 0 }
    const builder = make(control)
    builder.request('chapters:1')
    builder.request('measures:4')
    builder.request('chapters:1')
    await builder.idle()
    expect(builder.history().map((b) => b.reasons)).toEqual([['chapters:1', 'measures:4', 'chapters:1']])
  })

  it('removes the requests a failed build covered as well, and records its error', async () => {
    const control: Control = { fail: 'Kapittel 2.1 mangler tittel', gate: null, built: 0 }
    const builder = make(control)
    builder.request('chapters:7')
    await builder.idle()
    expect(queueFile()).toEqual([])
    const [failed] = builder.history()
    expect([failed.result, failed.reasons, failed.error?.split('\n')[0], failed.folder]).toEqual(['failed', ['chapters:7'], 'Error: Kapittel 2.1 mangler tittel', null])
    expect(logs.find((l) => l.msg === 'site build failed')).toMatchObject({ level: 'error', reasons: ['chapters:7'] })
  })

  it('after a crash, marks the build left running as interrupted and builds what was queued with its reasons', async () => {
    const control: Control = { fail: null, gate: null, built: 0 }
    const crashed = gate()
    control.gate = crashed.promise
    const before = make(control)
    before.request('chapters:3')
    await until(() => before.isBuilding())
    before.request('news:1')
    // The process dies here: the running build never finishes and nothing else is written.
    const left = historyFile()
    expect(left[0]).toMatchObject({ result: 'running', reasons: ['chapters:3'] })
    expect(folders()).toEqual(['b001'])

    control.gate = null
    const after = make(control)
    expect(after.history()[0]).toMatchObject({ id: left[0].id, result: 'failed', error: 'interrupted' })
    expect(folders()).toEqual([]) // the half build is removed
    expect(after.queued()).toEqual(['chapters:3', 'news:1'])
    expect(logs.some((l) => l.level === 'warn' && l.msg === 'site build interrupted by a stop of the server')).toBe(true)
    after.request('start')
    await after.idle()
    expect(after.history()[0]).toMatchObject({ result: 'succeeded', reasons: ['chapters:3', 'news:1', 'start'] })
    expect(live()).toBe(after.history()[0].id)
    expect(queueFile()).toEqual([])
  })

  it('after a crash while a build’s new pages were live over the build before, serves that build again', async () => {
    const control: Control = { fail: null, gate: null, built: 0 }
    const first = make(control)
    first.request('chapters:1')
    await first.idle()
    expect(live()).toBe('b001')
    // The next build puts its pages live over b001, then the process dies.
    const crashed = gate()
    const pagesLive = async (_payload: Payload, dir: string) => {
      const pages = path.join(dir, 'site-builds', 'b002.pages')
      fs.mkdirSync(pages, { recursive: true })
      fs.writeFileSync(path.join(pages, 'index.html'), '<h1>nye sider</h1>')
      writeOverlay(pages, path.join(dir, 'site-builds', 'b001'), [])
      switchLiveSite(dir, pages)
      await crashed.promise
      return pages
    }
    const during = new SiteBuilder(payload, dataDir, { debounceMs: 10, build: pagesLive })
    during.request('chapters:2')
    await until(() => live() === 'b002.pages')

    const after = make(control)
    expect(live()).toBe('b001')
    expect(folders()).toEqual(['b001'])
    expect(after.queued()).toEqual(['chapters:2'])
  })

  it('resumes a restored queue without a new request', async () => {
    fs.writeFileSync(path.join(dataDir, 'build-queue.json'), JSON.stringify([{ id: 'x', reason: 'editions:2', requestedAt: '2026-01-01T00:00:00.000Z' }]))
    const builder = make({ fail: null, gate: null, built: 0 })
    builder.resume()
    await builder.idle()
    expect(builder.history().map((b) => [b.result, b.reasons])).toEqual([['succeeded', ['editions:2']]])
  })
})

describe('kept builds and rollback', () => {
  const buildTimes = async (builder: SiteBuilder, n: number) => {
    for (let i = 0; i < n; i++) {
      builder.request(`chapters:${i}`)
      await builder.idle()
    }
  }

  it('keeps the last five successful builds and removes a failed build’s folder at once', async () => {
    const control: Control = { fail: null, gate: null, built: 0 }
    const builder = make(control)
    await buildTimes(builder, 7)
    expect(folders()).toEqual(['b003', 'b004', 'b005', 'b006', 'b007'])
    expect(live()).toBe('b007')
    control.fail = 'astro build failed'
    await buildTimes(builder, 1)
    expect([folders(), live()]).toEqual([['b003', 'b004', 'b005', 'b006', 'b007'], 'b007'])
    expect(builder.status()).toMatchObject({ liveBuild: 'b007', building: false, queued: [], rollbackTargets: ['b006', 'b005', 'b004', 'b003'] })
    expect(builder.status().builds.map((b) => b.result)).toEqual(['failed', ...Array(7).fill('succeeded')])
  })

  it('rolls back to a kept build in one switch, records and logs it; the next build goes live as usual', async () => {
    const control: Control = { fail: null, gate: null, built: 0 }
    const builder = make(control)
    await buildTimes(builder, 3)
    const outcome = builder.rollback('b001', 'admin@example.no')
    expect(outcome).toMatchObject({ ok: true, record: { kind: 'rollback', target: 'b001', result: 'succeeded', reasons: ['rollback:admin@example.no'] } })
    expect(live()).toBe('b001')
    expect(fs.readFileSync(path.join(dataDir, 'site', 'index.html'), 'utf8')).toBe('<h1>bygg 1</h1>')
    expect(builder.history()[0]).toMatchObject({ kind: 'rollback', target: 'b001' })
    expect(builder.lastBuild()?.id).toBe('b003')
    expect(builder.status().rollbackTargets).toEqual(['b003', 'b002'])
    expect(logs.find((l) => l.msg === 'site rolled back')).toMatchObject({ level: 'info', target: 'b001', previous: 'b003', by: 'admin@example.no' })
    await buildTimes(builder, 1)
    expect(live()).toBe('b004')
  })

  it('refuses an unknown build, the live one, a removed one, a failed one, and any while a build runs', async () => {
    const control: Control = { fail: null, gate: null, built: 0 }
    const builder = make(control)
    await buildTimes(builder, 6)
    control.fail = 'broken'
    await buildTimes(builder, 1)
    expect(builder.rollback('finnes-ikke', 'a')).toMatchObject({ ok: false, reason: 'unknown' })
    expect(builder.rollback('b006', 'a')).toMatchObject({ ok: false, reason: 'notRollbackTarget', message: 'Bygget b006 er allerede publisert.' })
    expect(builder.rollback('b001', 'a')).toMatchObject({ ok: false, reason: 'notRollbackTarget' }) // beyond the five kept
    const failedId = builder.history()[0].id
    expect(builder.rollback(failedId, 'a')).toMatchObject({ ok: false, reason: 'notRollbackTarget' })
    control.fail = null
    const running = gate()
    control.gate = running.promise
    builder.request('chapters:9')
    await until(() => builder.isBuilding())
    expect(builder.rollback('b005', 'a')).toMatchObject({ ok: false, reason: 'building' })
    control.gate = null
    running.open()
    await builder.idle()
    expect(live()).toBe('b008')
  })

  it('never removes the live build, even when it is older than the kept ones', async () => {
    const control: Control = { fail: null, gate: null, built: 0 }
    await buildTimes(make(control), 5)
    expect(make(control).rollback('b001', 'a')).toMatchObject({ ok: true })
    // Started again with fewer builds to keep: the two newest stay, and the live one.
    const builder = make(control, 2)
    expect([folders(), live()]).toEqual([['b001', 'b004', 'b005'], 'b001'])
    expect(builder.status().rollbackTargets).toEqual(['b005', 'b004'])
  })
})
