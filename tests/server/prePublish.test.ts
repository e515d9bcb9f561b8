/**
 * «Kontroller før publisering» in Chromium, used as a publisher uses it: edit a chapter, press
 * «Publiser endringer», read what the publish will change against the live version and the
 * suggested update type, cancel (nothing is published) or publish; a spelling fix is suggested
 * as redaksjonell; a withdrawal asks for confirmation.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { adminPage, caretAtEndOf, startServerAndBrowser, stopServerAndBrowser } from '../support/browser'
import { ROOT, apiRequest, createAccounts, type ServerProcess } from '../support/server'

const SHOTS = path.join(ROOT, 'test-results', 'screenshots')
const PASSWORD = 'korrekt-hest-batteri-stift'

let server: ServerProcess
let browser: Browser
let adminToken: string

const api = (method: string, route: string, body?: unknown) => apiRequest(server.url, method, route, body, adminToken)

beforeAll(async () => {
  ;({ server, browser } = await startServerAndBrowser())
  fs.mkdirSync(SHOTS, { recursive: true })
  adminToken = await createAccounts(server.url, PASSWORD, [{ role: 'publisher', name: 'Publisist' }])
  // The admin's first page is slow on a busy machine: load it once before the tests time theirs.
  const warm = await browser.newPage()
  await warm.goto(`${server.url}/admin/login`, { timeout: 120_000 })
  await warm.close()
}, 600_000)

afterAll(() => stopServerAndBrowser({ server, browser }))

type Chapter = { id: number; revision: number; updateType: string; measures: number[]; title: string }

/** The published chapters of the current edition that have a paragraph ending in a word and a full stop. */
const chapters = async (): Promise<Chapter[]> =>
  (await api('GET', '/chapters?limit=100&depth=0&sort=number&where[kind][equals]=chapter')).json.docs.filter(
    (c: { body?: { root?: LexicalNode } }) =>
      (c.body?.root?.children ?? []).some((node) => node.type === 'paragraph' && /\p{L}\.$/u.test(textOf(node))),
  )

type LexicalNode = { type: string; text?: string; children?: LexicalNode[] }
const textOf = (node: LexicalNode): string => node.text ?? (node.children ?? []).map(textOf).join('')

const published = async (id: number): Promise<Chapter> =>
  (await apiRequest(server.url, 'GET', `/chapters/${id}?depth=0`)).json

/** Opens a chapter in the admin as the publisher. */
const openChapter = async (id: number): Promise<Page> => {
  const page = await adminPage(browser, server.url, 'publisher@example.no', PASSWORD)
  await page.goto(`${server.url}/admin/collections/chapters/${id}`)
  await page.locator('.rich-text-lexical [contenteditable="true"]').first().waitFor()
  return page
}

/**
 * Puts the caret at the end of the first paragraph of the body that ends in a letter and a
 * full stop, and answers that paragraph's last word.
 */
const caretAtEndOfParagraph = async (page: Page) => {
  const body = page.locator('.rich-text-lexical [contenteditable="true"]').first()
  const paragraphs = body.locator(':scope > p')
  const texts = await paragraphs.allTextContents()
  const index = texts.findIndex((text) => /\p{L}\.$/u.test(text))
  await caretAtEndOf(paragraphs.nth(index))
  await body.focus()
  return texts[index].match(/(\p{L}+)\.$/u)![1]
}

const dialogOf = (page: Page) => page.getByRole('dialog', { name: 'Kontroller før publisering' })
const publishButton = (page: Page) => page.getByRole('button', { name: 'Publiser endringer' })
/** Checks the update type in the sidebar. */
const UPDATE_TYPES: Record<string, string> = {
  'Faglig endring': 'major',
  'Redaksjonell endring': 'minor',
  Tilbaketrekking: 'withdrawal',
}
const chooseUpdateType = async (page: Page, label: string) => {
  // The radio's label, as a user clicks it (its styled dot covers the input itself).
  await page.locator(`label[for="field-updateType-${UPDATE_TYPES[label]}"]`).click()
  await expect(page.getByLabel(label, { exact: true }).isChecked()).resolves.toBe(true)
}
const SUCCESS = '.toast-success, [data-sonner-toast][data-type="success"]'

/** Whether an admin page shows English Payload words where Norwegian ones belong. */
const englishIn = async (page: Page) => {
  const text = await dialogOf(page).innerText()
  return ['Publish', 'Cancel', 'Changes', 'Suggested', 'Title', 'Withdraw', 'added', 'removed'].filter((word) =>
    new RegExp(`\\b${word}\\b`).test(text),
  )
}

describe('«Kontroller før publisering»', () => {
  it('shows a publisher the changed words, the added measure and the suggestion; «Avbryt» publishes nothing, «Publiser» publishes', async () => {
    const [chapter] = await chapters()
    const before = await published(chapter.id)
    const measures = (await api('GET', '/measures?limit=17&depth=0&sort=number')).json.docs as Array<{
      id: number
      number: number
      label: string
    }>
    const measure = measures.find((m) => !before.measures.includes(m.id))!
    const page = await openChapter(chapter.id)

    // A sentence added to a paragraph, a measure added, and «redaksjonell» chosen.
    await caretAtEndOfParagraph(page)
    await page.keyboard.type(' Kommunene har fått seks nye stillinger.')
    const field = page.locator('.field-type.relationship', {
      has: page.locator('label', { hasText: /^Tiltak som omtales/ }),
    })
    await field.locator('.rs__control').click()
    await page.locator('.rs__option', { hasText: measure.label }).first().click()
    await chooseUpdateType(page, 'Redaksjonell endring')

    await publishButton(page).click()
    const dialog = dialogOf(page)
    await dialog.waitFor()
    await dialog.getByTestId('pre-publish-suggested').waitFor()
    // The words added, marked as the site's redline marks them.
    await expect(dialog.locator('ins', { hasText: 'Kommunene har fått seks nye stillinger.' }).count()).resolves.toBe(1)
    await expect(dialog.getByTestId('pre-publish-measures').innerText()).resolves.toContain(`Tiltak ${measure.number}`)
    await expect(dialog.getByTestId('pre-publish-chosen').innerText()).resolves.toBe('Redaksjonell endring')
    await expect(dialog.getByTestId('pre-publish-suggested').innerText()).resolves.toBe('Faglig endring')
    await expect(dialog.getByTestId('pre-publish-warning').innerText()).resolves.toContain(
      'kontrollen foreslår faglig endring',
    )
    await expect(dialog.getByText(`Tiltak ${measure.number} er lagt til.`).count()).resolves.toBe(1)
    await expect(englishIn(page)).resolves.toEqual([])
    await page.screenshot({ path: path.join(SHOTS, 'prepublish-1-dialog-suggests-faglig.png') })

    // «Avbryt»: the dialog closes, focus is back on the button, nothing is published.
    await dialog.getByRole('button', { name: 'Avbryt' }).click()
    await dialog.waitFor({ state: 'detached' })
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('action-save')
    await new Promise((r) => setTimeout(r, 1000))
    expect((await published(chapter.id)).revision).toBe(before.revision)

    // The keyboard opens it too, and Escape closes it.
    await page.keyboard.press('Enter')
    await dialog.getByTestId('pre-publish-suggested').waitFor()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('action-save')

    // A faglig endring with its own note: no warning; «Publiser» publishes.
    await chooseUpdateType(page, 'Faglig endring')
    await page.fill('#field-changeNote', 'Seks nye stillinger og et tiltak til.')
    await publishButton(page).click()
    await dialog.getByTestId('pre-publish-suggested').waitFor()
    await expect(dialog.getByTestId('pre-publish-warning').count()).resolves.toBe(0)
    await expect(dialog.getByTestId('pre-publish-note').innerText()).resolves.toBe(
      'Seks nye stillinger og et tiltak til.',
    )
    await page.screenshot({ path: path.join(SHOTS, 'prepublish-2-dialog-faglig-with-note.png') })
    await dialog.getByRole('button', { name: 'Publiser', exact: true }).click()
    await page.locator(SUCCESS).first().waitFor({ timeout: 20_000 })
    const after = await published(chapter.id)
    expect([after.revision, after.updateType, after.measures.includes(measure.id)]).toEqual([
      before.revision + 1,
      'major',
      true,
    ])
    await page.context().close()
  }, 240_000)

  it('suggests «redaksjonell» for a spelling fix, and refuses in the dialog a faglig endring without a note', async () => {
    const [, chapter] = await chapters()
    const before = await published(chapter.id)
    const page = await openChapter(chapter.id)
    const word = await caretAtEndOfParagraph(page)
    // The last word's last letter doubled: a spelling-sized edit.
    await page.keyboard.press('Backspace')
    await page.keyboard.type(`${word.slice(-1)}.`)
    await chooseUpdateType(page, 'Redaksjonell endring')
    await publishButton(page).click()
    const dialog = dialogOf(page)
    await dialog.getByTestId('pre-publish-suggested').waitFor()
    await expect(dialog.getByTestId('pre-publish-suggested').innerText()).resolves.toBe('Redaksjonell endring')
    await expect(
      dialog.getByText('Bare skrivemåte, tegnsetting, mellomrom eller formatering er endret.').count(),
    ).resolves.toBe(1)
    await expect(
      dialog
        .locator('ins')
        .filter({ hasText: `${word}${word.slice(-1)}` })
        .count(),
    ).resolves.toBe(1)
    await expect(dialog.getByTestId('pre-publish-warning').count()).resolves.toBe(0)
    // The note the form kept from the live revision is not this redaksjonell endring's: it is dropped.
    await expect(dialog.getByTestId('pre-publish-note').innerText()).resolves.toBe('(ingen)')
    await expect(englishIn(page)).resolves.toEqual([])
    await page.screenshot({ path: path.join(SHOTS, 'prepublish-3-dialog-spelling-redaksjonell.png') })
    await dialog.getByRole('button', { name: 'Avbryt' }).click()

    // Faglig without a note: the dialog says the publish would be refused, and cannot publish.
    await chooseUpdateType(page, 'Faglig endring')
    await page.fill('#field-changeNote', '')
    await publishButton(page).click()
    await dialog.getByTestId('pre-publish-refusal').waitFor()
    await expect(dialog.getByTestId('pre-publish-refusal').innerText()).resolves.toContain(
      'En faglig endring må ha en endringsmerknad',
    )
    await expect(dialog.getByTestId('pre-publish-warning').innerText()).resolves.toContain(
      'kontrollen foreslår redaksjonell endring',
    )
    await expect(dialog.getByRole('button', { name: 'Publiser', exact: true }).isDisabled()).resolves.toBe(true)
    await page.screenshot({ path: path.join(SHOTS, 'prepublish-4-dialog-faglig-without-note.png') })
    await dialog.getByRole('button', { name: 'Avbryt' }).click()

    await chooseUpdateType(page, 'Redaksjonell endring')
    await publishButton(page).click()
    await dialog.getByRole('button', { name: 'Publiser', exact: true }).click()
    await page.locator(SUCCESS).first().waitFor({ timeout: 20_000 })
    const after = await published(chapter.id)
    expect([after.revision, after.updateType]).toEqual([before.revision + 1, 'minor'])
    await page.context().close()
  }, 240_000)

  it('asks for confirmation of a withdrawal, saying what will happen', async () => {
    const [, , chapter] = await chapters()
    const before = await published(chapter.id)
    const page = await openChapter(chapter.id)
    await chooseUpdateType(page, 'Tilbaketrekking')
    await page.fill('#field-changeNote', 'Erstattet av kapittel 2.2.')
    await publishButton(page).click()
    const dialog = dialogOf(page)
    const withdrawal = dialog.getByTestId('pre-publish-withdrawal')
    await withdrawal.waitFor()
    await expect(withdrawal.innerText()).resolves.toContain(
      'Kapitlet blir stående på sin adresse med innholdet slik det sist ble publisert',
    )
    await expect(dialog.getByTestId('pre-publish-note').innerText()).resolves.toBe('Erstattet av kapittel 2.2.')
    const confirm = dialog.getByRole('button', { name: 'Trekk tilbake' })
    await expect(confirm.isDisabled()).resolves.toBe(true)
    await expect(englishIn(page)).resolves.toEqual([])
    await page.screenshot({ path: path.join(SHOTS, 'prepublish-5-dialog-withdrawal.png') })
    await dialog.getByLabel('Ja, kapitlet skal trekkes tilbake').check()
    await confirm.click()
    await page.locator(SUCCESS).first().waitFor({ timeout: 20_000 })
    const after = await published(chapter.id)
    expect([after.revision, after.updateType]).toEqual([before.revision + 1, 'withdrawal'])
    await page.context().close()
  }, 240_000)
})
