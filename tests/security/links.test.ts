/**
 * Link addresses in rich text are stored exactly as the editor typed them, through any number
 * of draft saves and publishes; an address that cannot be a link's is refused at save with a
 * Norwegian message naming the field, the paragraph and the link, and nothing rewrites it.
 */
import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { linkUrlProblem } from '../../cms/src/fields/links'
import { link, paragraph, richText, text } from '../support/lexical'
import { PASSWORD, publishedEdition, startTestPayload, type TestPayload } from '../support/payload'

let t: TestPayload
let edition: number
let editorToken: string

beforeAll(async () => {
  t = await startTestPayload()
  edition = (await publishedEdition(t.payload)).id
  editorToken = (
    await t.payload.login({ collection: 'users', data: { email: 'editor@example.no', password: PASSWORD } })
  ).token!
})
afterAll(async () => t?.destroy())

/**
 * A body of two paragraphs whose second holds a link with this address, in a node of this
 * type, with a node id as the admin gives every link (Payload runs a link's field hooks only
 * on nodes with an id).
 */
const bodyWithLink = (url: string, type: 'link' | 'autolink' = 'link') =>
  richText(
    paragraph(text('Innledning.')),
    paragraph(text('Les mer '), { ...link(url, text('hos direktoratet')), type }, text('.')),
  )

type LinkBody = { root: { children: Array<{ children: Array<{ fields: { url: string } }> }> } }
const urlIn = (doc: object) => (doc as { body: LinkBody }).body.root.children[1].children[1]

let chapters = 0
/** A new draft chapter made by an editor, with this body. */
const draftChapter = async (body: unknown) =>
  t.payload.create({
    collection: 'chapters',
    data: { edition, number: `7.${++chapters}`, title: `Kapittel med lenke ${chapters}`, body } as never,
    draft: true,
    user: t.users.editor,
    overrideAccess: false,
  })

/** The field errors of a refused write, as [path, message], or [] when it was accepted. */
const fieldErrorsOf = async (attempt: Promise<unknown>): Promise<Array<[string, string]>> => {
  try {
    await attempt
  } catch (error) {
    const e = error as { data?: { errors?: Array<{ message: string; path: string }> } }
    if (!e.data?.errors) throw error
    return e.data.errors.map((x): [string, string] => [x.path, x.message])
  }
  return []
}

const HINT =
  'Bruk en nettadresse som begynner med https:// eller http://, en e-postadresse som begynner med mailto:, en adresse på nettstedet som begynner med / eller et anker som begynner med #.'

describe('a link address that can be stored', () => {
  it.each([
    [
      'an https address with a query and an anchor',
      'https://www.helsedirektoratet.no/rapporter/allmennlege?ar=2023&del=1#tiltak-3',
    ],
    ['an http address', 'http://www.regjeringen.no/no/dokumenter/'],
    [
      'an address with letters beyond ASCII and an encoded space',
      'https://lovdata.no/dokument/NL/lov/2011-06-24-30/§2-1?q=fastlege%20ordning',
    ],
    ['an e-mail address', 'mailto:postmottak@helsedir.no?subject=Rapport'],
    ['a path on the site', '/arsrapport-2023/malbildet-for-arbeidet/#fotnoter'],
    ['an anchor', '#fotnoter'],
  ])('is kept exactly as typed through a draft save, another draft save and a publish: %s', async (_what, url) => {
    const made = await draftChapter(bodyWithLink(url))
    expect(urlIn(made).fields.url).toBe(url)
    const saved = await t.payload.update({
      collection: 'chapters',
      id: made.id,
      data: { title: `${made.title} (endret)` } as never,
      draft: true,
      user: t.users.editor,
      overrideAccess: false,
    })
    expect(urlIn(saved).fields.url).toBe(url)
    const published = await t.payload.update({
      collection: 'chapters',
      id: made.id,
      data: { _status: 'published', updateType: 'major', changeNote: 'Første versjon.' } as never,
      user: t.users.publisher,
      overrideAccess: false,
    })
    expect(urlIn(published).fields.url).toBe(url)
    expect(urlIn(await t.payload.findByID({ collection: 'chapters', id: made.id, draft: true })).fields.url).toBe(url)
  })
})

describe('a link address that cannot be stored', () => {
  it('is never stored other than as sent: a new draft, another draft save and a publish keep it as typed, or the first is refused', async () => {
    const url = '&#106;avascript:alert(1)'
    const stored: string[] = []
    let made: { id: number | string } | null = null
    const refused = await fieldErrorsOf(
      draftChapter(bodyWithLink(url)).then(async (doc) => {
        made = doc
        stored.push(urlIn(doc).fields.url)
        const save = (data: object, draft: boolean) =>
          t.payload.update({
            collection: 'chapters',
            id: doc.id,
            data: data as never,
            draft,
            user: t.users.publisher,
            overrideAccess: false,
          })
        stored.push(urlIn(await save({ title: `${doc.title} (endret)` }, true)).fields.url)
        stored.push(
          urlIn(await save({ _status: 'published', updateType: 'major', changeNote: 'Publisert.' }, false)).fields.url,
        )
      }),
    )
    expect(stored.filter((u) => u !== url)).toEqual([])
    expect([made, refused.map(([path]) => path)]).toEqual([null, ['body']])
  })

  it.each([
    ['an entity-encoded script address', '&#106;avascript:alert(1)'],
    ['a script address', 'javascript:alert(1)'],
    ['a script address in capitals behind a space', ' JavaScript:alert(1)'],
    ['a data address', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['a vbscript address', 'vbscript:msgbox(1)'],
    ['an address on another host without a scheme', '//evil.example/x'],
    ['an address without a scheme', 'www.helsedirektoratet.no'],
    ['the editor’s placeholder', 'https://'],
    ['a percent-encoded address from an earlier save', '%2526%2523106%253Bavascript%253Aalert(1)'],
    ['an address with a line break', 'https://www.helsedirektoratet.no/\nx'],
  ])('is refused at a draft save, naming the field, the paragraph and the link: %s', async (_what, url) => {
    expect(await fieldErrorsOf(draftChapter(bodyWithLink(url)))).toEqual([
      [
        'body',
        `Tekst, avsnitt 2: lenken «hos direktoratet» har adressen «${url}», som ikke kan brukes i en lenke. ${HINT}`,
      ],
    ])
  })

  it('is refused in an automatic link too', async () => {
    expect(await fieldErrorsOf(draftChapter(bodyWithLink('javascript:alert(1)', 'autolink')))).toEqual([
      [
        'body',
        `Tekst, avsnitt 2: lenken «hos direktoratet» har adressen «javascript:alert(1)», som ikke kan brukes i en lenke. ${HINT}`,
      ],
    ])
  })

  it('is refused at a publish, and the stored draft keeps its address unchanged', async () => {
    const made = await draftChapter(bodyWithLink('/tiltak/3/'))
    const bad = '&#106;avascript:alert(1)'
    const attempt = t.payload.update({
      collection: 'chapters',
      id: made.id,
      data: { body: bodyWithLink(bad), _status: 'published', updateType: 'major', changeNote: 'Ny lenke.' } as never,
      user: t.users.publisher,
      overrideAccess: false,
    })
    expect((await fieldErrorsOf(attempt)).map(([path]) => path)).toEqual(['body'])
    expect(urlIn(await t.payload.findByID({ collection: 'chapters', id: made.id, draft: true })).fields.url).toBe(
      '/tiltak/3/',
    )
  })

  it('is answered over REST with the Norwegian message on the field, as the admin shows it', async () => {
    const response = await handleEndpoints({
      config: t.config,
      request: new Request('http://localhost/api/chapters?draft=true', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `JWT ${editorToken}` },
        body: JSON.stringify({ edition, number: '8.1', title: 'Over REST', body: bodyWithLink('javascript:alert(1)') }),
      }),
    })
    const json = (await response.json()) as {
      errors: Array<{ data?: { errors?: Array<{ label?: string; message: string; path: string }> } }>
    }
    expect(response.status).toBe(400)
    expect(json.errors[0].data?.errors).toEqual([
      expect.objectContaining({
        path: 'body',
        message: `Tekst, avsnitt 2: lenken «hos direktoratet» har adressen «javascript:alert(1)», som ikke kan brukes i en lenke. ${HINT}`,
      }),
    ])
  })
})

describe('the address check of the link dialog', () => {
  it.each([
    ['an https address: accepted', 'https://www.helsedirektoratet.no', null],
    ['a path on the site: accepted', '/tiltak/3/', null],
    ['an anchor: accepted', '#del-2', null],
    ['an e-mail address: accepted', 'mailto:post@helsedir.no', null],
    ['no address: what to type', '', `Lenken mangler adresse. ${HINT}`],
    [
      'a script address: refused',
      'javascript:alert(1)',
      `Adressen «javascript:alert(1)» kan ikke brukes i en lenke. ${HINT}`,
    ],
    ['a phone number: refused', 'tel:+4722222222', `Adressen «tel:+4722222222» kan ikke brukes i en lenke. ${HINT}`],
    [
      'an address of 513 characters: the limit',
      `https://www.helsedirektoratet.no/${'a'.repeat(480)}`,
      'Lenkeadressen kan ha høyst 500 tegn (har 513).',
    ],
  ])('answers %s', (_what, url, expected) => {
    expect(linkUrlProblem(url)).toBe(expected)
  })
})
