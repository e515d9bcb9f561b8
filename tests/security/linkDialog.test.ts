/**
 * In the admin, the link dialog of the rich-text editor refuses an address that cannot be a
 * link's, in Norwegian on the address field, and keeps the dialog open: the editor never saves
 * such a link believing it was taken.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { LINK_URL_HINT } from '../../cms/src/fields/links'
import { adminPage, startServerAndBrowser, stopServerAndBrowser } from '../support/browser'
import { ROOT, apiRequest, type ServerProcess } from '../support/server'

const SHOTS = path.join(ROOT, 'test-results', 'screenshots')
const PASSWORD = 'korrekt-hest-batteri-stift'

let server: ServerProcess
let browser: Browser
let chapterId: number

beforeAll(async () => {
  ;({ server, browser } = await startServerAndBrowser())
  expect(
    (
      await apiRequest(server.url, 'POST', '/users/first-register', {
        email: 'admin@example.no',
        password: PASSWORD,
        name: 'Admin',
      })
    ).status,
  ).toBe(200)
  chapterId = (await apiRequest(server.url, 'GET', '/chapters?limit=1')).json.docs[0].id
  fs.mkdirSync(SHOTS, { recursive: true })
})
afterAll(() => stopServerAndBrowser({ server, browser }))

describe('the link dialog in the admin', () => {
  it('refuses an entity-encoded script address on the address field, in Norwegian, and stays open', async () => {
    const page = await adminPage(browser, server.url, 'admin@example.no', PASSWORD)
    await page.goto(`${server.url}/admin/collections/chapters/${chapterId}`)
    await page.locator('.rich-text-lexical [contenteditable="true"]').first().click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' Les mer her')
    await page.keyboard.down('Shift')
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft')
    await page.keyboard.up('Shift')
    await page.locator('.toolbar-popup__button-link').first().click()
    const url = page.locator('input[name="url"]').last()
    await url.fill('&#106;avascript:alert(1)')
    await page.getByRole('button', { name: 'Lagre endringer' }).click()
    const message = `Adressen «&#106;avascript:alert(1)» kan ikke brukes i en lenke. ${LINK_URL_HINT}`
    await expect.poll(() => page.locator('.tooltip-content').allTextContents(), { timeout: 15_000 }).toContain(message)
    await expect(url.isVisible()).resolves.toBe(true)
    await page.screenshot({ path: path.join(SHOTS, 'link-dialog-refused.png') })
    await page.context().close()
  })
})
