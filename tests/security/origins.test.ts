import { describe, expect, it } from 'vitest'

import { isCrossOriginWrite, originOf } from '../../cms/src/security/origins'

type WriteRequest = Parameters<typeof isCrossOriginWrite>[0]

const local = 'localhost:3000'
const localOrigin = 'http://localhost:3000'
const siteHost = 'rapport.example.no'
const site = `https://${siteHost}`
/** A POST to the local host unless `more` says otherwise; `origin` undefined sends no Origin. */
const req = (origin: string | undefined, host = local, more: Partial<WriteRequest> = {}): WriteRequest => ({
  method: 'POST',
  host,
  ...(origin === undefined ? {} : { origin }),
  ...more,
})
/** A POST without an Origin that the browser marks with Sec-Fetch-Site. */
const marked = (fetchSite: string) => req(undefined, local, { fetchSite })

describe('isCrossOriginWrite', () => {
  // [name, request, the public address ('' when none is set)]
  const refused: [string, WriteRequest, string][] = [
    ['a form posted from another port of the same host is refused', req('http://localhost:4000'), ''],
    ['a page of another site is refused', req('https://evil.test', siteHost, { method: 'DELETE' }), ''],
    ['an opaque origin (a sandboxed frame, a data: page) is refused', req('null'), ''],
    ['a browser that marks the request as from another site is refused without an Origin', marked('cross-site'), ''],
    ['a browser that marks it as from a sibling of the site is refused', marked('same-site'), ''],
    ['with a public address, the internal host is not enough', req('http://internal:3000', 'internal:3000'), site],
    ['with a public address, its plain-http twin is refused', req(`http://${siteHost}`, siteHost), site],
  ]
  const passes: [string, WriteRequest, string][] = [
    ['a read from anywhere is no write', req('http://evil.test', local, { method: 'GET' }), ''],
    [
      'a save from the admin on the same host passes',
      req(localOrigin, local, { method: 'PATCH', fetchSite: 'same-origin' }),
      '',
    ],
    ['the host is compared without regard to case', req(localOrigin, 'LOCALHOST:3000'), ''],
    ['a script that names no origin (it sends a token) passes', req(undefined), ''],
    ['with a public address, only that origin may write', req(site, 'internal:3000'), site],
  ]
  it.each(refused)('%s', (_name, request, allowed) => {
    expect(isCrossOriginWrite(request, allowed)).toBe(true)
  })
  it.each(passes)('%s', (_name, request, allowed) => {
    expect(isCrossOriginWrite(request, allowed)).toBe(false)
  })
})

describe('originOf', () => {
  it.each([
    ['https://rapport.example.no/', 'https://rapport.example.no'],
    ['http://localhost:3000/admin', 'http://localhost:3000'],
    ['', ''],
    [undefined, ''],
    ['rapport.example.no', ''],
    ['ftp://rapport.example.no', ''],
  ])('%s → %s', (url, origin) => {
    expect(originOf(url)).toBe(origin)
  })
})
