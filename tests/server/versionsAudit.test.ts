/**
 * A chapter's version list, its restore and the audit trail in the admin, through the real
 * server in Chromium, as a publisher and an administrator use them: the list shows the version
 * numbers readers see, each version's «Publisert» and «Siste faglige endring», update type,
 * change note and who published it, with the drafts apart; «Gjenopprett» names the version and
 * its dates, says it becomes version N+1 and asks for the type and the note, and the result is in
 * the list and on the reader site's history; administrators see the chapter's audit entries and
 * the whole log, and others do not.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { adminPage, startServerAndBrowser, stopServerAndBrowser } from '../support/browser'
import { ROOT, createAccounts, pollUntil, type ServerProcess } from '../support/server'
import { apiOf } from '../support/siteApi'
import { NORWEGIAN_MONTHS } from '../support/siteMonths'

const SHOTS = path.join(ROOT, 'test-results', 'screenshots')
const PASSWORD = 'korrekt-hest-batteri-stift'
const HISTORY_PAGE = '/arsrapport-2023/malbildet-for-arbeidet/versjoner/'

let server: ServerProcess
let browser: Browser
const tokens: Record<string, string> = {}
let chapterId: number
/** The seeded first version: its «Siste faglige endring», as the admin writes it. */
let firstDay: string

const api = apiOf(() => server)
const norwegianDay = (iso: string) => {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' })
    .format(new Date(iso))
    .split('-')
    .map(Number)
  return `${d}. ${NORWEGIAN_MONTHS[m - 1]} ${y}`
}
const today = norwegianDay(new Date().toISOString())
/** The versions list's rows for the seeded first version and the publisher's second, as the list shows them. */
const version1Row = () => ['Versjon 1', firstDay, firstDay, 'Faglig endring', 'Først publisert.', 'Systemet']
const version2Row = (label: string) => [
  label,
  today,
  today,
  'Faglig endring',
  'Oppdaterte tallene for 2025.',
  'Per Publisist (publisher@example.no)',
]

/** An admin page for this user, patient with a machine busy with other work. */
const pageFor = async (email: string) => {
  const page = await adminPage(browser, server.url, email, PASSWORD)
  page.setDefaultNavigationTimeout(120_000)
  page.setDefaultTimeout(60_000)
  return page
}

/** The published versions' rows as the list shows them, column by column. */
const rowsOf = (page: Page) =>
  page.locator('[data-testid="published-versions"] tbody tr').evaluateAll((rows) =>
    rows.map((row) =>
      Array.from(row.querySelectorAll('td'))
        .slice(0, 6)
        .map((cell) =>
          Array.from(cell.childNodes, (node) => node.textContent ?? '')
            .join(' ')
            .replace(/\s+/g, ' ')
            .trim(),
        ),
    ),
  )

beforeAll(async () => {
  // At the info level, so that the audit events' log lines are in the output.
  ;({ server, browser } = await startServerAndBrowser({ LOG_LEVEL: 'info' }))
  tokens.admin = await createAccounts(
    server.url,
    PASSWORD,
    [
      { role: 'publisher', name: 'Per Publisist' },
      { role: 'editor', name: 'Eva Redaktør' },
    ],
    'Åse Admin',
  )
  for (const role of ['publisher', 'editor'])
    tokens[role] = (await api('POST', '/users/login', { email: `${role}@example.no`, password: PASSWORD })).json.token
  const chapter = (await api('GET', '/chapters?where[slug][equals]=malbildet-for-arbeidet', undefined, tokens.admin))
    .json.docs[0]
  chapterId = chapter.id
  firstDay = norwegianDay(chapter.lastProfessionalChange)
  // Version 2, a faglig endring by the publisher; then a draft by the editor on top.
  const v2 = await api(
    'PATCH',
    `/chapters/${chapterId}`,
    {
      _status: 'published',
      title: 'Målbildet for arbeidet (oppdatert)',
      updateType: 'major',
      changeNote: 'Oppdaterte tallene for 2025.',
    },
    tokens.publisher,
  )
  expect([v2.status, v2.json?.doc?.revision]).toEqual([200, 2])
  expect(
    (
      await api(
        'PATCH',
        `/chapters/${chapterId}?draft=true`,
        { title: 'Målbildet for arbeidet (utkast)' },
        tokens.editor,
      )
    ).status,
  ).toBe(200)
  fs.mkdirSync(SHOTS, { recursive: true })
}, 600_000)

afterAll(() => stopServerAndBrowser({ server, browser }))

describe('a chapter’s version list', () => {
  it('shows the version numbers readers see, both dates labelled, type, note and publisher, and the drafts apart', async () => {
    const page = await pageFor('publisher@example.no')
    await page.goto(`${server.url}/admin/collections/chapters/${chapterId}/versions`)
    const table = page.locator('[data-testid="published-versions"]')
    await table.waitFor({ timeout: 60_000 })
    expect((await table.locator('thead th').allTextContents()).join(' | ')).toBe(
      'Versjon | Publisert | Siste faglige endring | Type endring | Endringsmerknad | Publisert av | Handling',
    )
    expect(await rowsOf(page)).toEqual([version2Row('Versjon 2 Gjeldende'), version1Row()])
    // Every entry links to Payload's view of that version.
    const links = await table
      .locator('tbody tr td:first-child a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    expect(
      links.every((href) => new RegExp(`/admin/collections/chapters/${chapterId}/versions/\\w+$`).test(href ?? '')),
    ).toBe(true)
    // The draft is apart, marked as waiting, and not numbered.
    const drafts = page.locator('[data-testid="draft-versions"] li')
    expect(await drafts.count()).toBeGreaterThanOrEqual(1)
    expect((await drafts.first().textContent()) ?? '').toMatch(
      /^Utkast lagret .*Målbildet for arbeidet \(utkast\)Venter på publisering$/,
    )
    expect(await table.textContent()).not.toContain('(utkast)')
    // Administrators only: the chapter's audit entries.
    expect(await page.locator('[data-testid="chapter-audit"]').count()).toBe(0)
    await page.screenshot({ path: path.join(SHOTS, 'admin-chapter-versions.png'), fullPage: true })
    await page.context().close()
  }, 180_000)
})

describe('restoring a version', () => {
  it('asks for the type and the note, names the version and its dates, and becomes version N+1 in the list and on the reader site', async () => {
    const page = await pageFor('publisher@example.no')
    await page.goto(`${server.url}/admin/collections/chapters/${chapterId}/versions`)
    await page.getByRole('button', { name: 'Gjenopprett versjon 1 …' }).click()
    const dialog = page.getByRole('dialog', { name: 'Gjenopprette versjon 1?' })
    await dialog.waitFor()
    const said = ((await dialog.textContent()) ?? '').replace(/\s+/g, ' ')
    expect(said).toContain(
      `Versjon 1 ble publisert ${firstDay} som faglig endring. Siste faglige endring i den versjonen: ${firstDay}.`,
    )
    expect(said).toContain('blir versjon 3')
    expect(await dialog.getByRole('radio', { name: /Faglig endring/ }).isChecked()).toBe(true)
    const note = dialog.getByRole('textbox', { name: 'Endringsmerknad (vises for leserne)' })
    expect(await note.inputValue()).toBe('Gjenopprettet innholdet fra versjon 1.')
    await dialog.getByRole('radio', { name: /Redaksjonell endring/ }).check()
    await note.fill('Gjenopprettet innholdet fra versjon 1: tallene for 2025 var feil.')
    await page.screenshot({ path: path.join(SHOTS, 'admin-chapter-restore-dialog.png') })
    await dialog.getByRole('button', { name: 'Gjenopprett som versjon 3' }).click()
    await dialog.waitFor({ state: 'hidden' })

    await expect
      .poll(() => rowsOf(page), { timeout: 30_000 })
      .toEqual([
        [
          'Versjon 3 Gjeldende',
          today,
          today,
          'Redaksjonell endring',
          'Gjenopprettet innholdet fra versjon 1: tallene for 2025 var feil.',
          'Per Publisist (publisher@example.no)',
        ],
        version2Row('Versjon 2'),
        version1Row(),
      ])
    await page.screenshot({ path: path.join(SHOTS, 'admin-chapter-versions-restored.png'), fullPage: true })
    await page.context().close()

    // The reader site's history lists it, once the build is live.
    const history = async () => (await fetch(`${server.url}${HISTORY_PAGE}`)).text()
    expect(await pollUntil(async () => (await history()).includes('tallene for 2025 var feil'), 120_000)).toBe(true)
    const text = (await history()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    expect(text).toMatch(
      /Versjon 3 · .*redaksjonell endring.*Gjenopprettet innholdet fra versjon 1: tallene for 2025 var feil\./i,
    )
    const chapterPage = await (await fetch(`${server.url}/arsrapport-2023/malbildet-for-arbeidet/`)).text()
    expect(chapterPage).toContain('Dette er versjon 3.')
  }, 300_000)

  it('on a version’s own page, replaces Payload’s restore with the one that asks for type and note', async () => {
    const page = await pageFor('publisher@example.no')
    await page.goto(`${server.url}/admin/collections/chapters/${chapterId}/versions`)
    await page.locator('[data-revision="1"] td:first-child a').click()
    await page.waitForURL(/\/versions\/\w+$/)
    const ours = page.getByRole('button', { name: 'Gjenopprett versjon 1 …' })
    await ours.waitFor({ timeout: 60_000 })
    expect(
      await page
        .locator('.restore-version')
        .evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).length),
    ).toBe(0)
    await ours.click()
    expect(((await page.getByRole('dialog').textContent()) ?? '').replace(/\s+/g, ' ')).toContain('blir versjon 4')
    await page.screenshot({ path: path.join(SHOTS, 'admin-chapter-version-restore.png') })
    await page.context().close()
  }, 180_000)
})

describe('the audit trail in the admin', () => {
  it('shows an administrator the chapter’s entries and the whole log, with role changes; an editor has no log', async () => {
    // A role change and a rollback attempt recorded as well.
    const editor = (await api('GET', '/users?where[email][equals]=editor@example.no', undefined, tokens.admin)).json
      .docs[0]
    expect((await api('PATCH', `/users/${editor.id}`, { role: 'publisher' }, tokens.admin)).status).toBe(200)

    const page = await pageFor('admin@example.no')
    await page.goto(`${server.url}/admin/collections/chapters/${chapterId}/versions`)
    const entries = page.locator('[data-testid="chapter-audit"] tbody tr')
    await entries.first().waitFor({ timeout: 60_000 })
    const rows = await entries.evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll('td'))
          .slice(1)
          .map((td) => (td.textContent ?? '').trim()),
      ),
    )
    expect(rows).toEqual([
      [
        'Gjenoppretting',
        'Versjon 3',
        'Per Publisist (publisher@example.no)',
        'Gjenopprettet innholdet fra versjon 1: tallene for 2025 var feil.',
      ],
      ['Publisering', 'Versjon 2', 'Per Publisist (publisher@example.no)', 'Oppdaterte tallene for 2025.'],
      ['Publisering', 'Versjon 1', 'Systemet', 'Lest inn fra det publiserte innholdet.'],
    ])
    await page.screenshot({ path: path.join(SHOTS, 'admin-chapter-audit.png'), fullPage: true })

    await page.goto(`${server.url}/admin/collections/audit-events`)
    await page.locator('.table table').waitFor({ timeout: 60_000 })
    // The dates are written once the date library's Norwegian has loaded («Laster...» until then).
    await expect.poll(() => page.locator('.table table').textContent(), { timeout: 30_000 }).not.toContain('Laster')
    const body = (await page.locator('.table table').textContent()) ?? ''
    for (const expected of [
      'Gjenoppretting',
      'Publisering',
      'Rolleendring',
      'Rollen til editor@example.no ble endret fra Redaktør til Publisist.',
      'admin@example.no',
    ]) {
      expect(body).toContain(expected)
    }
    expect(await page.getByText('Opprett ny').count()).toBe(0)
    await page.screenshot({ path: path.join(SHOTS, 'admin-audit-log.png'), fullPage: true })
    await page.context().close()

    // Someone who is not an administrator gets neither the log nor the chapter's entries.
    const other = await pageFor('publisher@example.no')
    expect(await other.locator('a[href$="/admin/collections/audit-events"]').count()).toBe(0)
    await other.goto(`${server.url}/admin/collections/chapters/${chapterId}/versions`)
    await other.locator('[data-testid="published-versions"]').waitFor({ timeout: 60_000 })
    expect(await other.locator('[data-testid="chapter-audit"]').count()).toBe(0)
    await other.context().close()
    expect((await api('GET', '/audit-events', undefined, tokens.publisher)).status).toBe(403)
    // The server log has each event.
    expect(server.output()).toContain('"msg":"audit event"')
  }, 180_000)
})
