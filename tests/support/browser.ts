import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's Chromium, headless, with no traffic beyond this machine. */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })

/** A new browser context logged in to the admin as this user, on the dashboard. */
export const adminPage = async (browser: Browser, base: string, email: string, password: string, viewport = { width: 1280, height: 900 }): Promise<Page> => {
  const context = await browser.newContext({ locale: 'nb-NO', viewport })
  const page = await context.newPage()
  await page.goto(`${base}/admin/login`)
  await page.fill('#field-email', email)
  await page.fill('#field-password', password)
  await page.click('button[type="submit"]')
  await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
  return page
}
