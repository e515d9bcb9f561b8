import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CONTENT_COLLECTIONS, draftChange, makeDoc, purge, sampleData, showsDraft, type ContentCollection } from '../support/fixtures'
import { PASSWORD, publishedEdition, startTestPayload, type TestPayload, type TestUser } from '../support/payload'

type Role = 'anonymous' | 'editor' | 'publisher' | 'admin'
type Operation = 'create' | 'read' | 'readDraft' | 'readVersions' | 'update' | 'publish' | 'unpublish' | 'delete' | 'deletePublished'

const ROLES: Role[] = ['anonymous', 'editor', 'publisher', 'admin']

/** Who may do what with report content. History is kept: nobody deletes what was published. */
const ALLOWED: Record<Operation, Role[]> = {
  create: ['editor', 'publisher', 'admin'],
  read: ['anonymous', 'editor', 'publisher', 'admin'],
  readDraft: ['editor', 'publisher', 'admin'],
  readVersions: ['editor', 'publisher', 'admin'],
  update: ['editor', 'publisher', 'admin'],
  publish: ['publisher', 'admin'],
  unpublish: ['publisher', 'admin'],
  delete: ['publisher', 'admin'],
  deletePublished: [],
}

let t: TestPayload
let editionId: number | string
const tokens: Partial<Record<Role, string>> = {}

beforeAll(async () => {
  t = await startTestPayload()
  editionId = (await publishedEdition(t.payload)).id
  for (const role of ['editor', 'publisher', 'admin'] as const) {
    const { token } = await t.payload.login({ collection: 'users', data: { email: `${role}@example.no`, password: PASSWORD } })
    tokens[role] = token
  }
})
afterAll(async () => t?.destroy())

const userOf = (role: Role): TestUser | undefined => (role === 'anonymous' ? undefined : t.users[role])

const fixtureState: Record<Operation, 'draft' | 'published' | 'publishedWithDraft' | null> = {
  create: null,
  read: 'published',
  readDraft: 'publishedWithDraft',
  readVersions: 'published',
  update: 'published',
  publish: 'draft',
  unpublish: 'published',
  delete: 'draft',
  deletePublished: 'published',
}

const mainStatus = async (collection: ContentCollection, id: number | string) =>
  ((await t.payload.findByID({ collection, id, depth: 0 })) as { _status?: string })._status

/** Runs an operation over the Local API as a user; true when it was allowed and took effect. */
const viaLocalApi = async (collection: ContentCollection, op: Operation, role: Role, id?: number | string): Promise<boolean> => {
  const { payload } = t
  const as = { user: userOf(role), overrideAccess: false as const }
  try {
    switch (op) {
      case 'create': {
        const doc = await payload.create({ collection, data: sampleData(collection, 2, editionId) as never, draft: true, ...as })
        await purge(payload, collection, doc.id)
        return true
      }
      case 'read':
        return (await payload.find({ collection, where: { id: { equals: id } }, ...as })).totalDocs === 1
      case 'readDraft':
        return showsDraft((await payload.findByID({ collection, id: id!, draft: true, ...as })) as never)
      case 'readVersions':
        return (await payload.findVersions({ collection, where: { parent: { equals: id } }, ...as })).docs.length > 0
      case 'update':
        await payload.update({ collection, id: id!, data: draftChange(collection, editionId) as never, draft: true, ...as })
        return true
      case 'publish':
        await payload.update({ collection, id: id!, data: { _status: 'published' } as never, ...as })
        return (await mainStatus(collection, id!)) === 'published'
      case 'unpublish':
        await payload.update({ collection, id: id!, data: { _status: 'draft' } as never, ...as })
        return (await mainStatus(collection, id!)) === 'draft'
      case 'delete':
      case 'deletePublished':
        await payload.delete({ collection, id: id!, ...as })
        return (await payload.find({ collection, where: { id: { equals: id } }, draft: true })).totalDocs === 0
    }
  } catch {
    return false
  }
}

const rest = async (role: Role, method: string, path: string, body?: unknown) => {
  const headers = new Headers({ 'content-type': 'application/json' })
  if (role !== 'anonymous') headers.set('authorization', `JWT ${tokens[role]}`)
  const response = await handleEndpoints({
    config: t.config,
    request: new Request(`http://localhost/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
  })
  return { status: response.status, json: (await response.json().catch(() => null)) as Record<string, any> | null }
}

/** Runs the same operation over REST, as Payload's request handler serves it at /api. */
const viaRest = async (collection: ContentCollection, op: Operation, role: Role, id?: number | string): Promise<boolean> => {
  switch (op) {
    case 'create': {
      const r = await rest(role, 'POST', `/${collection}?draft=true`, sampleData(collection, 2, editionId))
      if (r.status !== 201) return false
      await purge(t.payload, collection, r.json!.doc.id)
      return true
    }
    case 'read':
      return (await rest(role, 'GET', `/${collection}/${id}`)).status === 200
    case 'readDraft': {
      const r = await rest(role, 'GET', `/${collection}/${id}?draft=true`)
      return r.status === 200 && showsDraft(r.json)
    }
    case 'readVersions': {
      const r = await rest(role, 'GET', `/${collection}/versions?where[parent][equals]=${id}`)
      return r.status === 200 && r.json!.docs.length > 0
    }
    case 'update':
      return (await rest(role, 'PATCH', `/${collection}/${id}?draft=true`, draftChange(collection, editionId))).status === 200
    case 'publish':
      return (await rest(role, 'PATCH', `/${collection}/${id}`, { _status: 'published' })).status === 200 && (await mainStatus(collection, id!)) === 'published'
    case 'unpublish':
      return (await rest(role, 'PATCH', `/${collection}/${id}`, { _status: 'draft' })).status === 200 && (await mainStatus(collection, id!)) === 'draft'
    case 'delete':
    case 'deletePublished':
      return (await rest(role, 'DELETE', `/${collection}/${id}`)).status === 200
  }
}

const cases = CONTENT_COLLECTIONS.flatMap((collection) =>
  (Object.keys(ALLOWED) as Operation[]).flatMap((op) => ROLES.map((role) => ({ collection, op, role, allowed: ALLOWED[op].includes(role) }))),
)

describe.each([
  ['the Local API', viaLocalApi],
  ['REST', viaRest],
] as const)('access over %s', (_api, perform) => {
  it.each(cases)('$collection: $role $op → allowed: $allowed', async ({ collection, op, role, allowed }) => {
    const state = fixtureState[op]
    const fixture = state ? await makeDoc(t.payload, collection, state, editionId) : undefined
    try {
      expect(await perform(collection, op, role, fixture?.id)).toBe(allowed)
    } finally {
      if (fixture) await purge(t.payload, collection, fixture.id)
    }
  })
})

describe('what the public sees', () => {
  it.each(CONTENT_COLLECTIONS)('%s: a document never published is absent from lists, by id and as a draft', async (collection) => {
    const doc = await makeDoc(t.payload, collection, 'draft', editionId)
    try {
      const list = await t.payload.find({ collection, overrideAccess: false, draft: true, where: { id: { equals: doc.id } } })
      expect(list.totalDocs).toBe(0)
      await expect(t.payload.findByID({ collection, id: doc.id, overrideAccess: false, draft: true })).rejects.toThrow()
      expect((await rest('anonymous', 'GET', `/${collection}/${doc.id}?draft=true`)).status).toBe(404)
    } finally {
      await purge(t.payload, collection, doc.id)
    }
  })

  it.each(CONTENT_COLLECTIONS)('%s: asking for the draft of a published document gives the published text', async (collection) => {
    const doc = await makeDoc(t.payload, collection, 'publishedWithDraft', editionId)
    try {
      const read = await t.payload.findByID({ collection, id: doc.id, overrideAccess: false, draft: true })
      expect(showsDraft(read as never)).toBe(false)
      const asEditor = await t.payload.findByID({ collection, id: doc.id, overrideAccess: false, user: t.users.editor, draft: true })
      expect(showsDraft(asEditor as never)).toBe(true)
    } finally {
      await purge(t.payload, collection, doc.id)
    }
  })
})

describe('users', () => {
  const other = () => t.users.admin.id
  it.each([
    ['anonymous', false],
    ['editor', false],
    ['publisher', false],
    ['admin', true],
  ] as const)('%s may create users and set roles: %s', async (role, allowed) => {
    const attempt = t.payload.create({
      collection: 'users',
      data: { email: `ny-${role}@example.no`, password: PASSWORD, role: 'publisher' },
      user: userOf(role),
      overrideAccess: false,
    })
    if (!allowed) return void (await expect(attempt).rejects.toThrow())
    const made = await attempt
    expect(made.role).toBe('publisher')
    await t.payload.delete({ collection: 'users', id: made.id })
  })

  it('anonymous callers are refused the user list', async () => {
    await expect(t.payload.find({ collection: 'users', overrideAccess: false })).rejects.toThrow(/tillatelse/)
  })

  it.each([
    ['editor', 1],
    ['publisher', 1],
    ['admin', 3],
  ] as const)('%s sees %i user accounts', async (role, count) => {
    const { totalDocs } = await t.payload.find({ collection: 'users', user: userOf(role), overrideAccess: false })
    expect(totalDocs).toBe(count)
  })

  it('an editor cannot change another account or their own role', async () => {
    await expect(
      t.payload.update({ collection: 'users', id: other(), data: { name: 'Kapret' }, user: t.users.editor, overrideAccess: false }),
    ).rejects.toThrow()
    const self = await t.payload.update({
      collection: 'users', id: t.users.editor.id, data: { role: 'admin', name: 'Redaktør Ny' }, user: t.users.editor, overrideAccess: false,
    })
    expect([self.role, self.name]).toEqual(['editor', 'Redaktør Ny'])
  })

  it('an admin changes roles and deletes accounts; nobody else deletes', async () => {
    const temp = await t.payload.create({ collection: 'users', data: { email: 'midlertidig@example.no', password: PASSWORD, role: 'editor' } })
    await expect(t.payload.delete({ collection: 'users', id: temp.id, user: t.users.publisher, overrideAccess: false })).rejects.toThrow()
    const promoted = await t.payload.update({ collection: 'users', id: temp.id, data: { role: 'publisher' }, user: t.users.admin, overrideAccess: false })
    expect(promoted.role).toBe('publisher')
    await t.payload.delete({ collection: 'users', id: temp.id, user: t.users.admin, overrideAccess: false })
    expect((await t.payload.find({ collection: 'users', where: { id: { equals: temp.id } } })).totalDocs).toBe(0)
  })

  it('login locks after five failed attempts, even with the right password', async () => {
    await t.payload.create({ collection: 'users', data: { email: 'laas@example.no', password: PASSWORD, role: 'editor' } })
    for (let i = 0; i < 5; i++) {
      await expect(t.payload.login({ collection: 'users', data: { email: 'laas@example.no', password: 'feil-passord' } })).rejects.toThrow()
    }
    await expect(t.payload.login({ collection: 'users', data: { email: 'laas@example.no', password: PASSWORD } })).rejects.toThrow(/låst|locked/i)
  })
})
