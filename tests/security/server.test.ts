/**
 * The attacks that need the real server, tried as an attacker would: the headers of every
 * kind of answer, the Content-Security-Policy as Chromium enforces it on the reader site and
 * in the admin, framing from another origin, forms that another origin's page submits with
 * an editor's or a publisher's cookie, the login cookie, and guessing a password while a
 * logged-in editor keeps unlocking the account.
 */
import http from 'node:http'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { adminPage, startServerAndBrowser, stopServerAndBrowser } from '../support/browser'
import { apiRequest, type ServerProcess } from '../support/server'

const PASSWORD = 'korrekt-hest-batteri-stift'
const USERS = { admin: 'admin@example.no', editor: 'redaktor@example.no', publisher: 'publisist@example.no' } as const
const CHAPTER = '/arsrapport-2023/malbildet-for-arbeidet/'

let server: ServerProcess
let browser: Browser
let adminToken: string
let chapterId: number

const api = (method: string, route: string, body?: unknown, token = adminToken) =>
  apiRequest(server.url, method, route, body, token)

/** A page of another origin (another port on the same host), serving the HTML it is given. */
const otherOrigin = async (html: () => string) => {
  const s = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8')
    res.end(html())
  })
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const { port } = s.address() as { port: number }
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((resolve) => s.close(() => resolve())) }
}

beforeAll(async () => {
  ;({ server, browser } = await startServerAndBrowser({ JOBS_POLL_SECONDS: '60' }))
  adminToken = (await api('POST', '/users/first-register', { email: USERS.admin, password: PASSWORD, name: 'Admin' }))
    .json.token
  for (const role of ['editor', 'publisher'] as const) {
    expect((await api('POST', '/users', { email: USERS[role], password: PASSWORD, name: role, role })).status).toBe(201)
  }
  chapterId = (await api('GET', '/chapters?where[slug][equals]=malbildet-for-arbeidet')).json.docs[0].id
  // A second revision, so that the chapter's history can compare two.
  await api('PATCH', `/chapters/${chapterId}`, {
    _status: 'published',
    title: 'Målbildet, andre versjon',
    updateType: 'major',
    changeNote: 'Ny tittel.',
  })
  const deadline = Date.now() + 240_000
  for (;;) {
    const health = await (await fetch(`${server.url}/healthz`)).json()
    if (health.site.lastBuild?.result === 'succeeded' && !health.site.building && health.site.queued === 0) break
    if (Date.now() > deadline) throw new Error(`no site build:\n${server.output().slice(-3000)}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}, 300_000)

afterAll(() => stopServerAndBrowser({ server, browser }))

/** The GraphQL request the table sends: how many chapters there are. */
const CHAPTER_COUNT_QUERY = JSON.stringify({ query: '{ Chapters(limit: 1) { totalDocs } }' })

/** The answers of each kind the server gives, with the policy each must carry. */
const ANSWERS: Array<{ kind: string; path: string; method?: string; body?: string; app: 'site' | 'admin' }> = [
  { kind: 'front page', path: '/', app: 'site' },
  { kind: 'edition', path: '/arsrapport-2023/', app: 'site' },
  { kind: 'chapter', path: CHAPTER, app: 'site' },
  { kind: 'chapter history', path: `${CHAPTER}versjoner/`, app: 'site' },
  { kind: 'a revision', path: `${CHAPTER}versjoner/1/`, app: 'site' },
  { kind: 'measures', path: '/tiltak/', app: 'site' },
  { kind: 'a measure', path: '/tiltak/1/', app: 'site' },
  { kind: 'goal areas', path: '/malomrader/', app: 'site' },
  { kind: 'search', path: '/sok/', app: 'site' },
  { kind: 'archive', path: '/arkiv/', app: 'site' },
  { kind: 'changes', path: '/endringer/', app: 'site' },
  { kind: 'news', path: '/nyheter/', app: 'site' },
  { kind: 'Atom feed', path: '/endringer.xml', app: 'site' },
  { kind: 'sitemap', path: '/sitemap.xml', app: 'site' },
  { kind: 'JSON API', path: '/api/revisjoner.json', app: 'site' },
  { kind: 'not found', path: '/finnes-ikke/', app: 'site' },
  { kind: 'admin login', path: '/admin/login', app: 'admin' },
  { kind: 'admin', path: '/admin', app: 'admin' },
  { kind: 'REST', path: '/api/chapters?limit=1', app: 'admin' },
  { kind: 'GraphQL', path: '/api/graphql', method: 'POST', body: CHAPTER_COUNT_QUERY, app: 'admin' },
  { kind: 'health', path: '/healthz', app: 'site' },
]

describe('security headers', () => {
  it('every kind of answer carries a Content-Security-Policy, nosniff, a Referrer-Policy and a framing rule; the admin and the API may not be framed at all', async () => {
    const checked: string[] = []
    for (const a of ANSWERS) {
      const r = await fetch(`${server.url}${a.path}`, {
        method: a.method ?? 'GET',
        body: a.body,
        headers: a.body ? { 'content-type': 'application/json' } : {},
        redirect: 'manual',
      })
      const csp = r.headers.get('content-security-policy') ?? ''
      const where = `${a.kind} (${a.path})`
      expect(csp, where).toMatch(/default-src 'self'/)
      expect(csp, where).toMatch(/object-src 'none'/)
      expect(csp, where).toContain(a.app === 'admin' ? "frame-ancestors 'none'" : "frame-ancestors 'self'")
      expect(csp, where).not.toMatch(/script-src[^;]*'unsafe-inline'/)
      expect(r.headers.get('x-content-type-options'), where).toBe('nosniff')
      expect(r.headers.get('referrer-policy'), where).toBeTruthy()
      expect(r.headers.get('x-frame-options'), where).toBe(a.app === 'admin' ? 'DENY' : 'SAMEORIGIN')
      // The server runs with NODE_ENV=production, as `npm start` does.
      expect(r.headers.get('strict-transport-security'), where).toMatch(/max-age=\d{7,}/)
      expect(r.headers.get('x-powered-by'), where).toBeNull()
      checked.push(a.kind)
    }
    console.log(
      `Headers: ${checked.length} kinds of answer checked (${checked.join(', ')}): Content-Security-Policy, X-Content-Type-Options, Referrer-Policy, X-Frame-Options and frame-ancestors, HSTS; 0 missing`,
    )
  })

  it('the admin page gets a fresh script nonce on every answer', async () => {
    const nonces = await Promise.all(
      [1, 2].map(
        async () =>
          (await fetch(`${server.url}/admin/login`)).headers
            .get('content-security-policy')!
            .match(/'nonce-([^']+)'/)![1],
      ),
    )
    expect(nonces[0]).not.toBe(nonces[1])
  })
})

/** Records every Content-Security-Policy violation a page reports, and every refusal Chromium logs. */
const watchPolicy = async (page: Page) => {
  const refused: string[] = []
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] }
    w.__csp = []
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    )
  })
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(`${page.url()}: ${m.text()}`)
  })
  return async () => [
    ...refused,
    ...(
      (await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => [])) as string[]
    ).map((v) => `${page.url()}: ${v}`),
  ]
}

describe('the Content-Security-Policy in Chromium', () => {
  it('the reader site breaks none of it: each page type, a search, a date in the archive and a comparison of two versions', async () => {
    const context = await browser.newContext({ locale: 'nb-NO' })
    const page = await context.newPage()
    const violations = await watchPolicy(page)
    const found: string[] = []
    let loads = 0
    const visit = async (path: string) => {
      await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' })
      loads++
      found.push(...(await violations()))
    }
    for (const a of ANSWERS.filter((x) => x.app === 'site' && !x.method && !/xml|json|healthz/.test(x.path)))
      await visit(a.path)
    // Search: the page loads Pagefind and its WebAssembly index.
    await visit('/sok/')
    await page.fill('#q', 'allmennlege')
    await page.click('form.search button[type="submit"]')
    await page
      .locator('#resultater ol.results li')
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(() => found.push('/sok/: the search showed no results'))
    found.push(...(await violations()))
    // The archive: pick a date, land on the report as it stood then.
    await visit('/arkiv/')
    await page.fill('#dato', '2025-01-01')
    await Promise.all([
      page.waitForURL(/\/arkiv\/[^/]+\/$/, { timeout: 30_000 }),
      page.click('#velg-dato button[type="submit"]'),
    ]).catch(() => found.push('/arkiv/: the date led nowhere'))
    loads++
    found.push(...(await violations()))
    // Two versions compared, with the diff code loaded on demand.
    await visit(`${CHAPTER}versjoner/`)
    await page.click('#sammenlign-skjema button[type="submit"]')
    await page
      .locator('#sammenligning h2', { hasText: 'Endringer fra versjon' })
      .waitFor({ timeout: 30_000 })
      .catch(() => found.push('versjoner/: no comparison shown'))
    found.push(...(await violations()))
    await context.close()
    console.log(
      `CSP, reader site: ${loads} page loads in Chromium, with a search, an archive date and a comparison; ${found.length} violations`,
    )
    expect(found).toEqual([])
  }, 180_000)

  it('the admin breaks none of it: login, dashboard, list, edit with the rich-text editor, versions, Publisering and the preview', async () => {
    const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1280, height: 900 } })
    const login = await context.newPage()
    const violations = await watchPolicy(login)
    await login.goto(`${server.url}/admin/login`)
    await login.fill('#field-email', USERS.admin)
    await login.fill('#field-password', PASSWORD)
    await Promise.all([login.waitForURL(/\/admin\/?$/, { timeout: 60_000 }), login.click('button[type="submit"]')])
    await login.waitForLoadState('networkidle')
    const found = await violations()
    let loads = 2
    const visit = async (path: string, ready: string) => {
      await login.goto(`${server.url}${path}`)
      await login.locator(ready).first().waitFor({ timeout: 60_000 })
      await login.waitForLoadState('networkidle')
      loads++
      found.push(...(await violations()))
    }
    await visit('/admin/collections/chapters', 'table')
    await visit(`/admin/collections/chapters/${chapterId}`, '[contenteditable="true"]')
    // Typing in the rich-text editor, as an editor does.
    await login.locator('[contenteditable="true"]').first().click()
    await login.keyboard.type(' Litt ny tekst.')
    found.push(...(await violations()))
    await visit(`/admin/collections/chapters/${chapterId}/versions`, 'table')
    await visit('/admin/publisering', '.site-builds, h1')
    await visit(`/forhandsvisning/kapittel/${chapterId}/`, '.preview-banner')
    await context.close()
    console.log(
      `CSP, admin: ${loads} views loaded in Chromium (login, dashboard, list, edit with typing, versions, Publisering, preview); ${found.length} violations`,
    )
    expect(found).toEqual([])
  }, 240_000)
})

describe('framing', () => {
  it('another origin cannot frame the admin; the reader site frames only within itself', async () => {
    const attacker = await otherOrigin(
      () =>
        `<!doctype html><title>x</title><iframe id="admin" src="${server.url}/admin/login"></iframe><iframe id="site" src="${server.url}/"></iframe>`,
    )
    const page = await browser.newPage()
    try {
      await page.goto(attacker.url, { waitUntil: 'load' })
      await page.waitForTimeout(1_500)
      const frameText = async (id: string) => {
        const frame = await (await page.$(`#${id}`))!.contentFrame()
        return frame ? ((await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '')) as string) : ''
      }
      expect(await frameText('admin')).not.toMatch(/passord/i)
      expect(await frameText('site')).not.toMatch(/Allmennlegetjenesten/)
    } finally {
      await page.close()
      await attacker.close()
    }
  }, 60_000)
})

describe('cross-site request forgery', () => {
  /** Logs a role in to the admin in a fresh browser, then lets a page of another origin auto-submit a form to the API. */
  const forgedForm = async (role: 'editor' | 'publisher', route: string, data: Record<string, unknown>) => {
    const page = await adminPage(browser, server.url, USERS[role], PASSWORD)
    const attacker = await otherOrigin(
      () => `<!doctype html><title>Vinn en premie</title>
<form id="f" method="post" enctype="multipart/form-data" action="${server.url}/api${route}">
<input type="hidden" name="_payload" value='${JSON.stringify(data).replace(/'/g, '&#39;')}'>
</form><script>document.getElementById('f').submit()</script>`,
    )
    try {
      const answer = page.waitForResponse(
        (r) => r.url().startsWith(`${server.url}/api`) && r.request().method() === 'POST',
        { timeout: 30_000 },
      )
      await page.goto(attacker.url)
      const r = await answer
      return { status: r.status(), body: await r.text().catch(() => '') }
    } finally {
      await page.context().close()
      await attacker.close()
    }
  }

  const countChapters = async (where: string) =>
    (await api('GET', `/chapters?draft=true&where[title][equals]=${encodeURIComponent(where)}`)).json
      .totalDocs as number

  it('a form that another origin submits with an editor’s cookie creates no draft, and with a publisher’s publishes nothing', async () => {
    const edition = (await api('GET', '/editions?where[slug][equals]=arsrapport-2023')).json.docs[0].id
    const probes = [
      { role: 'editor' as const, route: '/chapters?draft=true', title: 'Forfalsket utkast' },
      { role: 'publisher' as const, route: '/chapters', title: 'Forfalsket publisering', publish: true },
      { role: 'publisher' as const, route: `/chapters/${chapterId}?draft=true`, title: 'Forfalsket endring' },
    ]
    let refused = 0
    for (const p of probes) {
      const data = {
        edition,
        number: `9.${Math.floor(Math.random() * 1e6)}`,
        title: p.title,
        ...(p.publish ? { _status: 'published', updateType: 'major', changeNote: 'x' } : {}),
      }
      const answer = await forgedForm(p.role, p.route, data)
      expect(answer.status, `${p.role} ${p.route}`).toBe(403)
      expect(answer.body).toContain('annen adresse')
      expect(await countChapters(p.title)).toBe(0)
      refused++
    }
    // The same form from the admin's own origin goes through: the cookie itself works.
    const page = await adminPage(browser, server.url, USERS.editor, PASSWORD)
    const own = await page.evaluate(
      async ([edition]) => {
        const form = new FormData()
        form.append('_payload', JSON.stringify({ edition, number: '9.77', title: 'Ekte utkast' }))
        return (await fetch('/api/chapters?draft=true', { method: 'POST', body: form })).status
      },
      [edition],
    )
    await page.context().close()
    expect(own).toBe(201)
    console.log(
      `CSRF: ${refused} of ${probes.length} forged forms from another origin refused (editor draft, publisher publish, publisher edit); the same form from the admin's origin accepted`,
    )
  }, 180_000)
})

describe('the login cookie', () => {
  it('is Secure, HttpOnly and SameSite in production', async () => {
    const r = await fetch(`${server.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: USERS.editor, password: PASSWORD }),
    })
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('payload-token='))!
    expect(cookie).toMatch(/;\s*Secure/i)
    expect(cookie).toMatch(/;\s*HttpOnly/i)
    expect(cookie).toMatch(/;\s*SameSite=Lax/i)
  })
})

describe('the lockout', () => {
  it('holds against an editor who unlocks the account between guesses: after five wrong passwords even the right one is refused', async () => {
    const editor = (await api('POST', '/users/login', { email: USERS.editor, password: PASSWORD }, '')).json
      .token as string
    const target = USERS.publisher
    let guesses = 0
    let unlocksRefused = 0
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5; i++, guesses++)
        expect(
          (await api('POST', '/users/login', { email: target, password: `gjett-${guesses}` }, '')).status,
        ).not.toBe(200)
      const unlock = await api('POST', '/users/unlock', { email: target }, editor)
      if (unlock.status === 403) unlocksRefused++
    }
    const right = await api('POST', '/users/login', { email: target, password: PASSWORD }, '')
    console.log(
      `Lockout: ${guesses} wrong guesses, ${unlocksRefused} editor unlocks refused; the right password afterwards ${right.status === 200 ? 'ACCEPTED' : 'refused'}`,
    )
    expect(unlocksRefused).toBe(3)
    expect(right.status).not.toBe(200)
    // An administrator may unlock it; then the right password works again.
    expect((await api('POST', '/users/unlock', { email: target })).status).toBe(200)
    expect((await api('POST', '/users/login', { email: target, password: PASSWORD }, '')).status).toBe(200)
  }, 60_000)
})
