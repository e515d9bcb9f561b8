/**
 * The public address (SITE_URL) at the server: a production start refuses to run without a
 * usable one, in Norwegian; a server with one builds the site for it and links the admin's
 * preview and «Se kapitlet på nettstedet» to it. The browser reaches the server by that name
 * (rapport.localhost: the browser takes any *.localhost to this machine, and as a secure
 * context, so the production login cookie, which is Secure, is kept over http), as readers and
 * editors would.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { adminPage, launchBrowser, stopServerAndBrowser } from '../support/browser'
import { apiRequest, freePort, pollUntil, ROOT, startServerProcess, type ServerProcess } from '../support/server'

const SHOTS = path.join(ROOT, 'test-results', 'screenshots')
const PASSWORD = 'korrekt-hest-batteri-stift'
const CHAPTER = '/arsrapport-2023/malbildet-for-arbeidet/'

/** `npm start` in production with this environment (a real secret, an empty data folder); its exit status and error output. */
const productionStart = (env: Record<string, string | undefined>) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-prod-'))
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PAYLOAD_SECRET: 'x'.repeat(64),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
  }
  delete base.SITE_URL
  delete base.SERVER_URL
  for (const [k, v] of Object.entries(env)) if (v !== undefined) base[k] = v
  // A start that got past the check would go on to serve: it is stopped after a while, and fails the test.
  const result = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['cms/src/cli/start.ts', '--port', '1'], {
    cwd: ROOT,
    env: base,
    encoding: 'utf8',
    timeout: 90_000,
    killSignal: 'SIGKILL',
  })
  fs.rmSync(dataDir, { recursive: true, force: true })
  return { status: result.status, stderr: result.stderr }
}

describe('a production start', () => {
  it.each([
    [
      'refuses to run without SITE_URL, saying in Norwegian what to set',
      {},
      'Starter ikke i produksjon: SITE_URL er ikke satt. Sett SITE_URL til nettstedets offentlige adresse, for eksempel SITE_URL=https://rapport.example.no.',
    ],
    [
      'refuses a SITE_URL that cannot be used, naming the value and the fault',
      { SITE_URL: 'https://rapport.example.no/?side=1' },
      'SITE_URL kan ikke være «https://rapport.example.no/?side=1»: adressen kan ikke ha en spørring («?…»).',
    ],
    [
      'tells one who still sets SERVER_URL that the setting is SITE_URL now',
      { SERVER_URL: 'https://rapport.example.no' },
      'SERVER_URL brukes ikke lenger: nettstedets offentlige adresse settes nå med SITE_URL. Gi SITE_URL verdien «https://rapport.example.no», og fjern SERVER_URL.',
    ],
  ])(
    '%s',
    (_, env: Record<string, string>, message) => {
      const { status, stderr } = productionStart(env)
      expect(status).toBe(1)
      expect(stderr).toContain(message)
    },
    120_000,
  )
})

describe('docker compose', () => {
  it('hands the CMS SITE_URL, and refuses to start without one (no default that would publish localhost)', () => {
    const compose = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')
    expect(compose).toMatch(/^ {6}SITE_URL: \$\{SITE_URL:\?Sett SITE_URL til nettstedets offentlige adresse[^}]*\}$/m)
    expect(compose).not.toMatch(/SERVER_URL/)
  })
})

describe('a server with SITE_URL=http://rapport.localhost:<port>', () => {
  let server: ServerProcess
  let browser: Browser
  let site: string
  let chapterId: number
  let token: string

  beforeAll(async () => {
    const port = await freePort()
    site = `http://rapport.localhost:${port}`
    server = await startServerProcess({ SITE_URL: `${site}/` }, { port })
    token = (
      await apiRequest(server.url, 'POST', '/users/first-register', {
        email: 'admin@example.no',
        password: PASSWORD,
        name: 'Admin',
      })
    ).json.token
    chapterId = (await apiRequest(server.url, 'GET', '/chapters?where[slug][equals]=malbildet-for-arbeidet')).json
      .docs[0].id
    const built = await pollUntil(
      async () => (await (await fetch(`${server.url}/healthz`)).json()).site?.lastBuild?.result === 'succeeded',
      240_000,
    )
    if (!built) throw new Error(`the first build did not succeed:\n${server.output().slice(-3000)}`)
    fs.mkdirSync(SHOTS, { recursive: true })
    browser = await launchBrowser()
  }, 400_000)

  afterAll(() => stopServerAndBrowser({ server, browser }))

  it('builds the site for that address: canonical links, the sitemap and the feed', async () => {
    const page = await (await fetch(`${server.url}${CHAPTER}`)).text()
    expect(page).toContain(`<link rel="canonical" href="${site}${CHAPTER}">`)
    const sitemap = await (await fetch(`${server.url}/sitemap.xml`)).text()
    expect(sitemap).toContain(`<loc>${site}${CHAPTER}</loc>`)
    expect(sitemap).not.toContain('http://localhost')
    const feed = await (await fetch(`${server.url}/endringer.xml`)).text()
    expect(feed).toContain(`href="${site}/endringer.xml"`)
    expect(feed).toContain('<id>tag:helsedirektoratet.no,2024:allmennlegetjenesten/endringer</id>')
  })

  it('answers the chapter’s site status with the live page under that address', async () => {
    const status = await apiRequest(server.url, 'GET', `/chapters/${chapterId}/site-status`, undefined, token)
    expect([status.json.state, status.json.url]).toEqual(['live', `${site}${CHAPTER}`])
  })

  it('links the admin’s preview and «Se kapitlet på nettstedet» to that address, and both open', async () => {
    const admin = await adminPage(browser, site, 'admin@example.no', PASSWORD)
    await admin.goto(`${site}/admin/collections/chapters/${chapterId}`)
    const preview = admin.locator('#preview-button')
    const onSite = admin.getByTestId('publication-status').getByRole('link', { name: 'Se kapitlet på nettstedet' })
    try {
      await preview.waitFor({ timeout: 90_000 })
      await onSite.waitFor({ timeout: 90_000 })
    } catch (error) {
      await admin.screenshot({ path: path.join(SHOTS, 'site-url-admin-links-missing.png'), fullPage: true })
      console.log(`the edit view at ${admin.url()} lacks a link; the server said:\n${server.output().slice(-2000)}`)
      throw error
    }
    expect(await preview.getAttribute('href')).toBe(`${site}/forhandsvisning/kapittel/${chapterId}/`)
    expect(await onSite.getAttribute('href')).toBe(`${site}${CHAPTER}`)
    await admin.screenshot({ path: path.join(SHOTS, 'site-url-admin-links.png') })

    const [live] = await Promise.all([admin.context().waitForEvent('page'), onSite.click()])
    await live.waitForLoadState()
    expect(live.url()).toBe(`${site}${CHAPTER}`)
    await expect(live.locator('link[rel="canonical"]').getAttribute('href')).resolves.toBe(`${site}${CHAPTER}`)
    await live.close()

    // The preview is behind the login the admin's cookie carries, at the same address.
    const draft = await admin.context().newPage()
    await draft.goto(`${site}/forhandsvisning/kapittel/${chapterId}/`)
    await draft.getByText('Forhåndsvisning av utkast – ikke publisert.').waitFor()
    await draft.screenshot({ path: path.join(SHOTS, 'site-url-preview.png') })
    await admin.context().close()
  }, 360_000)
})
