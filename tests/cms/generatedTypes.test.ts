import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const committed = path.resolve(import.meta.dirname, '../../cms/src/payload-types.ts')

describe('the generated Payload types', () => {
  it('are committed and match the collections as configured (run `npm run generate:types` after changing a collection)', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'types-')), 'payload-types.ts')
    process.env.PAYLOAD_SECRET ??= 'test-secret-0123456789abcdef0123456789abcdef'
    process.env.DATA_DIR ??= path.dirname(out)
    process.env.PAYLOAD_TS_OUTPUT_PATH = out
    try {
      const { generateTypes } = await import('payload/node')
      const { default: configPromise } = await import('../../cms/src/payload.config')
      await generateTypes(await configPromise, { log: false })
    } finally {
      delete process.env.PAYLOAD_TS_OUTPUT_PATH
    }
    expect(fs.readFileSync(committed, 'utf8')).toBe(fs.readFileSync(out, 'utf8'))
  }, 120_000)
})
