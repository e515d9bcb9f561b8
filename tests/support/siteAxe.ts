import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'

/**
 * Opens this address at desktop (1280 px) and phone (390 px) widths and returns axe's WCAG 2.1 AA
 * violations, one line each (`390px region: main`); `alsoCheck` runs on each page before axe does.
 */
export const axeViolationsAtWidths = async (
  browser: Browser,
  address: string,
  alsoCheck: (page: Page) => Promise<void> = async () => {},
): Promise<string[]> => {
  const check = async (width: number) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } })
    const p = await context.newPage()
    await p.goto(address)
    await alsoCheck(p)
    const { violations } = await new AxeBuilder({ page: p })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze()
    await context.close()
    return violations.map((v) => `${width}px ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  }
  return (await Promise.all([check(1280), check(390)])).flat()
}
