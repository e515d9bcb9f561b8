import { describe, expect, it } from 'vitest'

import { isCrossOriginWrite, originOf } from '../../cms/src/security/origins'

describe('isCrossOriginWrite', () => {
  it.each([
    [
      'a read from anywhere is no write',
      { method: 'GET', origin: 'http://evil.test', host: 'localhost:3000' },
      '',
      false,
    ],
    [
      'a form posted from another port of the same host is refused',
      { method: 'POST', origin: 'http://localhost:4000', host: 'localhost:3000' },
      '',
      true,
    ],
    [
      'a save from the admin on the same host passes',
      { method: 'PATCH', origin: 'http://localhost:3000', host: 'localhost:3000', fetchSite: 'same-origin' },
      '',
      false,
    ],
    [
      'the host is compared without regard to case',
      { method: 'POST', origin: 'http://localhost:3000', host: 'LOCALHOST:3000' },
      '',
      false,
    ],
    [
      'a page of another site is refused',
      { method: 'DELETE', origin: 'https://evil.test', host: 'rapport.example.no' },
      '',
      true,
    ],
    [
      'an opaque origin (a sandboxed frame, a data: page) is refused',
      { method: 'POST', origin: 'null', host: 'localhost:3000' },
      '',
      true,
    ],
    [
      'a browser that marks the request as from another site is refused without an Origin',
      { method: 'POST', fetchSite: 'cross-site', host: 'localhost:3000' },
      '',
      true,
    ],
    [
      'a browser that marks it as from a sibling of the site is refused',
      { method: 'POST', fetchSite: 'same-site', host: 'localhost:3000' },
      '',
      true,
    ],
    ['a script that names no origin (it sends a token) passes', { method: 'POST', host: 'localhost:3000' }, '', false],
    [
      'with a public address, only that origin may write',
      { method: 'POST', origin: 'https://rapport.example.no', host: 'internal:3000' },
      'https://rapport.example.no',
      false,
    ],
    [
      'with a public address, the internal host is not enough',
      { method: 'POST', origin: 'http://internal:3000', host: 'internal:3000' },
      'https://rapport.example.no',
      true,
    ],
    [
      'with a public address, its plain-http twin is refused',
      { method: 'POST', origin: 'http://rapport.example.no', host: 'rapport.example.no' },
      'https://rapport.example.no',
      true,
    ],
  ])('%s', (_name, req, allowed, refused) => {
    expect(isCrossOriginWrite(req, allowed)).toBe(refused)
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
