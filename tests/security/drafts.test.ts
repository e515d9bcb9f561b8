/**
 * Draft canaries: unpublished text must never reach the public. Content is published, then
 * drafts are saved in every content collection, in every state a draft can be in (a new
 * document, a new draft of a published one, a draft scheduled to be published tomorrow, a
 * document unpublished with new text, a draft pending when its chapter is withdrawn), each
 * field holding a canary of its own. Then everything the public can reach is probed for
 * them: REST and GraphQL as an anonymous caller (lists, documents by id, draft=true, versions,
 * where queries on the canary text, relationships populated with depth), the exported
 * snapshot, every file of the site built from it (compressed copies, release archives and the
 * search index decompressed), the site's search in Chromium and the preview route.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'

import { GRAPHQL_POST } from '@payloadcms/next/routes'
import express from 'express'
import { createLocalReq, handleEndpoints, type PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSnapshot } from '../../cms/src/export/snapshot'
import { snapshotFiles, writeSnapshot } from '../../cms/src/export/write'
import { schedulePublish } from '../../cms/src/jobs/schedulePublish'
import { servePreview } from '../../cms/src/publishing/preview'
import { buildSite } from '@rapport/site/builder/build'
import { launchBrowser } from '../support/browser'
import { heading, link, list, paragraph, quote, richText, table, text } from '../support/lexical'
import { PASSWORD, startTestPayload, type TestPayload } from '../support/payload'
import { serveStatic } from '../support/staticServer'
import { TEXT_PATHS } from '../support/cmsTextFields'

const COLLECTIONS = ['editions', 'chapters', 'goal-areas', 'measures', 'news'] as const
type Collection = (typeof COLLECTIONS)[number]

/** The states a draft can be in, and the collections where each exists (a goal area has one of three numbers: three states). */
const STATES = {
  new: { name: 'a new document, never published', collections: COLLECTIONS },
  draftOfPublished: { name: 'a new draft of a published document', collections: COLLECTIONS },
  scheduled: { name: 'a draft scheduled to be published tomorrow', collections: COLLECTIONS },
  unpublished: {
    name: 'a document unpublished with new text',
    collections: ['editions', 'chapters', 'measures', 'news'],
  },
  withdrawn: { name: 'a draft pending when its chapter is withdrawn', collections: ['chapters'] },
} as const satisfies Record<string, { name: string; collections: readonly Collection[] }>
type State = keyof typeof STATES

/** Lower-case letters and digits only: a canary fits a slug, and the search index keeps it one word. */
const RUN = randomBytes(5).toString('hex')
const CANARY = new RegExp(`kanari${RUN}n(\\d+)`, 'gi')
const canaryNames: string[] = []
const canary = (name: string) => {
  canaryNames.push(name)
  return `kanari${RUN}n${canaryNames.length - 1}`
}
const canariesIn = (content: string) => [
  ...new Set([...content.matchAll(CANARY)].map((m) => canaryNames[Number(m[1])] ?? m[0])),
]

/** A rich-text body with a canary in each node type. */
const body = (c: (field: string) => string) =>
  richText(
    heading('h2', text(c('body heading'))),
    paragraph(text(c('body paragraph'))),
    list('bullet', [text(c('body list item'))]),
    quote(text(c('body quote'))),
    paragraph(link(`https://example.no/${c('body link address')}`, text(c('body link text')))),
    table([c('body table cell'), 'Kolonne'], ['Rad', 'Celle']),
  )

const source = (c: (field: string) => string) => ({
  publisher: c('source publisher'),
  url: `https://example.no/${c('source url')}`,
  licence: c('source licence'),
})

let t: TestPayload
let work: string
let editionId: number
let chapterNumber = 1
let measureNumber = 1
const goalAreaNumbers: Partial<Record<State, number>> = { draftOfPublished: 1, scheduled: 2, new: 3 }
const tokens: Record<'editor' | 'publisher', string> = { editor: '', publisher: '' }

/** Every text field of a collection holding a canary, with the document's fixed fields. */
const canaryData = (collection: Collection, state: State): Record<string, unknown> => {
  const c = (field: string) => canary(`${STATES[state].name}: ${collection} ${field}`)
  switch (collection) {
    case 'editions':
      return {
        title: c('title'),
        slug: c('slug'),
        parts: [{ number: 1, title: c('part title'), slug: c('part slug') }],
        source: source(c),
      }
    case 'chapters':
      return {
        title: c('title'),
        slug: c('slug'),
        body: body(c),
        footnotes: [{ number: 1, text: c('footnote') }],
        changeNote: c('change note'),
        updateType: 'major',
        source: source(c),
      }
    case 'goal-areas':
      return {
        editions: [{ edition: editionId, title: c('title in an edition'), effectGoals: [{ text: c('effect goal') }] }],
      }
    case 'measures':
      return { title: c('title'), description: c('description'), source: source(c) }
    case 'news':
      return {
        kicker: c('kicker'),
        title: c('title'),
        slug: c('slug'),
        publishedUnder: c('published under'),
        publisher: c('publisher'),
        body: body(c),
        importantMeasures: [{ text: c('important measure') }],
        source: source(c),
      }
  }
}

/** A document's fields without canaries, as it is published first. */
const cleanData = (collection: Collection, state: State): Record<string, unknown> => {
  const label = `${collection}-${state}`.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  switch (collection) {
    case 'editions':
      return {
        title: `Utgave ${label}`,
        slug: label,
        year: 2001 + Object.keys(STATES).indexOf(state),
        status: 'superseded',
      }
    case 'chapters':
      return {
        edition: editionId,
        kind: 'chapter',
        number: String(chapterNumber++),
        title: `Kapittel ${label}`,
        slug: label,
        body: richText(paragraph(text('Publisert tekst.'))),
      }
    case 'goal-areas':
      return {
        number: goalAreaNumbers[state],
        editions: [{ edition: editionId, title: `Målområde ${label}`, effectGoals: [{ text: 'Publisert mål' }] }],
      }
    case 'measures':
      return { number: measureNumber++, title: `Tiltak ${label}` }
    case 'news':
      return { title: `Nyhet ${label}`, slug: label, body: richText(paragraph(text('Publisert tekst.'))) }
  }
}

/** The documents that hold canaries, by collection. */
const holders = Object.fromEntries(COLLECTIONS.map((c) => [c, [] as Array<{ id: number; state: State }>])) as Record<
  Collection,
  Array<{ id: number; state: State }>
>

/** Saves the drafts of every state, as editors and publishers do in the admin (the Local API, with their access). */
const saveDrafts = async () => {
  const { payload, users } = t
  const editor = { user: users.editor, overrideAccess: false as const }
  const publisher = { user: users.publisher, overrideAccess: false as const }
  const reqAs = async () => (await createLocalReq({ user: users.publisher }, payload)) as PayloadRequest
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000)
  for (const [state, { collections }] of Object.entries(STATES) as Array<
    [State, { collections: readonly Collection[] }]
  >) {
    for (const collection of collections) {
      let id: number
      if (state === 'new') {
        id = (
          await payload.create({
            collection,
            data: { ...cleanData(collection, state), ...canaryData(collection, state) } as never,
            draft: true,
            ...editor,
          })
        ).id
      } else {
        id = (
          await payload.create({
            collection,
            data: { ...cleanData(collection, state), _status: 'published' } as never,
            ...publisher,
          })
        ).id
        const draft = canaryData(collection, state)
        if (state === 'unpublished') {
          await payload.update({ collection, id, data: { ...draft, _status: 'draft' } as never, ...publisher })
        } else {
          await payload.update({ collection, id, data: draft as never, draft: true, ...editor })
        }
        if (state === 'scheduled') {
          const result = await schedulePublish({
            req: await reqAs(),
            type: 'publish',
            date: tomorrow,
            doc: { relationTo: collection, value: String(id) },
          } as never)
          expect(result, `scheduling ${collection}`).toEqual({ message: expect.any(String) })
        }
        if (state === 'withdrawn') {
          // The admin sends the form as it stands (the draft) with the withdrawal: the draft must stay a draft.
          await payload.update({
            collection,
            id,
            data: {
              ...draft,
              updateType: 'withdrawal',
              changeNote: 'Kapitlet er trukket tilbake.',
              _status: 'published',
            } as never,
            ...publisher,
          })
        }
      }
      holders[collection].push({ id, state })
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Probes

const probes: Record<string, number> = {}
const leaks: Array<{ channel: string; probe: string; canaries: string[] }> = []

/** Looks at what the public got for one probe; a canary in it is a leak. */
const look = (channel: string, probe: string, content: string) => {
  probes[channel] = (probes[channel] ?? 0) + 1
  const found = canariesIn(content)
  if (found.length) leaks.push({ channel, probe, canaries: found })
}

const rest = async (route: string, token?: string) => {
  const headers = new Headers()
  if (token) headers.set('authorization', `JWT ${token}`)
  const response = await handleEndpoints({
    config: t.config,
    request: new Request(`http://localhost/api${route}`, { headers }),
  })
  return { status: response.status, body: await response.text() }
}

let graphqlHandler: (request: Request) => Promise<Response>
const graphql = async (query: string, token?: string) => {
  const headers = new Headers({ 'content-type': 'application/json' })
  if (token) headers.set('authorization', `JWT ${token}`)
  // A refused query is logged as an error by Payload; here refusals are the expected answer.
  const level = t.payload.logger.level
  if (!token) t.payload.logger.level = 'fatal'
  try {
    const response = await graphqlHandler(
      new Request('http://localhost/api/graphql', { method: 'POST', headers, body: JSON.stringify({ query }) }),
    )
    return await response.text()
  } finally {
    t.payload.logger.level = level
  }
}

/** A query's count of documents, when it answered with one: a where query on canary text must find nothing. */
const found = (body: string) => {
  try {
    const json = JSON.parse(body) as { totalDocs?: number; docs?: unknown[] }
    return json.totalDocs ?? json.docs?.length ?? 0
  } catch {
    return 0
  }
}

/** The text fields of each collection as REST where paths, with the GraphQL names and selections. */
const SOURCE = 'source { publisher url licence }'
const GRAPHQL: Record<Collection, { one: string; many: string; fields: string; where: string }> = {
  editions: { one: 'Edition', many: 'Editions', fields: `title slug parts { title slug } ${SOURCE}`, where: 'title' },
  chapters: {
    one: 'Chapter',
    many: 'Chapters',
    fields: `title slug changeNote body footnotes { text } ${SOURCE}`,
    where: 'title',
  },
  'goal-areas': {
    one: 'GoalArea',
    many: 'GoalAreas',
    fields: 'editions { title effectGoals { text } }',
    where: 'editions__title',
  },
  measures: { one: 'Measure', many: 'Measures', fields: `title description ${SOURCE}`, where: 'title' },
  news: {
    one: 'NewsItem',
    many: 'News',
    fields: `kicker title slug publishedUnder publisher body importantMeasures { text } ${SOURCE}`,
    where: 'title',
  },
}

let snapshotDir: string
let site: string

const draftVersionIds = async (collection: Collection) =>
  (
    await t.payload.findVersions({
      collection,
      where: { parent: { in: holders[collection].map((h) => h.id) } },
      limit: 0,
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
  ).docs.map((v) => v.id)

/** A tar archive's members: name and content. */
const tarMembers = (tar: Buffer): Array<[string, Buffer]> => {
  const members: Array<[string, Buffer]> = []
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512)
    if (header.every((b) => b === 0)) break
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '')
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '')
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8)
    members.push([prefix ? `${prefix}/${name}` : name, tar.subarray(at + 512, at + 512 + size)])
    at += 512 + Math.ceil(size / 512) * 512
  }
  return members
}

/** A file's readable content: compressed copies, archives and Pagefind's gzipped index decompressed. */
const readable = (name: string, content: Buffer): string => {
  if (name.endsWith('.br')) return readable(name.slice(0, -3), zlib.brotliDecompressSync(content))
  if (content[0] === 0x1f && content[1] === 0x8b) return readable(name.replace(/\.gz$/, ''), zlib.gunzipSync(content))
  if (name.endsWith('.tar'))
    return tarMembers(content)
      .map(([member, data]) => `${member}\n${readable(member, data)}`)
      .join('\n')
  return content.toString('utf8')
}

const CHANNELS: Array<[string, () => Promise<void>]> = [
  [
    'REST lists, with and without draft=true, depth=2 and pagination off',
    async () => {
      for (const c of COLLECTIONS) {
        for (const query of [
          '',
          '?draft=true',
          '?depth=2',
          '?draft=true&depth=2',
          '?limit=0&pagination=false&draft=true',
        ])
          look('REST', `GET /api/${c}${query}`, (await rest(`/${c}${query}`)).body)
      }
    },
  ],
  [
    'REST documents by id, with and without draft=true and depth=2',
    async () => {
      for (const c of COLLECTIONS) {
        for (const { id } of holders[c]) {
          for (const query of ['', '?draft=true', '?draft=true&depth=2'])
            look('REST', `GET /api/${c}/${id}${query}`, (await rest(`/${c}/${id}${query}`)).body)
        }
      }
    },
  ],
  [
    'REST relationships populated with depth: a published chapter pointing at draft-only documents',
    async () => {
      const { id } = linking
      for (const query of ['?depth=1', '?depth=3', '?draft=true&depth=3'])
        look('REST', `GET /api/chapters/${id}${query}`, (await rest(`/chapters/${id}${query}`)).body)
      look(
        'REST',
        'GET /api/chapters?depth=3&where[id][equals]=…',
        (await rest(`/chapters?depth=3&where[id][equals]=${id}`)).body,
      )
    },
  ],
  [
    'REST version lists and versions by id',
    async () => {
      for (const c of COLLECTIONS) {
        look('REST', `GET /api/${c}/versions`, (await rest(`/${c}/versions?limit=0`)).body)
        for (const { id } of holders[c])
          look(
            'REST',
            `GET /api/${c}/versions?where[parent][equals]=${id}`,
            (await rest(`/${c}/versions?where[parent][equals]=${id}`)).body,
          )
        for (const id of await draftVersionIds(c))
          look('REST', `GET /api/${c}/versions/${id}`, (await rest(`/${c}/versions/${id}`)).body)
      }
    },
  ],
  [
    'REST where queries and counts on the canary text of every text field',
    async () => {
      for (const c of COLLECTIONS) {
        for (const field of TEXT_PATHS[c]) {
          for (const route of [
            `/${c}?draft=true&where[${field}][like]=kanari${RUN}`,
            `/${c}?where[${field}][contains]=kanari${RUN}`,
            `/${c}/count?where[${field}][like]=kanari${RUN}`,
            `/${c}/versions?where[version.${field}][like]=kanari${RUN}`,
          ]) {
            const { body: answer } = await rest(route)
            look('REST', `GET /api${route}`, answer)
            // The number of documents found is an answer too: it says that a draft holds the text.
            const count = found(answer)
            if (count > 0)
              leaks.push({
                channel: 'REST',
                probe: `GET /api${route}`,
                canaries: [`${count} document(s) found by their draft text`],
              })
          }
        }
        for (const where of [
          'where[_status][equals]=draft',
          'where[or][0][_status][equals]=draft&where[or][1][_status][exists]=false',
          'draft=true&where[_status][not_equals]=published',
        ]) {
          look('REST', `GET /api/${c}?${where}`, (await rest(`/${c}?${where}`)).body)
        }
      }
    },
  ],
  [
    'the chapters’ public revision histories (GET /api/chapters/:id/revisions)',
    async () => {
      for (const { id } of [...holders.chapters, linking])
        look('REST', `GET /api/chapters/${id}/revisions`, (await rest(`/chapters/${id}/revisions`)).body)
    },
  ],
  [
    'GraphQL lists, with draft: true and where on the canary text',
    async () => {
      for (const c of COLLECTIONS) {
        const { many, fields, where } = GRAPHQL[c]
        for (const args of [
          '',
          '(draft: true)',
          '(limit: 0)',
          `(draft: true, where: { ${where}: { like: "kanari${RUN}" } })`,
        ]) {
          const answer = await graphql(`{ ${many}${args} { totalDocs docs { id ${fields} } } }`)
          look('GraphQL', `${many}${args}`, answer)
          if (
            args.includes('where') &&
            (JSON.parse(answer) as { data?: Record<string, { totalDocs?: number }> }).data?.[many]?.totalDocs
          ) {
            leaks.push({
              channel: 'GraphQL',
              probe: `${many}${args}`,
              canaries: ['documents found by their draft text'],
            })
          }
        }
      }
    },
  ],
  [
    'GraphQL documents by id with draft: true, and their access',
    async () => {
      for (const c of COLLECTIONS) {
        const { one, fields } = GRAPHQL[c]
        for (const { id } of holders[c]) {
          look(
            'GraphQL',
            `${one}(id: ${id}, draft: true)`,
            await graphql(`{ ${one}(id: ${JSON.stringify(id)}, draft: true) { id ${fields} } }`),
          )
          look('GraphQL', `${one}(id: ${id})`, await graphql(`{ ${one}(id: ${JSON.stringify(id)}) { id ${fields} } }`))
          look(
            'GraphQL',
            `docAccess${one}(id: ${id})`,
            await graphql(
              `{ docAccess${one}(id: ${JSON.stringify(id)}) { read { permission } update { permission } } }`,
            ),
          )
        }
      }
    },
  ],
  [
    'GraphQL versions',
    async () => {
      for (const c of COLLECTIONS) {
        const { one, many, fields } = GRAPHQL[c]
        look(
          'GraphQL',
          `versions${many}`,
          await graphql(`{ versions${many}(limit: 0) { docs { id version { ${fields} } } } }`),
        )
        for (const id of await draftVersionIds(c))
          look(
            'GraphQL',
            `version${one}(id: ${id})`,
            await graphql(`{ version${one}(id: ${JSON.stringify(id)}) { id version { ${fields} } } }`),
          )
      }
    },
  ],
  [
    'the exported snapshot',
    async () => {
      for (const f of fs.readdirSync(snapshotDir, { recursive: true }) as string[]) {
        const file = path.join(snapshotDir, f)
        if (fs.statSync(file).isFile()) look('snapshot', f, fs.readFileSync(file, 'utf8'))
      }
    },
  ],
  [
    'every file of the built site: pages, JSON API, feed, sitemap, compressed copies, release archives and the search index',
    async () => {
      for (const f of (fs.readdirSync(site, { recursive: true }) as string[]).sort()) {
        const file = path.join(site, f)
        if (fs.statSync(file).isFile()) look('built files', f, readable(f, fs.readFileSync(file)))
      }
    },
  ],
  [
    'the site’s search in Chromium',
    async () => {
      const server = await serveStatic(site)
      const browser = await launchBrowser()
      try {
        const page = await browser.newPage()
        // The search works: it finds the published text.
        await page.goto(`${server.url}/sok/?q=publisert`)
        await page.locator('#resultater ol.results > li').first().waitFor()
        // The prefix every canary starts with, and each canary of what the index holds: chapter titles and text.
        const indexed = canaryNames.flatMap((name, i) =>
          /: chapters (title|body paragraph)$/.test(name) ? [`kanari${RUN}n${i}`] : [],
        )
        for (const term of [`kanari${RUN}`, ...indexed]) {
          await page.fill('#q', term)
          await page.click('form.search button[type="submit"]')
          await page
            .locator('#resultater > p')
            .filter({ hasText: `«${term}»` })
            .waitFor()
          // The results only (the page repeats the words searched for); with no hit there is no list.
          const results = page.locator('#resultater ol.results')
          look(
            'search',
            `/sok/?q=${term}`,
            (await results.count()) > 0 ? await results.evaluate((el) => el.outerHTML) : '',
          )
          const hits = await page.locator('#resultater ol.results > li').count()
          if (hits > 0) leaks.push({ channel: 'search', probe: `/sok/?q=${term}`, canaries: [`${hits} result(s)`] })
        }
      } finally {
        await browser.close()
        await server.close()
      }
    },
  ],
  [
    'the preview route without a login',
    async () => {
      const app = express()
      servePreview(app, t.payload, t.dataDir)
      const server = app.listen(0, '127.0.0.1')
      await new Promise((resolve) => server.once('listening', resolve))
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
      try {
        for (const { id } of holders.chapters) {
          for (const [what, headers] of [
            ['no login', {}],
            [
              'a forged token',
              { authorization: 'JWT eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MSwiY29sbGVjdGlvbiI6InVzZXJzIn0.AAAA' },
            ],
            ['a forged cookie', { cookie: 'payload-token=eyJhbGciOiJub25lIn0.eyJpZCI6MX0.' }],
          ] as const) {
            const response = await fetch(`${base}/forhandsvisning/kapittel/${id}/`, { headers })
            look(
              'preview',
              `${what}: /forhandsvisning/kapittel/${id}/ → ${response.status}`,
              `${response.status === 200 ? 'answered 200 ' : ''}${await response.text()}`,
            )
            if (response.status !== 401)
              leaks.push({
                channel: 'preview',
                probe: `${what}: /forhandsvisning/kapittel/${id}/`,
                canaries: [`answered ${response.status}, not 401`],
              })
          }
        }
      } finally {
        await new Promise((resolve) => server.close(resolve))
      }
    },
  ],
]

let linking: { id: number }

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'drafts-'))
  t = await startTestPayload()
  graphqlHandler = GRAPHQL_POST(Promise.resolve(t.config))
  for (const role of ['editor', 'publisher'] as const)
    tokens[role] = (
      await t.payload.login({ collection: 'users', data: { email: `${role}@example.no`, password: PASSWORD } })
    ).token!
  const { payload, users } = t
  const publisher = { user: users.publisher, overrideAccess: false as const }
  // Published content for the site to show.
  editionId = (
    await payload.create({
      collection: 'editions',
      data: { title: 'Årsrapport 2023', slug: 'arsrapport-2023', year: 2023, status: 'current', _status: 'published' },
      ...publisher,
    })
  ).id
  await payload.create({
    collection: 'chapters',
    data: {
      edition: editionId,
      kind: 'chapter',
      number: '100',
      title: 'Et publisert kapittel',
      slug: 'publisert',
      body: richText(paragraph(text('Publisert tekst.'))),
      _status: 'published',
    },
    ...publisher,
  })
  await saveDrafts()
  // A published chapter pointing at documents that exist as drafts only.
  const draftOnly = (c: Collection) => holders[c].find((h) => h.state === 'new')!.id
  linking = await payload.create({
    collection: 'chapters',
    data: {
      edition: editionId,
      kind: 'chapter',
      number: '101',
      title: 'Peker på utkast',
      slug: 'peker-pa-utkast',
      goalArea: draftOnly('goal-areas'),
      measures: [draftOnly('measures')],
      body: richText(paragraph(text('Publisert tekst.'))),
      _status: 'published',
    },
    ...publisher,
  })
  // The release path: export what is published, build the site from it.
  const { snapshot, chapters } = await buildSnapshot(payload)
  snapshotDir = path.join(work, 'snapshot')
  writeSnapshot(snapshotDir, snapshotFiles(snapshot, chapters))
  site = (await buildSite({ snapshot: snapshotDir, out: path.join(work, 'site'), quiet: true })).out
}, 600_000)

afterAll(async () => {
  const total = Object.values(probes).reduce((a, b) => a + b, 0)
  const by = Object.entries(probes)
    .map(([channel, n]) => `${channel} (${n})`)
    .join(', ')
  const states = Object.keys(STATES).length
  console.log(
    `Drafts: ${canaryNames.length} canaries in ${Object.values(holders).flat().length} drafts (${states} states × ${COLLECTIONS.length} collections, where a state exists); ${total} probes over ${by}; ${leaks.length} leaks`,
  )
  await t?.destroy()
  if (work) fs.rmSync(work, { recursive: true, force: true })
})

describe('draft canaries', () => {
  it('are saved: an editor reads every one back over REST, so the probes look for text that is there', async () => {
    const seen = new Set<string>()
    for (const c of COLLECTIONS) {
      for (const route of [`/${c}/versions?limit=0`, `/${c}?draft=true&limit=0`])
        for (const name of canariesIn((await rest(route, tokens.editor)).body)) seen.add(name)
    }
    expect(canaryNames.filter((name) => !seen.has(name))).toEqual([])
    expect(Object.values(holders).flat().length).toBe(
      Object.values(STATES).reduce((n, s) => n + s.collections.length, 0),
    )
  })

  it('are found by the same queries for a logged-in editor, so the queries the public sends are ones that work', async () => {
    const missed: string[] = []
    for (const c of COLLECTIONS) {
      const route = `/${c}?draft=true&where[${TEXT_PATHS[c][0]}][like]=kanari${RUN}`
      if (found((await rest(route, tokens.editor)).body) === 0) missed.push(`REST ${route}`)
      const { many, where } = GRAPHQL[c]
      const query = `{ ${many}(draft: true, where: { ${where}: { like: "kanari${RUN}" } }) { totalDocs docs { id } } }`
      const answer = JSON.parse(await graphql(query, tokens.editor)) as {
        data?: Record<string, { totalDocs?: number }>
      }
      if (!answer.data?.[many]?.totalDocs) missed.push(`GraphQL ${query}: ${JSON.stringify(answer).slice(0, 300)}`)
    }
    expect(missed).toEqual([])
  })

  it('leave the published site whole: the published chapters are built, and the withdrawn one says so', () => {
    expect(fs.existsSync(path.join(site, 'arsrapport-2023', 'publisert', 'index.html'))).toBe(true)
    expect(fs.readFileSync(path.join(site, 'arsrapport-2023', 'chapters-withdrawn', 'index.html'), 'utf8')).toContain(
      'trukket tilbake',
    )
  })

  it.each(CHANNELS)(
    'never reach the public through %s',
    async (_name, probe) => {
      const before = leaks.length
      await probe()
      expect(leaks.slice(before).map((l) => `${l.channel} ${l.probe}: ${l.canaries.join('; ')}`)).toEqual([])
    },
    180_000,
  )

  it('leave nothing behind from a refused preview', () => {
    const previews = path.join(t.dataDir, 'previews')
    expect(fs.existsSync(previews) ? fs.readdirSync(previews) : []).toEqual([])
  })
})
