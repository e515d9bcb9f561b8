import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { FolderLeases } from '../../cms/src/publishing/folderLeases'
import { liveSiteDir, switchLiveSite, type BuildRequest } from '../../cms/src/publishing/liveSite'
import { writeOverlay } from '@rapport/site/builder/overlay'
import { SiteBuilder, type BuildRecord, type SiteBuilderOptions } from '../../cms/src/publishing/siteBuilder'

/**
 * The site builder's bookkeeping, with a stand-in for the real build (which exports the CMS
 * and runs Astro): each build writes a folder under site-builds/ and switches the live link,
 * or fails, or waits on a gate while the test looks at the data folder.
 */

let dataDir: string
let logs: Array<{ level: string; msg: string; [key: string]: unknown }>
const payload = {
  logger: Object.fromEntries(
    ['info', 'warn', 'error'].map((level) => [level, (o: { msg: string }) => logs.push({ level, ...o })]),
  ),
} as unknown as Payload

type Control = { fail: string | Error | null; gate: Promise<void> | null; built: number }

/** Builds get ids b001, b002, … in the order they start, as the real ones get times. */
let ids = 0
const newId = () => `b${String(++ids).padStart(3, '0')}`

const fakeBuild = (control: Control) => async (_payload: Payload, dir: string, request: BuildRequest) => {
  const n = ++control.built
  const out = path.join(dir, 'site-builds', request.id)
  fs.mkdirSync(out, { recursive: true })
  fs.writeFileSync(path.join(out, 'index.html'), `<h1>bygg ${n}</h1>`)
  request.onPhase?.('render')
  if (control.gate) await control.gate
  if (control.fail)
    throw typeof control.fail === 'string'
      ? new Error(`${control.fail}\n    at astro build (site/src/pages/index.astro:1:1)`)
      : control.fail
  const link = path.join(dir, 'site')
  fs.rmSync(`${link}.tmp`, { force: true })
  fs.symlinkSync(path.relative(dir, out), `${link}.tmp`)
  fs.renameSync(`${link}.tmp`, link)
  return { folder: out, problems: [] }
}

const gate = () => {
  let open!: () => void
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}

/** A stand-in build that succeeds, until the test sets `fail` or holds it with `hold`. */
const newControl = (): Control => ({ fail: null, gate: null, built: 0 })

/** Holds the builds at their render step until the gate is opened. */
const hold = (control: Control) => {
  const held = gate()
  control.gate = held.promise
  return held
}

const make = (control: Control, keep?: number, options: SiteBuilderOptions = {}) =>
  new SiteBuilder(payload, dataDir, {
    debounceMs: 10,
    keep,
    build: fakeBuild(control),
    newId,
    leases: new FolderLeases(),
    ...options,
  })
const queueFile = () =>
  JSON.parse(fs.readFileSync(path.join(dataDir, 'build-queue.json'), 'utf8')) as Array<{ reason: string }>
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

/** A builder asked for chapter 1, whose build waits at its gate until `release`, which then waits for it to finish. */
const heldBuild = () => {
  const control = newControl()
  const held = hold(control)
  const builder = make(control)
  builder.request('chapters:1')
  const release = async () => {
    control.gate = null
    held.open()
    await builder.idle()
  }
  return { builder, release }
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-builder-'))
  logs = []
  ids = 0
})
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }))

describe('the build queue in the data folder', () => {
  it('holds a request from the moment it is made until a build that covered it has finished', async () => {
    const { builder, release } = heldBuild()
    expect(queueFile().map((q) => q.reason)).toEqual(['chapters:1'])
    await until(() => builder.isBuilding())
    // A request during the build waits for the next one; both stay in the file meanwhile.
    builder.request('chapters:2')
    expect(queueFile().map((q) => q.reason)).toEqual(['chapters:1', 'chapters:2'])
    expect(builder.status()).toMatchObject({ building: true, queued: ['chapters:2'] })
    expect(historyFile()[0]).toMatchObject({ result: 'running', reasons: ['chapters:1'] })
    await release()
    expect(queueFile()).toEqual([])
    expect(builder.history().map((b) => [b.id, b.result, b.reasons])).toEqual([
      ['b002', 'succeeded', ['chapters:2']],
      ['b001', 'succeeded', ['chapters:1']],
    ])
    // The temporary files of the atomic writes are gone.
    expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('coalesces requests in quick succession into one build that lists every reason', async () => {
    const control = newControl()
    const builder = make(control)
    builder.request('chapters:1')
    builder.request('measures:4')
    builder.request('chapters:1')
    await builder.idle()
    expect(builder.history().map((b) => b.reasons)).toEqual([['chapters:1', 'measures:4', 'chapters:1']])
  })

  it('keeps the requests a failed build covered for its retry, and records its error', async () => {
    const control: Control = { fail: 'Kapittel 2.1 mangler tittel', gate: null, built: 0 }
    const builder = make(control)
    builder.request('chapters:7')
    await builder.idle()
    expect(queueFile()).toMatchObject([{ reason: 'chapters:7', attempts: 1 }])
    const [failed] = builder.history()
    expect([failed.result, failed.reasons, failed.error?.split('\n')[0], failed.folder]).toEqual([
      'failed',
      ['chapters:7'],
      'Kapittel 2.1 mangler tittel',
      null,
    ])
    expect(logs.find((l) => l.msg === 'site build failed')).toMatchObject({ level: 'error', reasons: ['chapters:7'] })
    builder.stop()
  })

  it('after a crash, marks the build left running as interrupted and builds what was queued with its reasons', async () => {
    const control = newControl()
    hold(control)
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
    const [interrupted] = after.history()
    expect(interrupted).toMatchObject({
      id: left[0].id,
      result: 'failed',
      error: 'interrupted',
      summary: 'Serveren stoppet mens bygget pågikk.',
    })
    // It ended, as far as anyone can tell, when the next start found it.
    expect(Date.parse(interrupted.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(interrupted.startedAt))
    expect(interrupted.durationMs).toBe(Date.parse(interrupted.finishedAt!) - Date.parse(interrupted.startedAt))
    expect(folders()).toEqual([]) // the half build is removed
    expect(after.queued()).toEqual(['chapters:3', 'news:1'])
    expect(logs.some((l) => l.level === 'warn' && l.msg === 'site build interrupted by a stop of the server')).toBe(
      true,
    )
    after.request('start')
    await after.idle()
    expect(after.history()[0]).toMatchObject({ result: 'succeeded', reasons: ['chapters:3', 'news:1', 'start'] })
    expect(live()).toBe(after.history()[0].id)
    expect(queueFile()).toEqual([])
  })

  it('after a crash while a build’s new pages were live over the build before, serves that build again', async () => {
    const control = newControl()
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
    fs.writeFileSync(
      path.join(dataDir, 'build-queue.json'),
      JSON.stringify([{ id: 'x', reason: 'editions:2', requestedAt: '2026-01-01T00:00:00.000Z' }]),
    )
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
    const control = newControl()
    const builder = make(control)
    await buildTimes(builder, 7)
    expect(folders()).toEqual(['b003', 'b004', 'b005', 'b006', 'b007'])
    expect(live()).toBe('b007')
    control.fail = 'astro build failed'
    await buildTimes(builder, 1)
    builder.stop()
    expect([folders(), live()]).toEqual([['b003', 'b004', 'b005', 'b006', 'b007'], 'b007'])
    expect(builder.status()).toMatchObject({
      liveBuild: 'b007',
      building: false,
      queued: ['chapters:0'],
      rollbackTargets: ['b006', 'b005', 'b004', 'b003'],
    })
    expect(builder.status().builds.map((b) => b.result)).toEqual(['failed', ...Array(7).fill('succeeded')])
  })

  it('rolls back to a kept build in one switch, records and logs it; the next build goes live as usual', async () => {
    const control = newControl()
    const builder = make(control)
    await buildTimes(builder, 3)
    const outcome = builder.rollback('b001', 'admin@example.no')
    expect(outcome).toMatchObject({
      ok: true,
      record: { kind: 'rollback', target: 'b001', result: 'succeeded', reasons: ['rollback:admin@example.no'] },
    })
    expect(live()).toBe('b001')
    expect(fs.readFileSync(path.join(dataDir, 'site', 'index.html'), 'utf8')).toBe('<h1>bygg 1</h1>')
    expect(builder.history()[0]).toMatchObject({ kind: 'rollback', target: 'b001' })
    expect(builder.lastBuild()?.id).toBe('b003')
    expect(builder.status().rollbackTargets).toEqual(['b003', 'b002'])
    expect(logs.find((l) => l.msg === 'site rolled back')).toMatchObject({
      level: 'info',
      target: 'b001',
      previous: 'b003',
      by: 'admin@example.no',
    })
    await buildTimes(builder, 1)
    expect(live()).toBe('b004')
  })

  it('refuses an unknown build, the live one, a removed one, a failed one, and any while a build runs', async () => {
    const control = newControl()
    const builder = make(control, undefined, { retryDelaysMs: [] })
    await buildTimes(builder, 6)
    control.fail = 'broken'
    await buildTimes(builder, 1)
    expect(builder.rollback('finnes-ikke', 'a')).toMatchObject({ ok: false, reason: 'unknown' })
    expect(builder.rollback('b006', 'a')).toMatchObject({
      ok: false,
      reason: 'notRollbackTarget',
      message: 'Bygget b006 er allerede publisert.',
    })
    expect(builder.rollback('b001', 'a')).toMatchObject({ ok: false, reason: 'notRollbackTarget' }) // beyond the five kept
    const failedId = builder.history()[0].id
    expect(builder.rollback(failedId, 'a')).toMatchObject({ ok: false, reason: 'notRollbackTarget' })
    control.fail = null
    const running = hold(control)
    builder.request('chapters:9')
    await until(() => builder.isBuilding())
    expect(builder.rollback('b005', 'a')).toMatchObject({ ok: false, reason: 'building' })
    control.gate = null
    running.open()
    await builder.idle()
    expect(live()).toBe('b008')
  })

  it('never removes the live build, even when it is older than the kept ones', async () => {
    const control = newControl()
    await buildTimes(make(control), 5)
    expect(make(control).rollback('b001', 'a')).toMatchObject({ ok: true })
    // Started again with fewer builds to keep: the two newest stay, and the live one.
    const builder = make(control, 2)
    await builder.idle() // removals run in the background
    expect([folders(), live()]).toEqual([['b001', 'b004', 'b005'], 'b001'])
    expect(builder.status().rollbackTargets).toEqual(['b005', 'b004'])
  })
})

describe('a failed build', () => {
  it('is tried again after a wait, while the status says since when published content is not live; the retry goes live by itself', async () => {
    const control: Control = { fail: 'Byggemappen kan ikke skrives', gate: null, built: 0 }
    const builder = make(control, undefined, { retryDelaysMs: [40, 80] })
    builder.request('chapters:3')
    await builder.idle()
    const requestedAt = queueFile()[0] as unknown as { requestedAt: string }
    const status = builder.status()
    expect(status.retry).toMatchObject({ failures: 1, limit: 2 })
    expect(Date.parse(status.retry!.at!)).toBeGreaterThan(Date.now())
    expect(status.degraded).toMatchObject({
      since: requestedAt.requestedAt,
      reasons: [
        expect.stringMatching(
          /^En publisering er ikke på nettstedet fordi bygget feilet \(1 gang\)\. Nytt forsøk kl\. \d\d:\d\d:\d\d\.$/,
        ),
      ],
    })
    // The cause goes away; nobody publishes anything; the retry builds it.
    control.fail = null
    await until(() => live() === 'b002')
    await builder.idle()
    expect(builder.history().map((b) => [b.id, b.result, b.attempt ?? 1])).toEqual([
      ['b002', 'succeeded', 2],
      ['b001', 'failed', 1],
    ])
    expect(queueFile()).toEqual([])
    expect(builder.status()).toMatchObject({ retry: null, degraded: null })
  })

  it('is tried up to the limit; then the builder gives up, says so, and tries again when asked', async () => {
    const control: Control = { fail: 'Astro stoppet', gate: null, built: 0 }
    const builder = make(control, undefined, { retryDelaysMs: [20, 20] })
    builder.request('chapters:3')
    await until(() => builder.history().filter((b) => b.result === 'failed').length === 3 && !builder.isBuilding())
    await new Promise((r) => setTimeout(r, 100))
    expect(control.built).toBe(3) // the first build and two retries, no more
    expect(builder.status().retry).toEqual({ failures: 3, limit: 2, at: null })
    expect(builder.degraded()?.reasons[0]).toContain('Byggeren har gitt opp å prøve på nytt av seg selv')
    expect(logs.some((l) => l.msg === 'site build retries given up')).toBe(true)
    control.fail = null
    expect(builder.retryNow()).toBe(true)
    await builder.idle()
    expect(builder.history()[0]).toMatchObject({ result: 'succeeded', attempt: 4, reasons: ['chapters:3'] })
    expect(builder.status()).toMatchObject({ retry: null, degraded: null, queued: [] })
  })

  it('is covered by the next publish at once, which does not wait for the retry', async () => {
    const control: Control = { fail: 'feil', gate: null, built: 0 }
    const builder = make(control, undefined, { retryDelaysMs: [60_000] })
    builder.request('chapters:1')
    await builder.idle()
    control.fail = null
    builder.request('chapters:2')
    await builder.idle()
    expect(builder.history()[0]).toMatchObject({
      result: 'succeeded',
      reasons: ['chapters:1', 'chapters:2'],
      attempt: 2,
    })
    expect(builder.status()).toMatchObject({ retry: null, degraded: null })
  })

  it('records its error without colour codes or requests to report bugs, with the cause in Norwegian', async () => {
    const raw = new Error(
      '\u001b[31mRendering with Astro failed\u001b[39m: [vite] \u001b[1mTransform failed\u001b[22m\nIf you believe this is a bug, please open an issue at https://github.com/withastro/astro/issues.\n   \n',
    )
    const builder = make({ fail: raw, gate: null, built: 0 }, undefined, { retryDelaysMs: [] })
    builder.request('chapters:1')
    await builder.idle()
    expect(builder.history()[0]).toMatchObject({
      result: 'failed',
      phase: 'render',
      error: 'Rendering with Astro failed: [vite] Transform failed',
      summary: 'Sidene kunne ikke lages.',
    })
  })

  it('names an unwritable data folder as the cause', async () => {
    const denied = Object.assign(new Error("EACCES: permission denied, mkdir '/data/site-builds/x'"), {
      code: 'EACCES',
    })
    const builder = make(
      { fail: new Error('Writing release manifests failed', { cause: denied }), gate: null, built: 0 },
      undefined,
      { retryDelaysMs: [] },
    )
    builder.request('chapters:1')
    await builder.idle()
    expect(builder.history()[0].summary).toBe('Nettstedet kunne ikke skrives til datamappen: ingen skrivetilgang.')
  })
})

describe('a build’s id', () => {
  it('is the same while it runs, when it has succeeded, and as the name of its live folder', async () => {
    const { builder, release } = heldBuild()
    await until(() => builder.isBuilding())
    const during = builder.lastBuild()!
    expect(during).toMatchObject({ result: 'running', phase: 'render' })
    await release()
    expect(builder.lastBuild()).toMatchObject({
      id: during.id,
      result: 'succeeded',
      folder: `site-builds/${during.id}`,
    })
    expect(live()).toBe(during.id)
  })
})

describe('documents a build held back', () => {
  it('are recorded with the build, and make the status degraded since the first build that held them back', async () => {
    const problem = {
      collection: 'editions',
      id: '2',
      title: 'Årsrapport 2023',
      message: 'Deler 1: Adresse (slug) kan bare ha små bokstaver a–z, tall og enkle bindestreker.',
      kept: 'previous' as const,
    }
    let problems = [problem]
    const build = async (p: Payload, dir: string, request: BuildRequest) => ({
      ...(await fakeBuild({ fail: null, gate: null, built: 0 })(p, dir, request)),
      problems,
    })
    const builder = make({ fail: null, gate: null, built: 0 }, undefined, { build })
    builder.request('editions:2')
    await builder.idle()
    builder.request('chapters:9')
    await builder.idle()
    const [second, first] = builder.history()
    expect(second).toMatchObject({ result: 'succeeded', problems: [problem] })
    expect(builder.degraded()).toEqual({
      since: first.startedAt,
      reasons: ['Ett dokument holdes tilbake fordi eksporten ikke kan ta det slik det er.'],
    })
    problems = []
    builder.request('editions:2')
    await builder.idle()
    expect(builder.degraded()).toBeNull()
  })
})

describe('damaged state files', () => {
  it('are kept aside and logged, the builder goes on with what was valid, and build folders no record names are removed', async () => {
    const control = newControl()
    const first = make(control)
    for (const reason of ['chapters:1', 'chapters:2', 'chapters:3']) {
      first.request(reason)
      await first.idle()
    }
    expect(folders()).toEqual(['b001', 'b002', 'b003'])
    // A crash of the disk, or of a hand: half a history, a queue that is not a list.
    const history = fs.readFileSync(path.join(dataDir, 'builds.json'), 'utf8')
    fs.writeFileSync(path.join(dataDir, 'builds.json'), history.slice(0, history.length / 2))
    fs.writeFileSync(path.join(dataDir, 'build-queue.json'), '{"reason": "chapters:4"}')
    fs.mkdirSync(path.join(dataDir, 'site-builds', '.astro-work-1234-1'))
    fs.mkdirSync(path.join(dataDir, 'site-builds', 'b004.pages.partial'))

    const after = make(control)
    await after.idle()
    const kept = fs
      .readdirSync(dataDir)
      .filter((f) => f.includes('.damaged-'))
      .sort()
    expect(kept.map((f) => f.replace(/-\d{4}-.*$/, ''))).toEqual(['build-queue.json.damaged', 'builds.json.damaged'])
    expect(fs.readFileSync(path.join(dataDir, kept[1]), 'utf8')).toBe(history.slice(0, history.length / 2))
    expect(
      logs.filter((l) => l.level === 'error' && l.msg.startsWith('site build state file damaged')).map((l) => l.file),
    ).toEqual(['build-queue.json', 'builds.json'])
    expect([after.history(), after.queued(), historyFile(), queueFile()]).toEqual([[], [], [], []])
    // Only the live build stays: the others are named by no record any more.
    expect([folders(), live()]).toEqual([['b003'], 'b003'])
  })

  it('keeps the valid records of a history with one broken entry', async () => {
    const control = newControl()
    const first = make(control)
    first.request('chapters:1')
    await first.idle()
    fs.writeFileSync(path.join(dataDir, 'builds.json'), JSON.stringify([...historyFile(), { id: 42, result: 'maybe' }]))
    const after = make(control)
    expect(after.history().map((b) => b.id)).toEqual(['b001'])
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith('builds.json.damaged-'))).toBe(true)
  })
})

describe('build folders that requests still read', () => {
  it('outlive the build that retired them until the last request is done', async () => {
    const leases = new FolderLeases()
    const control = newControl()
    const builder = make(control, 2, { leases })
    builder.request('chapters:1')
    await builder.idle()
    const reading = leases.acquire(path.join(dataDir, 'site-builds', 'b001'))
    for (const reason of ['chapters:2', 'chapters:3']) {
      builder.request(reason)
      await builder.idle()
    }
    // b001 is past the one to keep, but a request still reads it.
    expect(folders()).toEqual(['b001', 'b002', 'b003'])
    expect(builder.status().rollbackTargets).toEqual(['b002'])
    reading()
    await leases.settled()
    expect(folders()).toEqual(['b002', 'b003'])
  })
})
