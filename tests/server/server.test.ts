import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { adminPage, caretAtEndOf, startServerAndBrowser, stopServerAndBrowser } from '../support/browser'
import { ROOT, pollUntil, type ServerProcess } from '../support/server'
import { apiOf } from '../support/siteApi'

const SHOTS = path.join(ROOT, 'test-results', 'screenshots')
const PASSWORD = 'korrekt-hest-batteri-stift'

let server: ServerProcess
let browser: Browser
let adminToken: string
let edition2023: number

const api = apiOf(() => server)

const graphql = async (query: string, token?: string) =>
  (await api('POST', '/graphql', { query }, token)).json as { data?: any; errors?: Array<{ message: string }> }

beforeAll(async () => {
  ;({ server, browser } = await startServerAndBrowser())
  fs.mkdirSync(SHOTS, { recursive: true })
  // The first account, as the admin's "create first user" screen makes it, is an admin.
  const first = await api('POST', '/users/first-register', {
    email: 'admin@example.no',
    password: PASSWORD,
    name: 'Admin',
  })
  expect(first.status).toBe(200)
  adminToken = first.json.token
  for (const role of ['editor', 'publisher']) {
    expect(
      (await api('POST', '/users', { email: `${role}@example.no`, password: PASSWORD, name: role, role }, adminToken))
        .status,
    ).toBe(201)
  }
  const editions = await api('GET', '/editions?where[slug][equals]=arsrapport-2023')
  edition2023 = editions.json.docs[0].id
})

afterAll(() => stopServerAndBrowser({ server, browser }))

describe('the express server', () => {
  it('reports its health', async () => {
    const response = await fetch(`${server.url}/healthz`)
    expect([response.status, await response.json()]).toMatchObject([200, { status: 'ok', database: 'sqlite' }])
  })

  it('made the first account an admin and created the embedded database in the data folder', async () => {
    const me = await api('GET', '/users/me', undefined, adminToken)
    expect(me.json.user.role).toBe('admin')
    expect(fs.existsSync(path.join(server.dataDir, 'payload.db'))).toBe(true)
    expect(fs.readFileSync(path.join(server.dataDir, '.payload-secret'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/)
  })

  it('answers a save the export could not take with each rule in Norwegian on its field, to a client that names no language', async () => {
    const refused = await api(
      'POST',
      '/editions',
      {
        title: 'Årsrapport 2030',
        slug: 'arsrapport-2030',
        year: 2030,
        status: 'current',
        parts: [{ number: 1, title: 'Del 1', slug: '../../x" onclick=…' }],
        _status: 'published',
      },
      adminToken,
    )
    expect(refused.status).toBe(400)
    expect(refused.json.errors[0].message).toBe('Følgende felt er ugyldig: Deler 1 > Adresse (slug)')
    expect(refused.json.errors[0].data.errors).toEqual([
      {
        label: 'Deler 1 > Adresse (slug)',
        message:
          'Adressen (slug) kan bare ha små bokstaver a–z, tall og bindestrek, for eksempel «del-1». Bindestreken står mellom ord, ikke først, sist eller to på rad.',
        path: 'parts.0.slug',
      },
    ])
  })

  it('serves GraphQL with the same rules: the public sees published chapters only, never versions', async () => {
    const made = await api(
      'POST',
      '/chapters?draft=true',
      { edition: edition2023, number: '9.1', title: 'Et utkast', kind: 'chapter' },
      adminToken,
    )
    expect(made.status).toBe(201)
    const query = '{ Chapters(draft: true, where: { title: { equals: "Et utkast" } }) { docs { title } } }'
    expect((await graphql(query)).data.Chapters.docs).toEqual([])
    expect((await graphql(query, adminToken)).data.Chapters.docs).toEqual([{ title: 'Et utkast' }])
    const versions = await graphql('{ versionsChapters { docs { id } } }')
    expect(versions.errors?.[0]?.message).toMatch(/tillatelse|not allowed/i)
  })
})

describe('the reader site', () => {
  it('is built from the published content after start and served at /', async () => {
    const deadline = Date.now() + 170_000
    let front = ''
    while (Date.now() < deadline) {
      const r = await fetch(`${server.url}/`, { redirect: 'manual' })
      if (r.status === 200) {
        front = await r.text()
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    expect(front).toContain('<h1>Oppfølging av handlingsplan for allmennlegetjenesten</h1>')
    const chapter = await fetch(`${server.url}/arsrapport-2023/malbildet-for-arbeidet/`)
    expect(chapter.status).toBe(200)
    expect(await chapter.text()).toContain('31. mai 2024')
    const missing = await fetch(`${server.url}/finnes-ikke/`)
    expect([missing.status, (await missing.text()).includes('Fant ikke siden')]).toEqual([404, true])
    // The admin and the API are still the admin app's; the site's JSON API sits beside it.
    expect((await fetch(`${server.url}/api/editions`)).status).toBe(200)
    const releasesJson = await fetch(`${server.url}/api/utgivelser.json`)
    expect([
      releasesJson.status,
      ((await releasesJson.json()) as { releases: Array<{ id: string }> }).releases.map((r) => r.id),
    ]).toEqual([200, ['20220519T120000Z', '20240531T120000Z']])
  }, 180_000)
})

describe('a first start on an empty database', () => {
  it('loads the shipped report: both editions and every imported chapter, published with its real date', async () => {
    const editions = await api('GET', '/editions?sort=year')
    expect(editions.json.docs.map((e: any) => [e.slug, e.status])).toEqual([
      ['arsrapport-2021', 'superseded'],
      ['arsrapport-2023', 'current'],
    ])
    const chapters = await api('GET', '/chapters?sort=number&limit=100&depth=1')
    expect(
      chapters.json.docs
        .map((c: any) => [
          c.edition.slug,
          c.number ?? null,
          c.title,
          c.lastProfessionalChange.slice(0, 10),
          c.revision,
          c.publishedAt.slice(0, 10),
        ])
        .sort((a: string[], b: string[]) => `${a[0]} ${a[1] ?? 'z'}`.localeCompare(`${b[0]} ${b[1] ?? 'z'}`)),
    ).toEqual([
      ['arsrapport-2021', '2.1', 'Beskrivelse av målområde 2', '2022-05-19', 1, '2022-05-19'],
      ['arsrapport-2021', '3.1', 'Beskrivelse av målområde 3', '2022-05-19', 1, '2022-05-19'],
      ['arsrapport-2021', null, 'Del 1 – Tiltak, status og effekter', '2022-05-19', 1, '2022-05-19'],
      ['arsrapport-2023', '1.1', 'Målbildet for arbeidet', '2024-05-31', 1, '2024-05-31'],
    ])
    expect((await api('GET', '/measures?limit=100')).json.totalDocs).toBe(17)
    expect((await api('GET', '/news')).json.docs.map((n: any) => n.title)).toEqual([
      'Allmennlegetjenesten styrkes med 1,6 milliarder',
    ])
  })
})

/** A browser page logged in to the admin as this user. */
const login = (email: string): Promise<Page> => adminPage(browser, server.url, email, PASSWORD)

describe('the admin UI in Chromium', () => {
  it('an editor creates a draft chapter and cannot publish it; a publisher publishes it', async () => {
    const editor = await login('editor@example.no')
    await editor.screenshot({ path: path.join(SHOTS, 'admin-dashboard-editor.png') })
    await editor.goto(`${server.url}/admin/collections/chapters`)
    await editor.getByText('Beskrivelse av målområde 3').waitFor()
    await expect.poll(() => editor.getByText('Laster...').count(), { timeout: 15_000 }).toBe(0)
    await expect(editor.getByText('19. mai 2022').count()).resolves.toBe(3)
    await editor.screenshot({ path: path.join(SHOTS, 'admin-chapters-list.png'), fullPage: true })
    await editor.goto(`${server.url}/admin/collections/chapters/create`)
    const edition = editor.locator('.field-type.relationship', { has: editor.locator('label', { hasText: /^Utgave/ }) })
    await edition.locator('.rs__control').click()
    await editor.locator('.rs__option', { hasText: 'årsrapport 2023' }).click()
    await editor.fill('#field-number', '2.1')
    await editor.fill('#field-title', 'Et nytt kapittel')
    await editor.locator('.rich-text-lexical [contenteditable="true"]').first().click()
    await editor.keyboard.type('Handlingsplanen skal styrke allmennlegetjenesten.')
    // The cross-reference checker warns in the sidebar while the editor writes.
    const warnings = editor.getByTestId('cross-reference-warnings')
    await expect(warnings.getByText('Ingen problemer funnet.').waitFor({ timeout: 15_000 })).resolves.toBeUndefined()
    await editor.keyboard.press('Enter')
    await editor.keyboard.type('Tiltak 18: Et tiltak som ikke finnes')
    await warnings.getByText('«Tiltak 18» finnes ikke: handlingsplanen har tiltak 1–17.').waitFor({ timeout: 15_000 })
    // Running text that names a measure or a chapter the edition does not have, and a measure
    // link pasted from elsewhere whose text names another measure than it leads to.
    await editor.keyboard.press('Enter')
    await editor.keyboard.type('Dette følges opp i tiltak 19 og i kapittel 9.9. Se ')
    await editor.evaluate(() => {
      const clipboardData = new DataTransfer()
      clipboardData.setData('text/html', '<a href="/tiltak/10/">Tiltak 11: Et annet tiltak</a>')
      clipboardData.setData('text/plain', 'Tiltak 11: Et annet tiltak')
      document.activeElement!.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }),
      )
    })
    for (const message of [
      'Teksten nevner «tiltak 19», som ikke finnes: handlingsplanen har tiltak 1–17.',
      'Teksten viser til «kapittel 9.9», men utgaven har ikke noe kapittel med det nummeret.',
      'Lenken «Tiltak 11: Et annet tiltak» går til tiltak 10 (/tiltak/10/), men teksten nevner tiltak 11.',
    ]) {
      await warnings.getByText(message).waitFor({ timeout: 15_000 })
    }
    await editor.screenshot({ path: path.join(SHOTS, 'admin-editor-cross-reference-warning.png'), fullPage: true })
    await editor.keyboard.press('Control+A')
    await editor.keyboard.type('Handlingsplanen skal styrke allmennlegetjenesten.')
    await warnings.getByText('Ingen problemer funnet.').waitFor({ timeout: 15_000 })
    await expect(editor.getByRole('button', { name: 'Publiser endringer' }).count()).resolves.toBe(0)
    await editor.getByRole('button', { name: 'Lagre utkast' }).click()
    await editor.waitForURL(/\/admin\/collections\/chapters\/\d+/, { timeout: 30_000 })
    await editor
      .locator('.toast-success, [data-sonner-toast][data-type="success"]')
      .first()
      .waitFor({ timeout: 15_000 })
    await editor.screenshot({ path: path.join(SHOTS, 'admin-editor-draft-saved.png'), fullPage: true })
    const chapterUrl = editor.url()
    const id = chapterUrl.match(/chapters\/(\d+)/)![1]

    expect((await api('GET', `/chapters/${id}`)).status).toBe(404)

    const publisher = await login('publisher@example.no')
    await publisher.goto(chapterUrl)
    await publisher.locator('#field-title').waitFor()
    await publisher.getByRole('button', { name: 'Publiser endringer' }).click()
    // «Kontroller før publisering» shows what the publish changes (tests/server/prePublish.test.ts) before it publishes.
    await publisher
      .getByRole('dialog', { name: 'Kontroller før publisering' })
      .getByRole('button', { name: 'Publiser', exact: true })
      .click()
    await publisher
      .locator('.toast-success, [data-sonner-toast][data-type="success"]')
      .first()
      .waitFor({ timeout: 15_000 })
    await publisher.screenshot({ path: path.join(SHOTS, 'admin-publisher-published.png'), fullPage: true })

    const published = await api('GET', `/chapters/${id}`)
    expect(published.status).toBe(200)
    expect([published.json.title, published.json._status, published.json.revision, published.json.changeNote]).toEqual([
      'Et nytt kapittel',
      'published',
      1,
      'Først publisert.',
    ])
    expect(JSON.stringify(published.json.body)).toContain('Handlingsplanen skal styrke allmennlegetjenesten.')
  }, 120_000)

  it('refuses a title the export could not take with a Norwegian message on the title field, and saves nothing', async () => {
    const editor = await login('editor@example.no')
    await editor.goto(`${server.url}/admin/collections/chapters/create`)
    const edition = editor.locator('.field-type.relationship', { has: editor.locator('label', { hasText: /^Utgave/ }) })
    await edition.locator('.rs__control').click()
    await editor.locator('.rs__option', { hasText: 'årsrapport 2023' }).click()
    await editor.fill('#field-number', '2.9')
    await editor.fill('#field-title', 'Et kapittel med en altfor lang tittel '.repeat(7).slice(0, 260))
    await editor.getByRole('button', { name: 'Lagre utkast' }).click()
    const title = editor.locator('.field-type.text', { has: editor.locator('#field-title') })
    await title
      .locator('.field-error', { hasText: 'Tittelen kan ha høyst 200 tegn (har 260).' })
      .waitFor({ timeout: 30_000 })
    // The empty slug is not an error: the save makes it from the title, cut to 80 characters.
    // (The admin may take the title's message down again as it re-renders; no other field has one.)
    expect(
      (await editor.locator('.field-error').allTextContents()).filter(
        (m) => m !== 'Tittelen kan ha høyst 200 tegn (har 260).',
      ),
    ).toEqual([])
    await editor.screenshot({ path: path.join(SHOTS, 'admin-title-too-long.png'), fullPage: true })
    expect(editor.url()).toMatch(/\/collections\/chapters\/create$/)
    expect(
      (await api('GET', '/chapters?draft=true&where[number][equals]=2.9', undefined, adminToken)).json.totalDocs,
    ).toBe(0)
  }, 120_000)
})

describe('publishing to the live site', () => {
  const health = async () =>
    (await (await fetch(`${server.url}/healthz`)).json()) as {
      site: { liveBuild: string | null; lastBuild: { id: string; result: string } | null }
    }
  const waitFor = pollUntil
  const chapterPage = async () => (await fetch(`${server.url}/arsrapport-2023/malbildet-for-arbeidet/`)).text()

  it('rebuilds the site after a publish; a draft save starts nothing', async () => {
    expect(await waitFor(async () => (await health()).site.lastBuild?.result === 'succeeded', 170_000)).toBe(true)
    const [chapter] = (await api('GET', '/chapters?where[slug][equals]=malbildet-for-arbeidet')).json.docs
    const before = (await health()).site.lastBuild!.id

    const draft = await api(
      'PATCH',
      `/chapters/${chapter.id}?draft=true`,
      { title: 'Et utkast ingen skal se' },
      adminToken,
    )
    expect(draft.status).toBe(200)
    await new Promise((r) => setTimeout(r, 1500))
    expect((await health()).site.lastBuild!.id).toBe(before)
    expect(await chapterPage()).not.toContain('Et utkast ingen skal se')

    const published = await api(
      'PATCH',
      `/chapters/${chapter.id}`,
      { _status: 'published', title: 'Målbildet for arbeidet 2024', updateType: 'major', changeNote: 'Ny tittel.' },
      adminToken,
    )
    expect(published.status).toBe(200)
    const started = Date.now()
    expect(await waitFor(async () => (await chapterPage()).includes('Målbildet for arbeidet 2024'), 60_000)).toBe(true)
    console.log(`publish → live: ${Date.now() - started} ms`)
    const history = await (await fetch(`${server.url}/arsrapport-2023/malbildet-for-arbeidet/versjoner/`)).text()
    expect(history).toContain('<p class="note">Ny tittel.</p>')
    expect((await fetch(`${server.url}/arsrapport-2023/malbildet-for-arbeidet/sammenlign/1...2/`)).status).toBe(200)
    // The pages go live first; the search index and release files follow, then the build is done.
    const done = async () => {
      const now = await health()
      return now.site.lastBuild?.result === 'succeeded' && now.site.liveBuild === now.site.lastBuild.id
    }
    expect(await waitFor(done, 60_000)).toBe(true)
  }, 240_000)
})

describe('preview of a draft', () => {
  it('renders the draft in the site’s design for logged-in users only, and never reaches the public site or API', async () => {
    const [chapter] = (await api('GET', '/chapters?where[slug][equals]=beskrivelse-av-malomrade-3')).json.docs
    const secret = 'Et utkast bare redaksjonen ser'
    expect((await api('PATCH', `/chapters/${chapter.id}?draft=true`, { title: secret }, adminToken)).status).toBe(200)
    const url = `${server.url}/forhandsvisning/kapittel/${chapter.id}/`

    const anonymous = await fetch(url)
    expect([anonymous.status, anonymous.headers.get('cache-control')]).toEqual([401, 'private, no-store'])
    expect(await anonymous.text()).not.toContain(secret)

    const preview = await fetch(url, { headers: { authorization: `JWT ${adminToken}` } })
    const html = await preview.text()
    expect([preview.status, preview.headers.get('cache-control'), preview.headers.get('x-robots-tag')]).toEqual([
      200,
      'private, no-store',
      'noindex, nofollow',
    ])
    expect(html).toContain(`${secret}</h1>`)
    expect(html).toContain('Forhåndsvisning av utkast – ikke publisert.')
    expect(html).toContain('<link rel="stylesheet" href="/_astro/')

    // Nothing of it in public: the chapter page, the REST and GraphQL APIs, the live build's files.
    expect(await (await fetch(`${server.url}/arsrapport-2021/beskrivelse-av-malomrade-3/`)).text()).not.toContain(
      secret,
    )
    expect(JSON.stringify((await api('GET', `/chapters/${chapter.id}`)).json)).not.toContain(secret)
    expect(JSON.stringify(await graphql('{ Chapters { docs { title } } }'))).not.toContain(secret)
    const live = fs.realpathSync(path.join(server.dataDir, 'site'))
    const files = (fs.readdirSync(live, { recursive: true }) as string[]).filter((f) =>
      fs.statSync(path.join(live, f)).isFile(),
    )
    expect(files.filter((f) => fs.readFileSync(path.join(live, f)).includes(secret))).toEqual([])
    expect(fs.readdirSync(path.join(server.dataDir, 'previews'))).toEqual([])

    // In the browser, logged in through the admin: the page as readers would get it, with the preview banner.
    const page = await login('admin@example.no')
    await page.goto(url)
    await page.getByRole('heading', { level: 1, name: secret }).waitFor()
    await page.screenshot({ path: path.join(SHOTS, 'preview-draft.png'), fullPage: false })
    await page.context().close()
  }, 120_000)
})

describe('done: a publisher publishes a major revision in the admin and readers see it', () => {
  it('shows the new text on the live chapter seconds later, its note in the history and the change in the redline', async () => {
    const [chapter] = (await api('GET', '/chapters?where[slug][equals]=malbildet-for-arbeidet')).json.docs
    const before = chapter.revision as number
    const sentence = 'Fastlegeordningen fikk 1 000 nye leger i 2025.'
    const note = 'La til tall for nye fastleger i 2025.'
    const page = await login('publisher@example.no')
    await page.goto(`${server.url}/admin/collections/chapters/${chapter.id}`)
    const body = page.locator('.rich-text-lexical [contenteditable="true"]').first()
    await body.waitFor()
    // The caret at the end of the last paragraph, then a new paragraph with the new sentence.
    await caretAtEndOf(body.locator(':scope > p').last())
    await page.keyboard.press('Enter')
    await page.keyboard.type(sentence)
    await page.locator('label[for="field-updateType-major"]').click()
    await expect(page.locator('#field-updateType-major').isChecked()).resolves.toBe(true)
    await page.fill('#field-changeNote', note)
    await page.screenshot({ path: path.join(SHOTS, 'done-1-admin-major-revision.png'), fullPage: true })
    await page.getByRole('button', { name: 'Publiser endringer' }).click()
    await page
      .getByRole('dialog', { name: 'Kontroller før publisering' })
      .getByRole('button', { name: 'Publiser', exact: true })
      .click()
    await page.locator('.toast-success, [data-sonner-toast][data-type="success"]').first().waitFor({ timeout: 15_000 })
    const published = Date.now()

    const chapterUrl = `${server.url}/arsrapport-2023/malbildet-for-arbeidet/`
    const deadline = Date.now() + 60_000
    while (!(await (await fetch(chapterUrl)).text()).includes(sentence)) {
      if (Date.now() > deadline) throw new Error(`not live after 60 s:\n${server.output().slice(-3000)}`)
      await new Promise((r) => setTimeout(r, 100))
    }
    console.log(`publish in the admin → live chapter page: ${Date.now() - published} ms`)

    const reader = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await reader.goto(chapterUrl)
    await reader.getByText(sentence).waitFor()
    await reader.screenshot({ path: path.join(SHOTS, 'done-2-live-chapter.png'), fullPage: true })
    await reader.goto(`${chapterUrl}versjoner/`)
    await reader.getByText(note).waitFor()
    await reader.screenshot({ path: path.join(SHOTS, 'done-3-history.png'), fullPage: true })
    await reader.goto(`${chapterUrl}sammenlign/${before}...${before + 1}/`)
    // A new paragraph: marked as added in the redline, and the page says so in its summary.
    await expect(reader.locator('ins', { hasText: sentence }).first().isVisible()).resolves.toBe(true)
    await expect(reader.locator('dd', { hasText: '1 nye' }).count()).resolves.toBe(1)
    await reader.screenshot({ path: path.join(SHOTS, 'done-4-redline.png'), fullPage: true })
    await reader.close()
    await page.context().close()
  }, 180_000)
})

describe('production', () => {
  it('refuses to start without a real PAYLOAD_SECRET', () => {
    const result = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['cms/src/cli/start.ts'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', PAYLOAD_SECRET: 'changeme' },
      encoding: 'utf8',
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('Refusing to start in production: PAYLOAD_SECRET is a placeholder value.')
  })
})
