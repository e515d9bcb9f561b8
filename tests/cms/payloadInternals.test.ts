/**
 * The two places where the admin reaches past Payload's documented API, pinned here so that a
 * Payload upgrade that moves them fails this test instead of silently dropping a rule:
 *
 * - `app/(payload)/layout.tsx` hands `handleServerFunctions` its own `schedule-publish`
 *   function (through the documented `serverFunctions` option), so that only publishers can
 *   schedule and a chapter's revision rules are checked. It only takes effect while Payload
 *   names its built-in function `schedule-publish` and lets the given functions win.
 * - `jobs/schedulePublish.ts` calls Payload's own handler once its rules pass, imported from
 *   `@payloadcms/ui/utilities/schedulePublishHandler`.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const pinned = JSON.parse(fs.readFileSync(new URL('../../cms/package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>
}

describe('the admin’s reach into Payload', () => {
  it('Payload’s packages are pinned to one exact version, so an upgrade is a deliberate change', () => {
    const versions = [
      'payload',
      '@payloadcms/next',
      '@payloadcms/ui',
      '@payloadcms/richtext-lexical',
      '@payloadcms/db-sqlite',
      '@payloadcms/db-mongodb',
    ].map((name) => pinned.dependencies[name])
    expect(versions.every((v) => /^\d+\.\d+\.\d+$/.test(v ?? ''))).toBe(true)
    expect(new Set(versions).size).toBe(1)
  })

  it('the server functions given to handleServerFunctions replace Payload’s own «schedule-publish»', () => {
    // The module behind the documented export `@payloadcms/next/layouts`.
    const layouts = require.resolve('@payloadcms/next/layouts', {
      paths: [new URL('../../cms', import.meta.url).pathname],
    })
    const source = fs.readFileSync(path.join(path.dirname(layouts), '../utilities/handleServerFunctions.js'), 'utf8')
    expect(source).toMatch(/'schedule-publish':\s*schedulePublishHandler/)
    expect(source).toMatch(/extraServerFunctions\?\.\[fnKey\]\s*\|\|\s*baseServerFunctions\[fnKey\]/)
  })

  it('the layout gives its own function under that name', () => {
    const layout = fs.readFileSync(new URL('../../cms/src/app/(payload)/layout.tsx', import.meta.url), 'utf8')
    expect(layout).toMatch(/serverFunctions:\s*\{\s*'schedule-publish':\s*schedulePublish\s*\}/)
  })

  it('Payload’s schedule handler is where the scheduling job imports it from', async () => {
    const ui = await import('@payloadcms/ui/utilities/schedulePublishHandler')
    expect(typeof ui.schedulePublishHandler).toBe('function')
  })
})
