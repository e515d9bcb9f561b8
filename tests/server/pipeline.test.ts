/**
 * The publishing pipeline through the real server when a build goes wrong: a broken template,
 * a killed build process and an unwritable build folder leave the live site exactly as it was,
 * the error reaches the API with its cause in Norwegian, the health check says since when
 * published content is not live, and the build is tried again by itself. The server builds
 * from a copy of the site's code, so the test can break it.
 */
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { adminPage, launchBrowser } from '../support/browser'
import { lockFolder } from '../support/folders'
import { apiRequest, ROOT, startServerProcess, type ServerProcess } from '../support/server'
import { firstAdminToken } from '../support/siteApi'
import { majorRevision, waitForServer } from '../support/siteServerWait'

const PASSWORD = 'korrekt-hest-batteri-stift'
const CHAPTER = '/arsrapport-2023/malbildet-for-arbeidet/'

let server: ServerProcess
let token: string
let chapterId: number
let siteCopy: string
let revision = 1

const api = (method: string, route: string, body?: unknown) => apiRequest(server.url, method, route, body, token)

type Build = { id: string; result: string; error: string | null; summary?: string; reasons: string[]; attempt?: number }
const builds = async (): Promise<Build[]> => (await api('GET', '/site-builds')).json.builds
type Health = {
  status: string
  site: {
    liveBuild: string | null
    lastBuild: { id: string; result: string } | null
    building: boolean
    retry: { failures: number; at: string | null } | null
    degraded: { since: string; reasons: string[] } | null
  }
}
const health = async () => (await (await fetch(`${server.url}/healthz`)).json()) as Health
const page = async (url: string) => (await fetch(`${server.url}${url}`)).text()

const waitFor = <T>(check: () => Promise<T | false | null | undefined>, ms: number, what: string): Promise<T> =>
  waitForServer(server, what, check, ms)

/** Publishes a new major revision of chapter 1.1 with this title; resolves when the request returns. */
const publish = async (title: string) => {
  const r = await api('PATCH', `/chapters/${chapterId}`, majorRevision(title, ++revision))
  expect(r.status).toBe(200)
}

/** The processes under a process, with their command lines (Linux /proc). */
const descendants = (pid: number): Array<{ pid: number; cmd: string }> => {
  const all = fs
    .readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .flatMap((e) => {
      try {
        const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8')
        return [
          {
            pid: Number(e),
            ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]),
            cmd: fs.readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0/g, ' '),
          },
        ]
      } catch {
        return []
      }
    })
  const out: Array<{ pid: number; cmd: string }> = []
  const stack = [pid]
  while (stack.length) {
    const p = stack.pop()!
    for (const c of all.filter((x) => x.ppid === p)) {
      out.push(c)
      stack.push(c.pid)
    }
  }
  return out
}

beforeAll(async () => {
  // A copy of the site inside the repository, so Astro and its integrations resolve as usual.
  fs.mkdirSync(path.join(ROOT, 'tmp'), { recursive: true })
  siteCopy = fs.mkdtempSync(path.join(ROOT, 'tmp', 'site-copy-'))
  for (const f of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    if (fs.existsSync(path.join(ROOT, 'site', f)))
      fs.cpSync(path.join(ROOT, 'site', f), path.join(siteCopy, f), { recursive: true })
  }
  server = await startServerProcess({ SITE_ROOT: siteCopy })
  token = await firstAdminToken(api, PASSWORD)
  chapterId = (await api('GET', '/chapters?where[slug][equals]=malbildet-for-arbeidet')).json.docs[0].id
  await waitFor(async () => (await health()).site.lastBuild?.result === 'succeeded', 170_000, 'the first build')
}, 200_000)

afterAll(async () => {
  await server?.stop()
  if (siteCopy) fs.rmSync(siteCopy, { recursive: true, force: true })
})

describe('publishes in quick succession', () => {
  it('make one build that has them all', async () => {
    const other = (await api('GET', '/chapters?where[slug][equals]=beskrivelse-av-malomrade-3')).json.docs[0].id
    const before = (await builds()).length
    revision++
    const [a, b] = await Promise.all([
      api('PATCH', `/chapters/${chapterId}`, {
        _status: 'published',
        title: 'Målbildet, samtidig',
        updateType: 'major',
        changeNote: `Revisjon ${revision}.`,
      }),
      api('PATCH', `/chapters/${other}`, {
        _status: 'published',
        title: 'Målområde 3, samtidig',
        updateType: 'major',
        changeNote: 'Samtidig publisering.',
      }),
    ])
    expect([a.status, b.status]).toEqual([200, 200])
    await waitFor(
      async () =>
        (await page(CHAPTER)).includes('Målbildet, samtidig') &&
        (await page('/arsrapport-2021/beskrivelse-av-malomrade-3/')).includes('Målområde 3, samtidig'),
      120_000,
      'both publishes live',
    )
    await waitFor(async () => !(await api('GET', '/site-builds')).json.building, 60_000, 'the build to finish')
    const after = await builds()
    expect(after.length - before).toBe(1)
    expect(after[0]).toMatchObject({
      result: 'succeeded',
      reasons: expect.arrayContaining([`chapters:${chapterId}`, `chapters:${other}`]),
    })
  }, 200_000)
})

describe('a build that fails', () => {
  it('leaves the live site exactly as it was, shows the error in the API, and the next build recovers', async () => {
    const live = (await health()).site.liveBuild
    const before = await page(CHAPTER)
    const toc = path.join(siteCopy, 'src/components/Toc.astro')
    const original = fs.readFileSync(toc, 'utf8')
    fs.writeFileSync(toc, original.replace('---\n', '---\nthrow new Error("Innholdslisten er ødelagt")\n'))

    await publish('Målbildet som ikke kom ut')
    const failed = await waitFor(
      async () => (await builds()).find((b) => b.result === 'failed'),
      120_000,
      'a failed build',
    )
    expect(failed.error).toContain('Innholdslisten er ødelagt')
    expect((await health()).site).toMatchObject({ liveBuild: live, lastBuild: { result: 'failed' } })
    expect(await page(CHAPTER)).toBe(before)
    expect(fs.readdirSync(path.join(server.dataDir, 'site-builds')).filter((d) => d.endsWith('.partial'))).toEqual([])
    expect(server.output()).toMatch(/"msg":"site build failed"[^\n]*Innholdslisten er ødelagt/)

    fs.writeFileSync(toc, original)
    await publish('Målbildet etter rettingen')
    await waitFor(
      async () => (await page(CHAPTER)).includes('Målbildet etter rettingen'),
      120_000,
      'the recovered build',
    )
    // The pages go live first; the build is done when its search index and release files are.
    await waitFor(async () => (await health()).site.lastBuild?.result === 'succeeded', 60_000, 'the build to finish')
  }, 300_000)
})

describe('a build process killed with SIGKILL', () => {
  it('leaves the live site exactly as it was, says so in the health check, and the retry puts the publish live by itself', async () => {
    // A page that takes its time, so the build is surely still rendering when it is killed.
    const slow = path.join(siteCopy, 'src/pages/treg.astro')
    fs.writeFileSync(slow, '---\nawait new Promise((r) => setTimeout(r, 4000))\n---\n<p>Treg side</p>\n')
    const live = (await health()).site.liveBuild
    const before = await page(CHAPTER)
    const failedBefore = (await builds()).filter((b) => b.result === 'failed').length

    const sent = Date.now()
    await publish('Målbildet som ble avbrutt')
    await waitFor(
      async () =>
        (await builds())[0]?.result === 'running' &&
        descendants(server.child.pid!).some((p) => p.cmd.includes('builder/worker.ts')),
      60_000,
      'the build process',
    )
    await new Promise((r) => setTimeout(r, 2000))
    // Every Astro worker: the build's, and the warm one being made ready beside a full build.
    for (const worker of descendants(server.child.pid!).filter((p) => p.cmd.includes('builder/worker.ts')))
      process.kill(worker.pid, 'SIGKILL')
    // The slow page goes while the retry waits: only the kill was in the way.
    fs.rmSync(slow)

    const failed = await waitFor(
      async () => {
        const list = await builds()
        return (
          list.filter((b) => b.result === 'failed').length > failedBefore && list.find((b) => b.result === 'failed')
        )
      },
      60_000,
      'the killed build to be recorded',
    )
    expect(failed.error).toContain('SIGKILL')
    expect(failed.summary).toBe('Byggeprosessen stoppet før den var ferdig.')
    const degraded = await health()
    expect(degraded).toMatchObject({
      status: 'degraded',
      site: { liveBuild: live, retry: { failures: 1, at: expect.any(String) } },
    })
    expect(Date.parse(degraded.site.degraded!.since)).toBeGreaterThanOrEqual(sent - 1000)
    expect(await page(CHAPTER)).toBe(before)

    // Nobody publishes anything: the retry does it.
    await waitFor(
      async () => (await page(CHAPTER)).includes('Målbildet som ble avbrutt'),
      120_000,
      'the retry to go live',
    )
    await waitFor(async () => (await health()).status === 'ok', 60_000, 'the health check to say ok')
    expect((await builds())[0]).toMatchObject({ result: 'succeeded', attempt: 2 })
    expect((await health()).site.liveBuild).not.toBe(live)
  }, 300_000)
})

describe('a build folder that cannot be written for a while', () => {
  it('fails the build with the cause in Norwegian, and the next automatic try after it is writable again puts the publish live', async (ctx) => {
    const buildsDir = path.join(server.dataDir, 'site-builds')
    const unlock = lockFolder(buildsDir)
    if (!unlock) {
      console.log(
        'Skipped: the build folder cannot be made unwritable here (root on a file system without the immutable attribute).',
      )
      return ctx.skip()
    }
    const live = (await health()).site.liveBuild
    const browser = await launchBrowser()
    try {
      await publish('Målbildet da mappen var låst')
      const failed = await waitFor(
        async () =>
          (await builds()).find(
            (b) =>
              b.result === 'failed' &&
              b.reasons.includes(`chapters:${chapterId}`) &&
              b.summary?.startsWith('Nettstedet kunne ikke skrives'),
          ),
        60_000,
        'the build to fail',
      )
      expect(failed.summary).toMatch(
        /^Nettstedet kunne ikke skrives til datamappen: (ingen skrivetilgang|operasjonen ble ikke tillatt)\.$/,
      )
      expect((await health()).site).toMatchObject({ liveBuild: live, retry: { failures: 1 } })

      // The admin, as a publisher would see it meanwhile: why, since when, the next try, and «Prøv igjen nå».
      const admin = await adminPage(browser, server.url, 'admin@example.no', PASSWORD, { width: 1440, height: 1000 })
      await admin.goto(`${server.url}/admin/publisering`)
      const notice = admin.locator('.site-builds__degraded')
      await notice.getByText('Nettstedet viser ikke alt som er publisert').waitFor({ timeout: 30_000 })
      expect(await notice.textContent()).toMatch(
        /En publisering er ikke på nettstedet fordi bygget feilet \(\d+ gang(er)?\)\./,
      )
      await admin
        .locator('.site-builds__error summary', { hasText: 'Nettstedet kunne ikke skrives til datamappen' })
        .first()
        .waitFor()
      fs.mkdirSync(path.join(ROOT, 'test-results', 'screenshots'), { recursive: true })
      await admin.screenshot({
        path: path.join(ROOT, 'test-results', 'screenshots', 'admin-publisering-degraded.png'),
        fullPage: true,
      })

      // Writable again: «Prøv igjen nå» builds at once, without waiting for the next automatic try.
      unlock()
      const waitingUntil = Date.parse((await health()).site.retry!.at!)
      await waitFor(async () => !(await health()).site.building, 60_000, 'no build to run')
      await notice.getByRole('button', { name: 'Prøv igjen nå' }).click()
      await waitFor(
        async () => (await page(CHAPTER)).includes('Målbildet da mappen var låst'),
        120_000,
        'the publish to go live',
      )
      const clicked = Date.now()
      const built = await waitFor(
        async () => {
          const [newest] = await builds()
          return newest.result !== 'running' && newest
        },
        60_000,
        'the build to finish',
      )
      // Built before the next automatic try would have begun: the button did it.
      if (clicked < waitingUntil)
        expect(built).toMatchObject({ result: 'succeeded', reasons: [`chapters:${chapterId}`] })
      await notice.waitFor({ state: 'detached', timeout: 60_000 })
    } finally {
      unlock()
      await browser.close()
    }
    await waitFor(async () => (await health()).status === 'ok', 60_000, 'the health check to say ok')
  }, 300_000)
})
