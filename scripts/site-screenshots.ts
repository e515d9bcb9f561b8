/**
 * Screenshots of the built site's main page types at desktop and phone widths, for looking at
 * what readers see: test-results/screenshots/site-<page>-<width>.png.
 *
 *   npx tsx scripts/site-screenshots.ts [dist folder, default site/dist]
 */
import fs from 'node:fs'
import path from 'node:path'

import { launchBrowser } from '../tests/support/browser'
import { serveStatic } from '../tests/support/staticServer'

const root = path.resolve(import.meta.dirname, '..')
const dist = path.resolve(process.argv[2] ?? path.join(root, 'site/dist'))
const out = path.join(root, 'test-results/screenshots')

const PAGES: Array<[name: string, url: string]> = [
  ['front', '/'],
  ['edition', '/arsrapport-2023/'],
  ['chapter', '/arsrapport-2023/malbildet-for-arbeidet/'],
  ['measure', '/tiltak/11/'],
  ['measure-unconfirmed', '/tiltak/7/'],
  ['goal-area', '/malomrader/1/'],
  ['superseded-chapter', '/arsrapport-2021/beskrivelse-av-malomrade-3/'],
  ['news', '/nyheter/allmennlegetjenesten-styrkes-med-1-6-milliarder/'],
  ['search', '/sok/'],
  ['not-found', '/finnes-ikke/'],
]
const only = process.env.PAGES?.split(',')

const main = async () => {
  fs.mkdirSync(out, { recursive: true })
  const server = await serveStatic(dist)
  const browser = await launchBrowser()
  try {
    for (const [name, url] of PAGES.filter(([n]) => !only || only.includes(n))) {
      for (const width of [1280, 390]) {
        const context = await browser.newContext({
          viewport: { width, height: width > 800 ? 900 : 844 },
          deviceScaleFactor: 1,
        })
        const page = await context.newPage()
        await page.goto(server.url + url)
        const file = path.join(out, `site-${name}-${width}.png`)
        // CLIP=<px> keeps only the top of long pages, for a closer look.
        const clip = Number(process.env.CLIP) || 0
        await page.screenshot({
          path: file,
          fullPage: true,
          ...(clip ? { clip: { x: 0, y: 0, width, height: clip } } : {}),
        })
        console.log(path.relative(root, file))
        await context.close()
      }
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
