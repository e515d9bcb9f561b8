/** The server sends a version's citation files with the types reference managers and browsers know them by. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Server } from 'node:http'

import express from 'express'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { FolderLeases } from '../../cms/src/publishing/folderLeases'
import { serveSite } from '../../cms/src/serving/serveSite'

let server: Server
let base: string
beforeAll(async () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'site-files-')), 'dist')
  fs.mkdirSync(path.join(dir, 'a/versjoner/1'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'a/versjoner/1/sitering.ris'), 'TY  - CHAP\r\nTI  - Målbildet\r\nER  - \r\n')
  fs.writeFileSync(path.join(dir, 'a/versjoner/1/sitering.bib'), '@incollection{a,\n  title = {{Målbildet}},\n}\n')
  const app = express()
  serveSite(app, () => dir, new FolderLeases())
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

it.each([
  ['sitering.ris', 'application/x-research-info-systems; charset=utf-8', 'TI  - Målbildet'],
  ['sitering.bib', 'text/x-bibtex; charset=utf-8', 'title = {{Målbildet}}'],
])('sends %s as %s, its letters in UTF-8', async (name, type, text) => {
  const response = await fetch(`${base}/a/versjoner/1/${name}`)
  expect([response.status, response.headers.get('content-type')]).toEqual([200, type])
  expect(await response.text()).toContain(text)
})
