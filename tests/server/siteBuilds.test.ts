import fs from 'node:fs'
import path from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { adminPage, launchBrowser } from '../support/browser'
import { ROOT, startServerProcess, type ServerProcess } from '../support/server'
import { apiOf } from '../support/siteApi'
import { siteHealth } from '../support/siteHealth'

/**
 * The site builds through the real server: a build the server was killed in the middle of is
 * marked interrupted and its request built on the next start; GET /api/site-builds and the
 * rollback endpoint with their roles; the «Publisering» view in Chromium.
 */

const SHOTS = path.join(ROOT, 'test-results', 'screenshots')
const PASSWORD = 'korrekt-hest-batteri-stift'
const CHAPTER_PAGE = '/arsrapport-2023/malbildet-for-arbeidet/'

type Build = {
  id: string
  kind: string
  reasons: string[]
  result: string
  error: string | null
  target?: string | null
  durationMs: number | null
  startedAt: string
}
type Status = {
  liveBuild: string | null
  building: boolean
  queued: string[]
  builds: Build[]
  rollbackTargets: string[]
}

let server: ServerProcess
let browser: Browser | undefined
const tokens: Record<string, string> = {}
let chapterId: number
/** The id of the build made on the first start. */
let firstBuild: string
/** What the killed server had been asked to build. */
let killedReason: string

const api = apiOf(() => server)
const health = () => siteHealth(server.url)
const status = async () => (await api('GET', '/site-builds', undefined, tokens.editor)).json as Status
const page = async () => (await fetch(`${server.url}${CHAPTER_PAGE}`)).text()
const waitFor = async (what: string, check: () => Promise<boolean> | boolean, ms = 170_000) => {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out waiting for ${what}:\n${server.output().slice(-3000)}`)
}
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(server.dataDir, file), 'utf8')) as T
const login = async (email: string) =>
  (await api('POST', '/users/login', { email, password: PASSWORD })).json.token as string
const publishTitle = (title: string) =>
  api('PATCH', `/chapters/${chapterId}`, { _status: 'published', title, updateType: 'minor' }, tokens.admin)

beforeAll(async () => {
  server = await startServerProcess()
  const first = await api('POST', '/users/first-register', {
    email: 'admin@example.no',
    password: PASSWORD,
    name: 'Admin',
  })
  expect(first.status).toBe(200)
  tokens.admin = first.json.token
  for (const role of ['editor', 'publisher']) {
    expect(
      (await api('POST', '/users', { email: `${role}@example.no`, password: PASSWORD, name: role, role }, tokens.admin))
        .status,
    ).toBe(201)
    tokens[role] = await login(`${role}@example.no`)
  }
  chapterId = (await api('GET', '/chapters?where[slug][equals]=malbildet-for-arbeidet')).json.docs[0].id
  await waitFor('the first build', async () => (await health()).site.lastBuild?.result === 'succeeded')
  firstBuild = (await health()).site.liveBuild!
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('GET /api/site-builds', () => {
  it('shows every signed-in role the live build, the queue and the history; nobody else', async () => {
    expect((await api('GET', '/site-builds')).status).toBe(401)
    for (const role of ['editor', 'publisher', 'admin']) {
      const { status: code, json } = await api('GET', '/site-builds', undefined, tokens[role])
      expect([role, code]).toEqual([role, 200])
      expect(json).toMatchObject({ liveBuild: firstBuild, building: false, queued: [], rollbackTargets: [] })
      expect(json.builds.map((b: Build) => [b.id, b.kind, b.reasons, b.result])).toEqual([
        [firstBuild, 'build', ['start'], 'succeeded'],
      ])
      expect(json.builds[0].durationMs).toBeGreaterThan(0)
    }
    expect((await health()).site).toMatchObject({
      liveBuild: firstBuild,
      lastBuild: { id: firstBuild, result: 'succeeded' },
      queued: 0,
      building: false,
    })
  })

  it('lets only admins roll back: 403 for others, 404 for an unknown build, 409 for the live one', async () => {
    for (const role of ['editor', 'publisher'])
      expect((await api('POST', `/site-builds/${firstBuild}/rollback`, undefined, tokens[role])).status).toBe(403)
    expect((await api('POST', `/site-builds/${firstBuild}/rollback`)).status).toBe(401)
    expect((await api('POST', '/site-builds/2020-01-01T00-00-00-000Z/rollback', undefined, tokens.admin)).status).toBe(
      404,
    )
    const live = await api('POST', `/site-builds/${firstBuild}/rollback`, undefined, tokens.admin)
    expect([live.status, live.json.errors[0].message]).toEqual([409, `Bygget ${firstBuild} er allerede publisert.`])
  })
})

describe('a server killed during a build', () => {
  it('leaves the request in the data folder; the next start marks the build interrupted and builds the request', async () => {
    expect((await publishTitle('Målbildet for arbeidet (avbrutt bygg)')).status).toBe(200)
    killedReason = `chapters:${chapterId}`
    // The request is in the data folder at once, and stays there while its build runs.
    expect(readJson<Array<{ reason: string }>>('build-queue.json').map((q) => q.reason)).toEqual([killedReason])
    await waitFor('the build to start', () => readJson<Build[]>('builds.json')[0]?.result === 'running', 30_000)
    await server.kill()
    expect(readJson<Build[]>('builds.json')[0]).toMatchObject({ result: 'running', reasons: [killedReason] })
    expect(readJson<Array<{ reason: string }>>('build-queue.json').map((q) => q.reason)).toEqual([killedReason])

    const killedBuild = readJson<Build[]>('builds.json')[0].id
    server = await startServerProcess({}, { dataDir: server.dataDir })
    tokens.editor = await login('editor@example.no')
    await waitFor('the start build', async () => {
      const last = (await health()).site.lastBuild
      return last !== null && last.id !== firstBuild && last.result === 'succeeded'
    })
    const now = await status()
    expect(now.builds.map((b) => [b.reasons, b.result, b.error])).toEqual([
      [[killedReason, 'start'], 'succeeded', null],
      [[killedReason], 'failed', 'interrupted'],
      [['start'], 'succeeded', null],
    ])
    expect(now.builds[1].id).toBe(killedBuild)
    expect([now.liveBuild, now.queued, now.rollbackTargets]).toEqual([now.builds[0].id, [], [firstBuild]])
    expect(readJson<unknown[]>('build-queue.json')).toEqual([])
    expect(await page()).toContain('Målbildet for arbeidet (avbrutt bygg)')
    expect((await health()).site).toMatchObject({
      liveBuild: now.builds[0].id,
      lastBuild: { result: 'succeeded' },
      queued: 0,
    })
  }, 300_000)
})

describe('rollback', () => {
  it('switches the live site to the first build; the next publish builds from the content again', async () => {
    tokens.admin = await login('admin@example.no')
    const latest = (await status()).liveBuild!
    const rolled = await api('POST', `/site-builds/${firstBuild}/rollback`, undefined, tokens.admin)
    expect(rolled.status).toBe(200)
    expect(rolled.json.rolledBack).toMatchObject({
      kind: 'rollback',
      target: firstBuild,
      result: 'succeeded',
      reasons: ['rollback:admin@example.no'],
    })
    expect((await health()).site.liveBuild).toBe(firstBuild)
    expect(await page()).not.toContain('Målbildet for arbeidet (avbrutt bygg)')
    const after = await status()
    expect([after.builds[0].kind, after.builds[0].target, after.rollbackTargets]).toEqual([
      'rollback',
      firstBuild,
      [latest],
    ])

    expect((await publishTitle('Målbildet for arbeidet etter tilbakerulling')).status).toBe(200)
    await waitFor(
      'the publish to go live',
      async () => (await page()).includes('Målbildet for arbeidet etter tilbakerulling'),
      120_000,
    )
    // The pages go live before the build has its search index and release files: wait for the end.
    await waitFor('the build to finish', async () => !(await status()).building)
    const final = await status()
    expect([final.liveBuild, final.builds[0].reasons, final.builds[0].result]).toEqual([
      final.builds[0].id,
      [`chapters:${chapterId}`],
      'succeeded',
    ])
  }, 180_000)
})

describe('the «Publisering» view in Chromium', () => {
  const open = async (email: string): Promise<Page> => {
    browser ??= await launchBrowser()
    return adminPage(browser, server.url, email, PASSWORD, { width: 1600, height: 1000 })
  }

  it('an admin finds it in the nav, sees the builds with the failed one and the live one, and rolls back', async () => {
    fs.mkdirSync(SHOTS, { recursive: true })
    const admin = await open('admin@example.no')
    // The nav opens by itself on wide screens once the preferences are loaded; else open it.
    const navOpen = await admin
      .locator('.nav--nav-open')
      .waitFor({ timeout: 5000 })
      .then(
        () => true,
        () => false,
      )
    if (!navOpen) await admin.locator('.nav-toggler').first().click()
    await admin.locator('#nav-site-builds').click()
    await admin.waitForURL(/\/admin\/publisering$/)
    const table = admin.getByTestId('site-builds')
    await table.waitFor()
    const s = await status()
    await expect(table.locator('tbody tr').count()).resolves.toBe(s.builds.length)
    const liveRow = table.locator(`tr[data-build-id="${s.liveBuild}"]`)
    await expect(liveRow.getByText('Vises nå').count()).resolves.toBe(1)
    await expect(liveRow.getByText('Vellykket').count()).resolves.toBe(1)
    const failedRow = table.locator('tr', { has: admin.getByText('Avbrutt', { exact: true }) })
    await expect(failedRow.getByText('Serveren stoppet mens bygget pågikk.', { exact: false }).count()).resolves.toBe(1)
    // The chapter by its number, title and edition, never by its internal id.
    const { number } = (await api('GET', `/chapters/${chapterId}`)).json
    await expect(failedRow.locator('.site-builds__reasons').innerText()).resolves.toBe(
      `Kapittel ${number} Målbildet for arbeidet etter tilbakerulling (årsrapport 2023)`,
    )
    await expect(admin.getByRole('button', { name: 'Rull tilbake hit' }).count()).resolves.toBe(
      s.rollbackTargets.length,
    )
    await admin.screenshot({ path: path.join(SHOTS, 'admin-site-builds.png'), fullPage: true })

    const target = s.rollbackTargets[0]
    await table.locator(`tr[data-build-id="${target}"]`).getByRole('button', { name: 'Rull tilbake hit' }).click()
    await admin.getByText('Rulle tilbake nettstedet?').waitFor()
    await admin.screenshot({ path: path.join(SHOTS, 'admin-site-builds-confirm.png') })
    await admin.getByRole('button', { name: 'Rull tilbake', exact: true }).click()
    await table.locator(`tr[data-build-id="${target}"]`).getByText('Vises nå').waitFor({ timeout: 15_000 })
    expect((await health()).site.liveBuild).toBe(target)
  }, 120_000)

  it('an editor sees the builds without rollback buttons', async () => {
    const editor = await open('editor@example.no')
    await editor.goto(`${server.url}/admin/publisering`)
    await editor.getByTestId('site-builds').waitFor()
    await expect(editor.getByTestId('site-builds').getByText('Tilbakerulling').count()).resolves.toBeGreaterThan(0)
    await expect(editor.getByRole('button', { name: 'Rull tilbake hit' }).count()).resolves.toBe(0)
  }, 120_000)
})
