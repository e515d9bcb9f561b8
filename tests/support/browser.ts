import { chromium, type Browser, type Locator, type Page } from 'playwright-core'

import { startServerProcess, type ServerProcess } from './server'
import { serveStatic, type StaticServer } from './staticServer'

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
export const adminPage = async (
  browser: Browser,
  base: string,
  email: string,
  password: string,
  viewport = { width: 1280, height: 900 },
): Promise<Page> => {
  const context = await browser.newContext({ locale: 'nb-NO', viewport })
  const page = await context.newPage()
  await page.goto(`${base}/admin/login`)
  await page.fill('#field-email', email)
  await page.fill('#field-password', password)
  await page.click('button[type="submit"]')
  await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
  return page
}

/** Puts the caret at the end of this element's text (a paragraph of the rich-text editor), collapsed. */
export const caretAtEndOf = (element: Locator) =>
  element.evaluate((el) => {
    const range = document.createRange()
    range.selectNodeContents(el)
    range.collapse(false)
    const selection = window.getSelection()!
    selection.removeAllRanges()
    selection.addRange(range)
  })

/** A server a test started: the CMS's process (`stop`) or one serving a built site (`close`). */
type TestServer = ServerProcess | StaticServer

const stop = (server: TestServer) => ('stop' in server ? server.stop() : server.close())

/** Chromium beside a server just started; the server is stopped again when Chromium cannot start. */
const withChromium = async <S extends TestServer>(server: S): Promise<{ server: S; browser: Browser }> => {
  try {
    return { server, browser: await launchBrowser() }
  } catch (error) {
    await stop(server)
    throw error
  }
}

/**
 * For a test file of the admin: the server as `npm start` runs it (`startServerProcess`, with
 * `env`) and Chromium beside it. Stop both with `stopServerAndBrowser`.
 */
export const startServerAndBrowser = async (env?: Record<string, string>) => withChromium(await startServerProcess(env))

/** A built site folder served as static files (`serveStatic`), and Chromium to read it. Stop both with `stopServerAndBrowser`. */
export const serveToBrowser = async (dir: string) => withChromium(await serveStatic(dir))

/** Closes Chromium and stops the server, whichever of them was started. */
export const stopServerAndBrowser = async ({ server, browser }: { server?: TestServer; browser?: Browser }) => {
  await browser?.close()
  if (server) await stop(server)
}
