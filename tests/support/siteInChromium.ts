/** A built site served to Chromium for the tests of one describe block. */
import { afterAll, beforeAll } from 'vitest'

import { serveToBrowser, stopServerAndBrowser } from './browser'

/**
 * Called in a describe block: serves the built site folder `dir()` (read when the block starts,
 * so a folder a beforeAll builds will do) as static files with Chromium beside it, and stops both
 * after the block. The tests read `server` and `browser` from what it returns.
 */
export const servedInChromium = (dir: () => string) => {
  const served = {} as Awaited<ReturnType<typeof serveToBrowser>>
  beforeAll(async () => {
    Object.assign(served, await serveToBrowser(dir()))
  })
  afterAll(() => stopServerAndBrowser(served))
  return served
}
