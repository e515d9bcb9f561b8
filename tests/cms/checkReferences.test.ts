import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PASSWORD, publishedEdition, startTestPayload, type TestPayload } from '../support/payload'

let t: TestPayload
let edition: number
let token: string

beforeAll(async () => {
  t = await startTestPayload()
  edition = (await publishedEdition(t.payload, 'arsrapport-2021', 2021)).id
  await t.payload.create({
    collection: 'measures',
    data: { number: 11, title: 'Innføre introduksjonsavtaler', _status: 'published' },
  })
  await t.payload.create({
    collection: 'chapters',
    data: { edition, kind: 'chapter', number: '2.6', title: 'Introduksjonsavtaler', _status: 'published' },
  })
  token = (await t.payload.login({ collection: 'users', data: { email: 'editor@example.no', password: PASSWORD } }))
    .token!
})
afterAll(async () => t?.destroy())

const check = async (data: unknown, auth = true) => {
  const response = await handleEndpoints({
    config: t.config,
    request: new Request('http://localhost/api/chapters/check-references', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `JWT ${token}` } : {}) },
      body: JSON.stringify({ id: null, data }),
    }),
  })
  return {
    status: response.status,
    json: (await response.json()) as { findings: Array<{ code: string; message: string }> },
  }
}

const text = (t: string) => ({ type: 'text', text: t, format: 0, detail: 0, mode: 'normal', style: '', version: 1 })
const listBody = (...items: string[]) => ({
  root: {
    type: 'root',
    children: [
      {
        type: 'list',
        listType: 'bullet',
        tag: 'ul',
        children: items.map((i) => ({ type: 'listitem', children: [text(i)] })),
      },
    ],
  },
})

/** Checks a chapter of the edition as the admin's form holds it. */
const checkChapter = (fields: Record<string, unknown>) => check({ edition, kind: 'chapter', ...fields })

describe('checking a chapter from the admin before publishing', () => {
  it('reports what the form holds against the rest of the report', async () => {
    const { status, json } = await checkChapter({
      number: '2.6',
      title: 'Nytt kapittel',
      slug: 'nytt-kapittel',
      body: listBody('Tiltak 11: Innføre en ordning', 'Tiltak 18: Finnes ikke'),
      footnotes: [{ number: 2, text: 'Kilde' }],
    })
    expect(status).toBe(200)
    expect(json.findings.map((f) => f.message)).toEqual([
      'Tiltak 11 heter «Innføre introduksjonsavtaler» i tiltakslisten, men «Innføre en ordning» her.',
      '«Tiltak 18» finnes ikke: handlingsplanen har tiltak 1–17.',
      'Kapittelnummer 2.6 er brukt flere ganger i utgaven (også av introduksjonsavtaler).',
      'Fotnote 2 er ikke henvist til i teksten.',
    ])
  })

  it('finds nothing when all is well', async () => {
    const { json } = await checkChapter({
      number: '2.7',
      title: 'Ok',
      slug: 'ok',
      body: listBody('Tiltak 11: Innføre introduksjonsavtaler'),
      footnotes: [],
    })
    expect(json.findings).toEqual([])
  })

  it('accepts the admin form state, where an empty array arrives as its row count', async () => {
    const { status, json } = await checkChapter({
      number: '2.8',
      title: 'Tomt',
      footnotes: 0,
      body: null,
    })
    expect([status, json.findings]).toEqual([200, []])
  })

  it('is for signed-in users only', async () => {
    expect((await check({}, false)).status).toBe(403)
  })
})
