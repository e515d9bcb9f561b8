import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSnapshot } from '../../cms/src/export/snapshot'
import { snapshotFiles } from '../../cms/src/export/write'
import { readContent, seedContent } from '../../cms/src/seed/seedContent'
import { startTestPayload, type TestPayload } from '../support/payload'

const CONTENT = path.resolve(import.meta.dirname, '../../content')

let t: TestPayload
beforeAll(async () => {
  t = await startTestPayload()
  await seedContent(t.payload, readContent(CONTENT))
})
afterAll(async () => t?.destroy())

describe('the shipped snapshot', () => {
  it('is exactly what the export gives for the shipped content, byte for byte, export after export', async () => {
    const exports = []
    for (let i = 0; i < 2; i++) {
      const { snapshot, chapters } = await buildSnapshot(t.payload)
      exports.push(snapshotFiles(snapshot, chapters))
    }
    expect([...exports[1]]).toEqual([...exports[0]])
    const committed = (fs.readdirSync(path.join(CONTENT, 'snapshot'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.json'))
      .sort()
    expect([...exports[0].keys()].sort()).toEqual(committed)
    for (const [name, content] of exports[0])
      expect(fs.readFileSync(path.join(CONTENT, 'snapshot', name), 'utf8'), name).toBe(content)
  })
})
