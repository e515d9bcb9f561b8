/**
 * The access matrix: every role × every operation × every API — REST and GraphQL as the server
 * serves them (Payload's own handlers, in-process, with the login's JWT), and the Local API with
 * `overrideAccess: false` — tried one by one and compared with what the README's "Roles" section
 * says each role may do. The expected cells are read from the README itself (its roles table,
 * the sentences under it and, for retrying a site build, the table of site-build requests), so
 * the documentation and the behaviour cannot drift apart unnoticed.
 *
 * An operation counts as allowed when it took effect: a document made, changed, published,
 * withdrawn or gone, a version restored, a job queued, the site builder asked, an account made,
 * changed, removed, read or unlocked, an event of the audit trail read, added, changed or removed.
 * An answer that refuses, or one that changed nothing, is a
 * refusal. An answer the test did not foresee (a server error, a malformed query) fails the test
 * instead of counting as either.
 */
import fs from 'node:fs'

import { GRAPHQL_POST } from '@payloadcms/next/routes'
import { createLocalReq, type PayloadRequest, type Where } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { setSiteBuilder } from '../../cms/src/publishing/builderRegistry'
import {
  CONTENT_COLLECTIONS,
  draftChange,
  makeDoc,
  purge,
  sampleData,
  showsDraft,
  type ContentCollection,
} from '../support/fixtures'
import type { User } from '../../cms/src/payload-types'
import { graphqlRequest, PASSWORD, restRequest, type TestPayload, type TestUser } from '../support/payload'
import { startWithStaff, type Role } from '../support/cmsStaff'
import { BUILDS_STATUS, rolledBackTo } from '../support/cmsSiteBuilderStub'

type Api = 'REST' | 'GraphQL' | 'Local API'

/** In this order: a refusal leaves a document as it was, so the next role can try it as well. */
const ROLES: Role[] = ['anonymous', 'editor', 'publisher', 'admin']
const APIS: Api[] = ['REST', 'GraphQL', 'Local API']

// ---------------------------------------------------------------------------------------------
// What the README says

const README = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

/** The README's section under `## heading`, up to the next such heading. */
const sectionOf = (heading: string): string => {
  const start = README.indexOf(`\n## ${heading}\n`)
  if (start < 0) throw new Error(`The README has no "## ${heading}" section.`)
  const end = README.indexOf('\n## ', start + 1)
  return README.slice(start, end < 0 ? undefined : end)
}

/** The first markdown table in a text, as rows of cells without the separator row. */
const firstTable = (text: string): { header: string[]; rows: string[][] } => {
  const lines = text.split('\n')
  const first = lines.findIndex((line) => line.startsWith('|'))
  if (first < 0) throw new Error('No table where the README should have one.')
  const table: string[][] = []
  for (let i = first; i < lines.length && lines[i].startsWith('|'); i++) {
    table.push(
      lines[i]
        .trim()
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    )
  }
  const [header, , ...rows] = table
  return { header, rows }
}

/** The README's names for roles, in English and Norwegian. */
const ROLE_NAMES: Array<[RegExp, Role]> = [
  [/^not logged in$/, 'anonymous'],
  [/^redaktør\b|\(editor\)/, 'editor'],
  [/^publisist\b|\(publisher\)/, 'publisher'],
  [/^administrator$/, 'admin'],
]
const roleNamed = (name: string): Role => {
  const found = ROLE_NAMES.find(([pattern]) => pattern.test(name.trim()))
  if (!found) throw new Error(`The README names a role this test does not know: "${name}".`)
  return found[1]
}

const rolesSection = sectionOf('Roles')

/** The roles table: for each column, the roles with a ✓ in it. */
const ROLES_TABLE: Map<string, Set<Role>> = (() => {
  const { header, rows } = firstTable(rolesSection)
  const columns = new Map(header.slice(1).map((column) => [column, new Set<Role>()]))
  for (const [name, ...cells] of rows) {
    const role = roleNamed(name)
    cells.forEach((cell, i) => cell === '✓' && columns.get(header[i + 1])!.add(role))
  }
  return columns
})()

/** The table of site-build requests: who may send each request. */
const SITE_BUILD_REQUESTS: Map<string, Set<Role>> = (() => {
  const section = sectionOf('Site builds and rollback')
  const { rows } = firstTable(section.slice(section.indexOf('**Over HTTP**')))
  return new Map(rows.map(([request, who]) => [request.replace(/`/g, ''), new Set(who.split(',').map(roleNamed))]))
})()

/** The prose under the roles table, on one line. */
const rolesProse = rolesSection.slice(rolesSection.lastIndexOf('|') + 1).replace(/\s+/g, ' ')

/** Where the README says who may do something. */
type Source = { column?: string; request?: string; sentence?: string; nobody?: true }

/** The roles the README allows an operation, or an error naming what the README no longer says. */
const rolesFrom = (source: Source): Set<Role> => {
  if (source.sentence && !rolesProse.includes(source.sentence)) {
    throw new Error(`The README's roles section no longer says «${source.sentence}».`)
  }
  if (source.nobody) return new Set()
  if (source.column) {
    const roles = ROLES_TABLE.get(source.column)
    if (!roles)
      throw new Error(
        `The README's roles table has no column "${source.column}" (it has: ${[...ROLES_TABLE.keys()].join(' / ')}).`,
      )
    return roles
  }
  const roles = SITE_BUILD_REQUESTS.get(source.request!)
  if (!roles) throw new Error(`The README's table of site-build requests has no row "${source.request}".`)
  return roles
}

const PUBLISHING = 'publish, unpublish, restore'
const USERS = 'users and roles'

// ---------------------------------------------------------------------------------------------
// The running system

let t: TestPayload
let editionId: number
const tokens: Partial<Record<Role, string>> = {}
let graphqlPost: (request: Request) => Promise<Response>

/** What the site builder (a stand-in here: no site is built) was asked to do. */
const builder = { retried: 0, rolledBack: [] as string[] }
/** Documents every read-only operation shares, one per collection: published, with a draft on top. */
const shared = {} as Record<ContentCollection, { id: number | string }>

/** Accounts the user operations act on. */
const ACCOUNTS = { target: 'maal@example.no', locked: 'laast@example.no', doomed: 'slettes@example.no' }

beforeAll(async () => {
  ;({ t, editionId } = await startWithStaff(tokens))
  graphqlPost = GRAPHQL_POST(Promise.resolve(t.config))
  // Payload logs refused GraphQL operations and failed logins as errors, with their stacks:
  // leave those (4xx) out of the output, and log everything else as before.
  const logError = t.payload.logger.error.bind(t.payload.logger)
  t.payload.logger.error = ((entry: unknown, ...more: unknown[]) => {
    const err = (entry as { err?: { status?: number; originalError?: { status?: number } } } | null)?.err
    const status = err?.originalError?.status ?? err?.status
    if (typeof status === 'number' && status < 500) return
    return logError(entry as never, ...(more as []))
  }) as typeof t.payload.logger.error
  setSiteBuilder({
    request: () => undefined,
    status: () => BUILDS_STATUS,
    retryNow: () => {
      builder.retried++
      return true
    },
    rollback: (id) => {
      builder.rolledBack.push(id)
      return rolledBackTo(id)
    },
  })
})
afterAll(async () => {
  setSiteBuilder(undefined)
  await t?.destroy()
})

const userOf = (role: Role): TestUser | undefined => (role === 'anonymous' ? undefined : t.users[role])
const as = (role: Role) => ({ user: userOf(role), overrideAccess: false as const })

/** An error the test foresaw: Payload's refusals, not-found and validation answers (4xx). */
const refused = (error: unknown): false => {
  const status = (error as { status?: number }).status
  if (typeof status === 'number' && status >= 400 && status < 500) return false
  throw error
}

/** Runs a Local API call; false when Payload refused it. */
const attempt = async <T>(call: () => Promise<T>): Promise<T | false> => {
  try {
    return await call()
  } catch (error) {
    return refused(error)
  }
}

/** A REST request as this role; a server error fails the test. */
const rest = async (role: Role, method: string, path: string, body?: unknown) => {
  const answer = await restRequest(t.config, method, path, body, tokens[role])
  if (answer.status >= 500)
    throw new Error(`${method} /api${path} answered ${answer.status}: ${JSON.stringify(answer.json)}`)
  return answer
}

/** Whether a GET of `path` as `role` is answered 200 with what `shows` looks for in the answer. */
const restShows = async (role: Role, path: string, shows: (json: Record<string, any>) => boolean) => {
  const r = await rest(role, 'GET', path)
  return r.status === 200 && shows(r.json!)
}

/**
 * A GraphQL request as POST /api/graphql answers it (the handler the admin app's route serves).
 * The data, or null when the operation was refused; a query GraphQL itself rejects, or a server
 * error, fails the test.
 */
const gql = async (
  role: Role,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Record<string, any> | null> => {
  const json = await graphqlRequest(graphqlPost, query, variables, role === 'anonymous' ? undefined : tokens[role])
  if (json.status !== 200)
    throw new Error(`GraphQL answered ${json.status} to ${query}: ${JSON.stringify(json.errors)}`)
  if (json.errors?.length) {
    const unforeseen = json.errors.find(
      (e) => !(typeof e.extensions?.statusCode === 'number' && e.extensions.statusCode < 500),
    )
    if (unforeseen) throw new Error(`GraphQL failed on ${query}: ${unforeseen.message}`)
    return null
  }
  return json.data ?? null
}

const gqlNames = (collection: ContentCollection) => {
  const { singularName, pluralName } = t.payload.collections[collection].config.graphQL as {
    singularName: string
    pluralName: string
  }
  return { one: singularName, many: pluralName }
}
/** The GraphQL selection that shows a draft change (see `draftChange`). */
const shownFields = (collection: ContentCollection) => (collection === 'goal-areas' ? 'editions { title }' : 'title')
const literal = (id: number | string) => JSON.stringify(id)

/** Goal areas (1–3) and measures (1–17) have numbers used once: each kind of document gets its own. */
const NUMBERED: readonly ContentCollection[] = ['goal-areas', 'measures']
const SLOT = { fixture: 1, created: 2, shared: 3 } as const
const numbered = (collection: ContentCollection, slot: number) =>
  NUMBERED.includes(collection) ? { number: slot } : {}
// GraphQL's input type requires a chapter's kind, which the other APIs default.
const newDocData = (collection: ContentCollection) => ({
  ...sampleData(collection, 2, editionId),
  ...numbered(collection, SLOT.created),
  ...(collection === 'chapters' ? { kind: 'chapter' } : {}),
})

/** A draft change that names who made it. */
const changeBy = (collection: ContentCollection, role: Role): Record<string, unknown> => {
  const change = draftChange(collection, editionId)
  const marker = `UTKAST fra ${role}`
  return collection === 'goal-areas'
    ? { editions: [{ edition: editionId, title: marker, effectGoals: [] }] }
    : { ...change, title: marker }
}

const stored = async (collection: ContentCollection, id: number | string, draft = false) =>
  (await t.payload.find({ collection, where: { id: { equals: id } }, draft, depth: 0, overrideAccess: true }))
    .docs[0] as Record<string, any> | undefined
const mainStatus = async (collection: ContentCollection, id: number | string) =>
  (await stored(collection, id))?._status as string | undefined
const versionCount = async (collection: ContentCollection, id: number | string, status?: 'published' | 'draft') =>
  (
    await t.payload.countVersions({
      collection,
      where: status
        ? { and: [{ parent: { equals: id } }, { 'version._status': { equals: status } }] }
        : { parent: { equals: id } },
      overrideAccess: true,
    })
  ).totalDocs
/** The document's first published version: what "restore" brings back. */
const firstPublishedVersion = async (collection: ContentCollection, id: number | string) =>
  (
    await t.payload.findVersions({
      collection,
      where: { and: [{ parent: { equals: id } }, { 'version._status': { equals: 'published' } }] },
      sort: 'createdAt',
      limit: 1,
      overrideAccess: true,
    })
  ).docs[0].id

// ---------------------------------------------------------------------------------------------
// The operations

type Attempt = { role: Role; collection: ContentCollection; id: number | string }
type Perform = (a: Attempt) => Promise<boolean>

type Operation = {
  name: string
  /** What is attempted, as it reads in a test name. */
  does: string
  source: Source
  /** Content operations run on each content collection; the others once. */
  collections?: readonly ContentCollection[]
  /**
   * The document a content operation acts on, made past every rule; 'shared' for reads;
   * 'twoRevisions' is published twice with a draft on top, so that there is an older version
   * to go back to.
   */
  fixture?: 'draft' | 'published' | 'twoRevisions' | 'shared'
  /** Whether doing it uses the document up, so that the next role needs a new one. */
  consumes?: boolean
  /** How each API does it; an API left out has no such operation (checked below where it matters). */
  by: Partial<Record<Api, Perform>>
}

/** Saves a change as a draft, then checks that the draft holds it and the published text does not. */
const draftSaved = async ({ role, collection, id }: Attempt, save: () => Promise<boolean>) =>
  (await save()) &&
  JSON.stringify(await stored(collection, id, true)).includes(`UTKAST fra ${role}`) &&
  !showsDraft(await stored(collection, id))

const statusBecomes = async (
  collection: ContentCollection,
  id: number | string,
  status: string,
  change: () => Promise<boolean>,
) => (await change()) && (await mainStatus(collection, id)) === status

/** How each API sets a document's status (publishes or unpublishes it), checked on the stored document. */
const settingStatus = (status: 'published' | 'draft'): Operation['by'] => ({
  REST: ({ role, collection, id }) =>
    statusBecomes(
      collection,
      id,
      status,
      async () => (await rest(role, 'PATCH', `/${collection}/${id}`, { _status: status })).status === 200,
    ),
  GraphQL: ({ role, collection, id }) => {
    const { one } = gqlNames(collection)
    return statusBecomes(collection, id, status, async () =>
      Boolean(
        (
          await gql(
            role,
            `mutation($data: mutation${one}UpdateInput!) { update${one}(id: ${literal(id)}, data: $data) { id } }`,
            { data: { _status: status } },
          )
        )?.[`update${one}`],
      ),
    )
  },
  'Local API': ({ role, collection, id }) =>
    statusBecomes(
      collection,
      id,
      status,
      async () =>
        (await attempt(() => t.payload.update({ collection, id, data: { _status: status } as never, ...as(role) }))) !==
        false,
    ),
})

const gone = async (collection: ContentCollection, id: number | string, remove: () => Promise<unknown>) => {
  await remove()
  return (await stored(collection, id, true)) === undefined
}

/** A copy made over the Local API, as a draft or published. */
const copiedLocally =
  (state: 'draft' | 'published'): Perform =>
  ({ role, collection, id }) =>
    copied(collection, state, (data) =>
      attempt(() =>
        t.payload.duplicate({ collection, id, data: data as never, draft: state === 'draft', ...as(role) }),
      ),
    )

/** How each API deletes a document, checked on the stored document. */
const deleting: Operation['by'] = {
  REST: ({ role, collection, id }) => gone(collection, id, () => rest(role, 'DELETE', `/${collection}/${id}`)),
  GraphQL: ({ role, collection, id }) =>
    gone(collection, id, () => gql(role, `mutation { delete${gqlNames(collection).one}(id: ${literal(id)}) { id } }`)),
  'Local API': ({ role, collection, id }) =>
    gone(collection, id, () => attempt(() => t.payload.delete({ collection, id, ...as(role) }))),
}

/** Restores the first published version; allowed when a published version was added. */
const restored = async ({ collection, id }: Attempt, restore: (versionId: number | string) => Promise<unknown>) => {
  const before = await versionCount(collection, id, 'published')
  await restore(await firstPublishedVersion(collection, id))
  return (await versionCount(collection, id, 'published')) === before + 1
}

/** Restores the first published version as a draft; allowed when a draft was added and nothing published changed. */
const restoredAsDraft = async (
  { collection, id }: Attempt,
  restore: (versionId: number | string) => Promise<unknown>,
) => {
  const [all, published] = [await versionCount(collection, id), await versionCount(collection, id, 'published')]
  await restore(await firstPublishedVersion(collection, id))
  return (
    (await versionCount(collection, id)) === all + 1 &&
    (await versionCount(collection, id, 'published')) === published &&
    (await mainStatus(collection, id)) === 'published'
  )
}

/** A copy's own fields: what must differ from the original, and a title to find it by. */
const SLUGGED: readonly ContentCollection[] = ['editions', 'chapters', 'news']
const COPY_TITLE = 'KOPI'
const copyData = (collection: ContentCollection) => ({
  ...newDocData(collection),
  ...(SLUGGED.includes(collection) ? { slug: `kopi-${Math.random().toString(36).slice(2, 8)}` } : {}),
  ...(collection === 'goal-areas' ? {} : { title: COPY_TITLE }),
})
/**
 * Copies a published document; allowed when a copy exists afterwards in the given state
 * (a draft the public cannot read, or published), whatever the answer said. The copy is removed.
 */
const copied = async (
  collection: ContentCollection,
  state: 'draft' | 'published',
  copy: (data: Record<string, unknown>) => Promise<unknown>,
) => {
  await copy(copyData(collection))
  const where: Where = NUMBERED.includes(collection)
    ? { number: { equals: SLOT.created } }
    : { title: { equals: COPY_TITLE } }
  const [made] = (await t.payload.find({ collection, where, depth: 0, overrideAccess: true })).docs as Array<{
    id: number | string
    _status?: string
  }>
  if (!made) return false
  const seenByPublic =
    (await t.payload.find({ collection, where: { id: { equals: made.id } }, overrideAccess: false })).totalDocs > 0
  await purge(t.payload, collection, made.id)
  return made._status === state && seenByPublic === (state === 'published')
}

const WITHDRAWAL = {
  _status: 'published',
  updateType: 'withdrawal',
  changeNote: 'Trukket tilbake fordi tallene er erstattet.',
}
const withdrawn = async (id: number | string) => (await stored('chapters', id))?.updateType === 'withdrawal'

const jobsFor = async (collection: ContentCollection, id: number | string) =>
  (
    await t.payload.find({
      collection: 'payload-jobs',
      where: {
        and: [{ 'input.doc.value': { equals: String(id) } }, { 'input.doc.relationTo': { equals: collection } }],
      },
      overrideAccess: true,
      depth: 0,
    })
  ).docs
const localReq = async (role: Role) => (await createLocalReq({ user: userOf(role) }, t.payload)) as PayloadRequest

const accountId = async (email: string) =>
  (await t.payload.find({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true, depth: 0 }))
    .docs[0]?.id as number | undefined
/** An account, made when it is missing, with the given role. */
const account = async (email: string, role: User['role'] = 'editor') => {
  const id = await accountId(email)
  if (id === undefined)
    return (
      await t.payload.create({ collection: 'users', data: { email, password: PASSWORD, role }, overrideAccess: true })
    ).id
  await t.payload.update({ collection: 'users', id, data: { role }, overrideAccess: true })
  return id
}
/** Locks an account as five wrong passwords would. */
const lockAccount = async (email: string) => {
  const id = await account(email)
  await t.payload.db.updateOne({
    collection: 'users',
    id,
    data: { loginAttempts: 5, lockUntil: new Date(Date.now() + 15 * 60_000).toISOString() },
  } as never)
}
const isLocked = async (email: string) => {
  const row = (await t.payload.db.findOne({ collection: 'users', where: { email: { equals: email } } } as never)) as {
    lockUntil?: string | null
    loginAttempts?: number
  }
  return Boolean(row.lockUntil && Date.parse(row.lockUntil) > Date.now()) || (row.loginAttempts ?? 0) > 0
}
const roleOfAccount = async (email: string) =>
  (
    (await t.payload.find({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true, depth: 0 }))
      .docs[0] as { role?: string } | undefined
  )?.role

let newAccounts = 0
/** Makes an account as a role; allowed when the account exists afterwards (it is removed again). */
const accountMade = async (make: (data: Record<string, unknown>) => Promise<unknown>) => {
  const data = { email: `ny-${++newAccounts}@example.no`, password: PASSWORD, role: 'publisher' }
  await make(data)
  const id = await accountId(data.email)
  if (id === undefined) return false
  await t.payload.delete({ collection: 'users', id, overrideAccess: true })
  return true
}

/** The oldest event of the audit trail (the first account's role): what the write attempts aim at. */
const anAuditEvent = async () =>
  (await t.payload.find({ collection: 'audit-events', sort: 'at', limit: 1, depth: 0, overrideAccess: true }))
    .docs[0] as { id: number | string; title?: string | null }
const auditEventCount = async () =>
  (await t.payload.count({ collection: 'audit-events', overrideAccess: true })).totalDocs
const AUDIT_NOBODY =
  'No one can create, change or delete an event of the audit trail over any API, not even an administrator'
const FORGED_EVENT = {
  action: 'publish',
  at: '2026-01-01T12:00:00.000Z',
  title: 'Forfalsket hendelse',
  userEmail: 'noen@example.no',
}
/** Tries to change an event's title; allowed when it changed. */
const auditEventChanged = async (change: (id: number | string) => Promise<unknown>) => {
  const event = await anAuditEvent()
  await change(event.id)
  return (await anAuditEvent()).title === 'Endret'
}
/** Tries to delete an event; allowed when it is gone. */
const auditEventGone = async (remove: (id: number | string) => Promise<unknown>) => {
  const event = await anAuditEvent()
  await remove(event.id)
  return (
    (await t.payload.find({ collection: 'audit-events', where: { id: { equals: event.id } }, overrideAccess: true }))
      .totalDocs === 0
  )
}
/** Tries to add an event; allowed when the trail has one more. */
const auditEventAdded = async (add: () => Promise<unknown>) => {
  const before = await auditEventCount()
  await add()
  return (await auditEventCount()) > before
}

/** Where the README says drafts and version history stay out of public sight. */
const DRAFTS_ARE_PRIVATE = {
  column: 'write drafts',
  sentence: 'The public never sees drafts or version history, over REST, GraphQL or the Local API.',
}

const OPERATIONS: Operation[] = [
  {
    name: 'create',
    does: 'create a draft',
    source: { column: 'write drafts' },
    collections: CONTENT_COLLECTIONS,
    by: {
      REST: async ({ role, collection }) => {
        const r = await rest(role, 'POST', `/${collection}?draft=true`, newDocData(collection))
        if (r.status !== 201) return false
        await purge(t.payload, collection, r.json!.doc.id)
        return true
      },
      GraphQL: async ({ role, collection }) => {
        const { one } = gqlNames(collection)
        const data = await gql(
          role,
          `mutation($data: mutation${one}Input!) { create${one}(data: $data, draft: true) { id } }`,
          { data: newDocData(collection) },
        )
        const id = data?.[`create${one}`]?.id
        if (id === undefined) return false
        await purge(t.payload, collection, id)
        return true
      },
      'Local API': async ({ role, collection }) => {
        const doc = await attempt(() =>
          t.payload.create({ collection, data: newDocData(collection) as never, draft: true, ...as(role) }),
        )
        if (!doc) return false
        await purge(t.payload, collection, doc.id)
        return true
      },
    },
  },
  {
    name: 'read',
    does: 'read a published document',
    source: { column: 'read published' },
    collections: CONTENT_COLLECTIONS,
    fixture: 'shared',
    by: {
      REST: async ({ role, collection, id }) => (await rest(role, 'GET', `/${collection}/${id}`)).status === 200,
      GraphQL: async ({ role, collection, id }) => {
        const { one } = gqlNames(collection)
        return (await gql(role, `{ ${one}(id: ${literal(id)}) { id } }`))?.[one]?.id === id
      },
      'Local API': async ({ role, collection, id }) =>
        (await t.payload.find({ collection, where: { id: { equals: id } }, ...as(role) })).totalDocs === 1,
    },
  },
  {
    name: 'readDraft',
    does: 'read the draft of a published document',
    source: DRAFTS_ARE_PRIVATE,
    collections: CONTENT_COLLECTIONS,
    fixture: 'shared',
    by: {
      REST: ({ role, collection, id }) => restShows(role, `/${collection}/${id}?draft=true`, showsDraft),
      GraphQL: async ({ role, collection, id }) => {
        const { one } = gqlNames(collection)
        return showsDraft(
          (await gql(role, `{ ${one}(id: ${literal(id)}, draft: true) { ${shownFields(collection)} } }`))?.[one],
        )
      },
      'Local API': async ({ role, collection, id }) => {
        const doc = await attempt(() => t.payload.findByID({ collection, id, draft: true, ...as(role) }))
        return doc !== false && showsDraft(doc as never)
      },
    },
  },
  {
    name: 'readVersions',
    does: 'read the version history',
    source: DRAFTS_ARE_PRIVATE,
    collections: CONTENT_COLLECTIONS,
    fixture: 'shared',
    by: {
      REST: ({ role, collection, id }) =>
        restShows(role, `/${collection}/versions?where[parent][equals]=${id}`, (json) => json.docs.length > 0),
      GraphQL: async ({ role, collection, id }) => {
        const { many } = gqlNames(collection)
        return (
          ((await gql(role, `{ versions${many}(where: { parent: { equals: ${literal(id)} } }) { docs { id } } }`))?.[
            `versions${many}`
          ]?.docs.length ?? 0) > 0
        )
      },
      'Local API': async ({ role, collection, id }) => {
        const found = await attempt(() =>
          t.payload.findVersions({ collection, where: { parent: { equals: id } }, ...as(role) }),
        )
        return found !== false && found.docs.length > 0
      },
    },
  },
  {
    name: 'update',
    does: 'save a draft over a published document',
    source: { column: 'write drafts' },
    collections: CONTENT_COLLECTIONS,
    fixture: 'published',
    by: {
      REST: (a) =>
        draftSaved(
          a,
          async () =>
            (await rest(a.role, 'PATCH', `/${a.collection}/${a.id}?draft=true`, changeBy(a.collection, a.role)))
              .status === 200,
        ),
      GraphQL: (a) => {
        const { one } = gqlNames(a.collection)
        return draftSaved(a, async () =>
          Boolean(
            (
              await gql(
                a.role,
                `mutation($data: mutation${one}UpdateInput!) { update${one}(id: ${literal(a.id)}, data: $data, draft: true) { id } }`,
                { data: changeBy(a.collection, a.role) },
              )
            )?.[`update${one}`],
          ),
        )
      },
      'Local API': (a) =>
        draftSaved(
          a,
          async () =>
            (await attempt(() =>
              t.payload.update({
                collection: a.collection,
                id: a.id,
                data: changeBy(a.collection, a.role) as never,
                draft: true,
                ...as(a.role),
              }),
            )) !== false,
        ),
    },
  },
  {
    name: 'publish',
    does: 'publish a draft',
    source: { column: PUBLISHING },
    collections: CONTENT_COLLECTIONS,
    fixture: 'draft',
    consumes: true,
    by: settingStatus('published'),
  },
  {
    name: 'unpublish',
    does: 'unpublish a published document',
    source: { column: PUBLISHING },
    collections: CONTENT_COLLECTIONS,
    fixture: 'published',
    consumes: true,
    by: settingStatus('draft'),
  },
  {
    name: 'withdraw',
    does: 'withdraw a published chapter',
    source: { column: PUBLISHING, sentence: 'withdrawing a chapter' },
    collections: ['chapters'],
    fixture: 'published',
    consumes: true,
    by: {
      REST: async ({ role, id }) =>
        (await rest(role, 'PATCH', `/chapters/${id}`, WITHDRAWAL)).status === 200 && (await withdrawn(id)),
      GraphQL: async ({ role, id }) =>
        Boolean(
          (
            await gql(
              role,
              `mutation($data: mutationChapterUpdateInput!) { updateChapter(id: ${literal(id)}, data: $data) { id } }`,
              { data: WITHDRAWAL },
            )
          )?.updateChapter,
        ) && (await withdrawn(id)),
      'Local API': async ({ role, id }) =>
        (await attempt(() =>
          t.payload.update({ collection: 'chapters', id, data: WITHDRAWAL as never, ...as(role) }),
        )) !== false && (await withdrawn(id)),
    },
  },
  {
    name: 'schedule',
    // The admin schedules through its own server function, which queues the same job (see
    // tests/cms/schedulePublish.test.ts); REST and GraphQL have no way to queue one, to anyone
    // (checked below).
    does: 'schedule a publish',
    source: { column: PUBLISHING, sentence: 'Publishing includes scheduling a publish or an unpublish' },
    collections: CONTENT_COLLECTIONS,
    fixture: 'shared',
    by: {
      'Local API': async ({ role, collection, id }) => {
        const queued = await attempt(async () =>
          t.payload.jobs.queue({
            task: 'schedulePublish',
            input: { type: 'publish', doc: { relationTo: collection, value: String(id) } },
            waitUntil: new Date(Date.now() + 3_600_000),
            overrideAccess: false,
            req: await localReq(role),
          } as never),
        )
        const jobs = await jobsFor(collection, id)
        for (const job of jobs)
          await t.payload.db.deleteOne({ collection: 'payload-jobs', where: { id: { equals: job.id } } } as never)
        return queued !== false && jobs.length === 1
      },
    },
  },
  {
    name: 'runScheduled',
    does: 'run the scheduled publishes that are due',
    source: { column: PUBLISHING, sentence: 'Publishing includes scheduling a publish or an unpublish' },
    by: {
      REST: async ({ role }) => (await rest(role, 'GET', '/payload-jobs/run')).status === 200,
      'Local API': async ({ role }) =>
        (await attempt(async () => t.payload.jobs.run({ overrideAccess: false, req: await localReq(role) }))) !== false,
    },
  },
  {
    name: 'restore',
    does: 'restore an old version, publishing it',
    source: { column: PUBLISHING },
    collections: CONTENT_COLLECTIONS,
    fixture: 'twoRevisions',
    // A chapter restored twice from one version would repeat the change note.
    consumes: true,
    by: {
      REST: (a) => restored(a, (version) => rest(a.role, 'POST', `/${a.collection}/versions/${version}`)),
      GraphQL: (a) =>
        restored(a, (version) =>
          gql(a.role, `mutation { restoreVersion${gqlNames(a.collection).one}(id: ${literal(version)}) { id } }`),
        ),
      'Local API': (a) =>
        restored(a, (version) =>
          attempt(() => t.payload.restoreVersion({ collection: a.collection, id: version as never, ...as(a.role) })),
        ),
    },
  },
  {
    name: 'restoreAsDraft',
    does: 'restore an old version as a draft',
    source: {
      column: 'write drafts',
      sentence: 'restoring an old version or copying a document as a draft is writing a draft',
    },
    collections: CONTENT_COLLECTIONS,
    fixture: 'twoRevisions',
    // The Local API's restoreVersion has no `draft` option: it always publishes.
    by: {
      REST: (a) =>
        restoredAsDraft(a, (version) => rest(a.role, 'POST', `/${a.collection}/versions/${version}?draft=true`)),
      GraphQL: (a) =>
        restoredAsDraft(a, (version) =>
          gql(
            a.role,
            `mutation { restoreVersion${gqlNames(a.collection).one}(id: ${literal(version)}, draft: true) { id } }`,
          ),
        ),
    },
  },
  {
    name: 'copy',
    does: 'copy a published document as a draft',
    source: {
      column: 'write drafts',
      sentence: 'restoring an old version or copying a document as a draft is writing a draft',
    },
    collections: CONTENT_COLLECTIONS,
    fixture: 'published',
    // GraphQL's duplicate has no `draft` argument: its copies are published (below).
    by: {
      REST: ({ role, collection, id }) =>
        copied(collection, 'draft', (data) => rest(role, 'POST', `/${collection}/${id}/duplicate`, data)),
      'Local API': copiedLocally('draft'),
    },
  },
  {
    name: 'publishCopy',
    does: 'publish a copy of a published document',
    source: { column: PUBLISHING, sentence: 'publishing a copy of a published document' },
    collections: CONTENT_COLLECTIONS,
    // Published with no draft on top: a copy is made of the newest version.
    fixture: 'published',
    by: {
      REST: ({ role, collection, id }) =>
        copied(collection, 'published', (data) =>
          rest(role, 'POST', `/${collection}/${id}/duplicate?draft=false`, data),
        ),
      GraphQL: ({ role, collection, id }) => {
        const { one } = gqlNames(collection)
        return copied(collection, 'published', (data) =>
          gql(
            role,
            `mutation($data: mutation${one}Input!) { duplicate${one}(id: ${literal(id)}, data: $data) { id } }`,
            { data },
          ),
        )
      },
      'Local API': copiedLocally('published'),
    },
  },
  {
    name: 'delete',
    does: 'delete a draft never published',
    source: { column: PUBLISHING, sentence: 'Those who publish can delete a draft that was never published' },
    collections: CONTENT_COLLECTIONS,
    fixture: 'draft',
    consumes: true,
    by: deleting,
  },
  {
    name: 'deletePublished',
    does: 'delete a document that was published',
    source: {
      nobody: true,
      sentence: 'a document that was ever published cannot be deleted, not even by an administrator',
    },
    collections: CONTENT_COLLECTIONS,
    fixture: 'published',
    consumes: true,
    by: deleting,
  },
  {
    name: 'seeSiteBuilds',
    // The site builds are served over REST only (GET /api/site-builds, which the admin's
    // «Publisering» reads); GraphQL and the Local API have no such operation (checked below).
    does: 'see the site builds',
    source: { column: 'see the site builds (*Publisering*)' },
    by: {
      REST: ({ role }) => restShows(role, '/site-builds', (json) => json.liveBuild === BUILDS_STATUS.liveBuild),
    },
  },
  {
    name: 'retrySiteBuild',
    does: 'have a failed site build tried again now',
    source: { request: 'POST /api/site-builds/retry' },
    by: {
      REST: async ({ role }) => {
        const before = builder.retried
        return (await rest(role, 'POST', '/site-builds/retry')).status === 202 && builder.retried === before + 1
      },
    },
  },
  {
    name: 'rollBackSite',
    does: 'roll the site back to an earlier build',
    source: { column: 'roll the site back' },
    by: {
      REST: async ({ role }) => {
        const before = builder.rolledBack.length
        return (
          (await rest(role, 'POST', '/site-builds/bygg-1/rollback')).status === 200 &&
          builder.rolledBack.length === before + 1
        )
      },
    },
  },
  {
    name: 'createUser',
    does: 'create an account with a role',
    source: { column: USERS },
    by: {
      REST: ({ role }) => accountMade((data) => rest(role, 'POST', '/users', data)),
      GraphQL: ({ role }) =>
        accountMade((data) =>
          gql(role, 'mutation($data: mutationUserInput!) { createUser(data: $data) { id } }', { data }),
        ),
      'Local API': ({ role }) =>
        accountMade((data) =>
          attempt(() => t.payload.create({ collection: 'users', data: data as never, ...as(role) })),
        ),
    },
  },
  {
    name: 'readOtherUsers',
    does: 'read another person’s account',
    source: { column: USERS },
    by: {
      REST: async ({ role }) =>
        (await rest(role, 'GET', `/users/${await account(ACCOUNTS.target)}`)).json?.email === ACCOUNTS.target,
      GraphQL: async ({ role }) =>
        (await gql(role, `{ User(id: ${await account(ACCOUNTS.target)}) { email } }`))?.User?.email === ACCOUNTS.target,
      'Local API': async ({ role }) => {
        const id = await account(ACCOUNTS.target)
        const found = await attempt(() => t.payload.findByID({ collection: 'users', id, ...as(role) }))
        return found !== false && found.email === ACCOUNTS.target
      },
    },
  },
  {
    name: 'changeRole',
    does: 'change another person’s role',
    source: { column: USERS },
    by: {
      REST: async ({ role }) => {
        await rest(role, 'PATCH', `/users/${await account(ACCOUNTS.target)}`, { role: 'publisher' })
        return (await roleOfAccount(ACCOUNTS.target)) === 'publisher'
      },
      GraphQL: async ({ role }) => {
        await gql(
          role,
          `mutation { updateUser(id: ${await account(ACCOUNTS.target)}, data: { role: publisher }) { id } }`,
        )
        return (await roleOfAccount(ACCOUNTS.target)) === 'publisher'
      },
      'Local API': async ({ role }) => {
        const id = await account(ACCOUNTS.target)
        await attempt(() => t.payload.update({ collection: 'users', id, data: { role: 'publisher' }, ...as(role) }))
        return (await roleOfAccount(ACCOUNTS.target)) === 'publisher'
      },
    },
  },
  {
    name: 'deleteUser',
    does: 'delete another person’s account',
    source: { column: USERS },
    by: {
      REST: async ({ role }) => {
        await rest(role, 'DELETE', `/users/${await account(ACCOUNTS.doomed)}`)
        return (await accountId(ACCOUNTS.doomed)) === undefined
      },
      GraphQL: async ({ role }) => {
        await gql(role, `mutation { deleteUser(id: ${await account(ACCOUNTS.doomed)}) { id } }`)
        return (await accountId(ACCOUNTS.doomed)) === undefined
      },
      'Local API': async ({ role }) => {
        const id = await account(ACCOUNTS.doomed)
        await attempt(() => t.payload.delete({ collection: 'users', id, ...as(role) }))
        return (await accountId(ACCOUNTS.doomed)) === undefined
      },
    },
  },
  {
    name: 'unlock',
    does: 'unlock an account locked after wrong passwords',
    source: { column: USERS, sentence: 'only an administrator can unlock it sooner' },
    by: {
      REST: async ({ role }) => {
        await lockAccount(ACCOUNTS.locked)
        await rest(role, 'POST', '/users/unlock', { email: ACCOUNTS.locked })
        return !(await isLocked(ACCOUNTS.locked))
      },
      GraphQL: async ({ role }) => {
        await lockAccount(ACCOUNTS.locked)
        await gql(role, `mutation { unlockUser(email: ${JSON.stringify(ACCOUNTS.locked)}) }`)
        return !(await isLocked(ACCOUNTS.locked))
      },
      'Local API': async ({ role }) => {
        await lockAccount(ACCOUNTS.locked)
        // The generated auth types ask for a password here too; unlocking reads only the address.
        await attempt(() =>
          t.payload.unlock({ collection: 'users', data: { email: ACCOUNTS.locked, password: PASSWORD }, ...as(role) }),
        )
        return !(await isLocked(ACCOUNTS.locked))
      },
    },
  },
  {
    name: 'readAuditTrail',
    does: 'read the audit trail',
    source: { column: 'read the audit trail (*Revisjonslogg*)' },
    by: {
      REST: ({ role }) => restShows(role, '/audit-events', (json) => json.docs.length > 0),
      GraphQL: async ({ role }) =>
        ((await gql(role, '{ AuditEvents { docs { id } } }'))?.AuditEvents?.docs.length ?? 0) > 0,
      'Local API': async ({ role }) => {
        const found = await attempt(() => t.payload.find({ collection: 'audit-events', ...as(role) }))
        return found !== false && found.docs.length > 0
      },
    },
  },
  {
    name: 'createAuditEvent',
    does: 'add an event to the audit trail',
    source: { nobody: true, sentence: AUDIT_NOBODY },
    by: {
      REST: ({ role }) => auditEventAdded(() => rest(role, 'POST', '/audit-events', FORGED_EVENT)),
      GraphQL: ({ role }) =>
        auditEventAdded(() =>
          gql(role, 'mutation($data: mutationAuditEventInput!) { createAuditEvent(data: $data) { id } }', {
            data: FORGED_EVENT,
          }),
        ),
      'Local API': ({ role }) =>
        auditEventAdded(() =>
          attempt(() => t.payload.create({ collection: 'audit-events', data: FORGED_EVENT as never, ...as(role) })),
        ),
    },
  },
  {
    name: 'changeAuditEvent',
    does: 'change an event of the audit trail',
    source: { nobody: true, sentence: AUDIT_NOBODY },
    by: {
      REST: ({ role }) => auditEventChanged((id) => rest(role, 'PATCH', `/audit-events/${id}`, { title: 'Endret' })),
      GraphQL: ({ role }) =>
        auditEventChanged((id) =>
          gql(role, `mutation { updateAuditEvent(id: ${literal(id)}, data: { title: "Endret" }) { id } }`),
        ),
      'Local API': ({ role }) =>
        auditEventChanged((id) =>
          attempt(() => t.payload.update({ collection: 'audit-events', id, data: { title: 'Endret' }, ...as(role) })),
        ),
    },
  },
  {
    name: 'deleteAuditEvent',
    does: 'delete an event of the audit trail',
    source: { nobody: true, sentence: AUDIT_NOBODY },
    by: {
      REST: ({ role }) => auditEventGone((id) => rest(role, 'DELETE', `/audit-events/${id}`)),
      GraphQL: ({ role }) =>
        auditEventGone((id) => gql(role, `mutation { deleteAuditEvent(id: ${literal(id)}) { id } }`)),
      'Local API': ({ role }) =>
        auditEventGone((id) => attempt(() => t.payload.delete({ collection: 'audit-events', id, ...as(role) }))),
    },
  },
]

// ---------------------------------------------------------------------------------------------
// The matrix

const WHO: Record<Role, string> = {
  anonymous: 'someone not logged in',
  editor: 'an editor',
  publisher: 'a publisher',
  admin: 'an administrator',
}
const cellKey = (api: Api, op: string, role: Role) => `${api} × ${role} × ${op}`

/** What each cell did, per collection ('' for operations on no collection). */
const observed = new Map<string, Map<string, boolean>>()

/** Documents the mutating operations act on, one per API, operation and collection at a time. */
const fixtures = new Map<string, { id: number | string }>()
const fixtureFor = async (key: string, op: Operation, collection: ContentCollection) => {
  if (op.fixture === 'shared') return shared[collection]
  let doc = fixtures.get(key)
  if (!doc) {
    const twice = op.fixture === 'twoRevisions'
    doc = await makeDoc(
      t.payload,
      collection,
      twice ? 'published' : (op.fixture as 'draft' | 'published'),
      editionId,
      numbered(collection, SLOT.fixture),
    )
    if (twice) {
      const second =
        collection === 'goal-areas'
          ? { editions: [{ edition: editionId, title: 'Andre revisjon', effectGoals: [{ text: 'Et mål' }] }] }
          : { title: 'Andre revisjon' }
      const note = collection === 'chapters' ? { updateType: 'minor', changeNote: 'Rettet en skrivefeil.' } : {}
      await t.payload.update({ collection, id: doc.id, data: { ...second, ...note, _status: 'published' } as never })
      await t.payload.update({ collection, id: doc.id, data: draftChange(collection, editionId) as never, draft: true })
    }
    fixtures.set(key, doc)
  }
  return doc
}
const dropFixture = async (key: string, collection: ContentCollection) => {
  const doc = fixtures.get(key)
  fixtures.delete(key)
  if (doc && (await stored(collection, doc.id, true))) await purge(t.payload, collection, doc.id)
}

const cells = APIS.flatMap((api) =>
  OPERATIONS.filter((op) => op.by[api]).flatMap((op) =>
    (op.collections ?? [undefined]).flatMap((collection) =>
      ROLES.map((role) => {
        const allowed = rolesFrom(op.source).has(role)
        const where = collection ? ` (${collection})` : ''
        return {
          api,
          op,
          collection,
          role,
          allowed,
          title: `${api}: ${WHO[role]} ${allowed ? 'may' : 'may not'} ${op.does}${where}`,
        }
      }),
    ),
  ),
)

describe('the access matrix, as the README’s roles table says', () => {
  beforeAll(async () => {
    for (const collection of CONTENT_COLLECTIONS) {
      shared[collection] = await makeDoc(
        t.payload,
        collection,
        'publishedWithDraft',
        editionId,
        numbered(collection, SLOT.shared),
      )
    }
  })
  afterAll(async () => {
    for (const collection of CONTENT_COLLECTIONS)
      if (shared[collection]) await purge(t.payload, collection, shared[collection].id)
    for (const email of Object.values(ACCOUNTS)) {
      const id = await accountId(email)
      if (id !== undefined) await t.payload.delete({ collection: 'users', id, overrideAccess: true })
    }
  })

  it.each(cells)('$title', async ({ api, op, collection, role, allowed }) => {
    const key = `${api}|${op.name}|${collection}`
    let did = false
    try {
      const doc = collection && op.fixture ? await fixtureFor(key, op, collection) : undefined
      did = await op.by[api]!({ role, collection: collection as ContentCollection, id: doc?.id as number | string })
      const results = observed.get(cellKey(api, op.name, role)) ?? new Map<string, boolean>()
      results.set(collection ?? '', did)
      observed.set(cellKey(api, op.name, role), results)
    } finally {
      if (collection && op.fixture && op.fixture !== 'shared' && ((op.consumes && did) || role === ROLES.at(-1)))
        await dropFixture(key, collection)
    }
    expect(did).toBe(allowed)
  })

  it('differs from the README’s roles table in no cell, over REST, GraphQL and the Local API', () => {
    const differing: string[] = []
    let offered = 0
    for (const op of OPERATIONS) {
      const expected = rolesFrom(op.source)
      for (const api of APIS) {
        if (!op.by[api]) continue
        for (const role of ROLES) {
          offered++
          const results = observed.get(cellKey(api, op.name, role))
          const want = expected.has(role)
          if (!results) {
            differing.push(`${cellKey(api, op.name, role)}: not tried`)
            continue
          }
          const off = [...results].filter(([, did]) => did !== want).map(([collection]) => collection)
          if (off.length) {
            differing.push(
              `${cellKey(api, op.name, role)}: the README says ${want ? 'allowed' : 'refused'}, but it was ${want ? 'refused' : 'allowed'}${off[0] ? ` (${off.join(', ')})` : ''}`,
            )
          }
        }
      }
    }
    const all = ROLES.length * OPERATIONS.length * APIS.length
    console.log(
      `Access: ${ROLES.length} roles × ${OPERATIONS.length} operations × ${APIS.length} APIs (${APIS.join(', ')}) = ${all} cells, ` +
        `${all - offered} of them operations that API does not have; ${differing.length} of ${offered} differ from the README's roles table` +
        differing.map((line) => `\n  ${line}`).join(''),
    )
    expect(differing).toEqual([])
  })
})

describe('what the matrix leaves out is not there', () => {
  it.each(['REST', 'GraphQL'] as const)(
    '%s: nobody, administrators included, can queue a job (a scheduled publish) directly',
    async (api) => {
      const { id } = await makeDoc(t.payload, 'chapters', 'publishedWithDraft', editionId)
      const job = {
        taskSlug: 'schedulePublish',
        input: { type: 'publish', doc: { relationTo: 'chapters', value: String(id) } },
        waitUntil: new Date(Date.now() + 3_600_000).toISOString(),
      }
      const made: Record<Role, boolean> = { anonymous: false, editor: false, publisher: false, admin: false }
      try {
        for (const role of ROLES) {
          if (api === 'REST') made[role] = (await rest(role, 'POST', '/payload-jobs', job)).status === 201
          else
            made[role] = Boolean(
              (
                await gql(role, 'mutation($data: mutationPayloadJobInput!) { createPayloadJob(data: $data) { id } }', {
                  data: job,
                })
              )?.createPayloadJob,
            )
        }
        expect(made).toEqual({ anonymous: false, editor: false, publisher: false, admin: false })
        expect(await jobsFor('chapters', id)).toEqual([])
      } finally {
        await purge(t.payload, 'chapters', id)
      }
    },
  )

  it('GraphQL has no operation on the site builds or the jobs runner', async () => {
    const data = await gql('admin', '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }')
    const names = [...data!.__schema.queryType.fields, ...data!.__schema.mutationType.fields].map(
      (f: { name: string }) => f.name,
    )
    expect(names.length).toBeGreaterThan(20)
    expect(names.filter((name) => /build|rollback|retry|run/i.test(name))).toEqual([])
  })
})

describe('login lockout', () => {
  const NUMBERS: Record<string, number> = { three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 }
  const said = /(\w+) failed logins lock an account for (\d+) minutes/i.exec(rolesProse)

  it('an attacker guessing an administrator’s password gets as many guesses as the README says, and an editor cannot lift the lock between guesses', async () => {
    expect(said, 'the README says how many failed logins lock an account').not.toBeNull()
    const limit = NUMBERS[said![1].toLowerCase()]
    const email = 'sjef@example.no'
    await t.payload.create({
      collection: 'users',
      data: { email, password: PASSWORD, role: 'admin' },
      overrideAccess: true,
    })
    // Every refused login is answered alike, locked or not (so that nobody learns which
    // accounts exist): whether the lock holds is read from the account itself.
    const isLocked = async () => {
      const [user] = (
        await t.payload.find({
          collection: 'users',
          where: { email: { equals: email } },
          showHiddenFields: true,
          overrideAccess: true,
        })
      ).docs as Array<{ lockUntil?: string | null }>
      return Boolean(user?.lockUntil && Date.parse(user.lockUntil) > Date.now())
    }
    let guesses = 0
    let unlocksRefused = 0
    let locked = false
    try {
      for (let guess = 1; guess <= limit + 10 && !locked; guess++) {
        const answer = await rest('anonymous', 'POST', '/users/login', { email, password: `gjetning-${guess}` })
        expect(answer.status).toBe(401)
        guesses++
        locked = await isLocked()
        // The editor tries to lift the lock (or the count) after every guess, the last one too.
        const unlock = await rest('editor', 'POST', '/users/unlock', { email })
        if (unlock.status === 403) unlocksRefused++
      }
      console.log(
        locked
          ? `Lockout: ${guesses} guesses before the lock; editor unlocks refused: ${unlocksRefused}`
          : `Lockout: no lock after ${guesses} guesses; editor unlocks refused: ${unlocksRefused}`,
      )
      expect({ locked, guesses, unlocksRefused }).toEqual({ locked: true, guesses: limit, unlocksRefused: limit })
      // The right password does not get in either while the lock holds, and an administrator can lift it.
      expect((await rest('anonymous', 'POST', '/users/login', { email, password: PASSWORD })).status).toBe(401)
      expect(await isLocked()).toBe(true)
      expect((await rest('admin', 'POST', '/users/unlock', { email })).status).toBe(200)
      expect((await rest('anonymous', 'POST', '/users/login', { email, password: PASSWORD })).status).toBe(200)
    } finally {
      const id = await accountId(email)
      if (id) await t.payload.delete({ collection: 'users', id, overrideAccess: true })
    }
  })
})

describe('what the public sees', () => {
  it.each(CONTENT_COLLECTIONS)(
    '%s: a document never published is absent from lists, by id and as a draft',
    async (collection) => {
      const doc = await makeDoc(t.payload, collection, 'draft', editionId)
      try {
        const list = await t.payload.find({
          collection,
          overrideAccess: false,
          draft: true,
          where: { id: { equals: doc.id } },
        })
        expect(list.totalDocs).toBe(0)
        await expect(
          t.payload.findByID({ collection, id: doc.id, overrideAccess: false, draft: true }),
        ).rejects.toThrow()
        expect((await rest('anonymous', 'GET', `/${collection}/${doc.id}?draft=true`)).status).toBe(404)
      } finally {
        await purge(t.payload, collection, doc.id)
      }
    },
  )

  it.each(CONTENT_COLLECTIONS)(
    '%s: asking for the draft of a published document gives the published text',
    async (collection) => {
      const doc = await makeDoc(t.payload, collection, 'publishedWithDraft', editionId)
      try {
        const read = await t.payload.findByID({ collection, id: doc.id, overrideAccess: false, draft: true })
        expect(showsDraft(read as never)).toBe(false)
        const asEditor = await t.payload.findByID({
          collection,
          id: doc.id,
          overrideAccess: false,
          user: t.users.editor,
          draft: true,
        })
        expect(showsDraft(asEditor as never)).toBe(true)
      } finally {
        await purge(t.payload, collection, doc.id)
      }
    },
  )
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
      t.payload.update({
        collection: 'users',
        id: other(),
        data: { name: 'Kapret' },
        user: t.users.editor,
        overrideAccess: false,
      }),
    ).rejects.toThrow()
    const self = await t.payload.update({
      collection: 'users',
      id: t.users.editor.id,
      data: { role: 'admin', name: 'Redaktør Ny' },
      user: t.users.editor,
      overrideAccess: false,
    })
    expect([self.role, self.name]).toEqual(['editor', 'Redaktør Ny'])
  })

  it('an admin changes roles and deletes accounts; nobody else deletes', async () => {
    const temp = await t.payload.create({
      collection: 'users',
      data: { email: 'midlertidig@example.no', password: PASSWORD, role: 'editor' },
    })
    await expect(
      t.payload.delete({ collection: 'users', id: temp.id, user: t.users.publisher, overrideAccess: false }),
    ).rejects.toThrow()
    const promoted = await t.payload.update({
      collection: 'users',
      id: temp.id,
      data: { role: 'publisher' },
      user: t.users.admin,
      overrideAccess: false,
    })
    expect(promoted.role).toBe('publisher')
    await t.payload.delete({ collection: 'users', id: temp.id, user: t.users.admin, overrideAccess: false })
    expect((await t.payload.find({ collection: 'users', where: { id: { equals: temp.id } } })).totalDocs).toBe(0)
  })

  it('login locks after five failed attempts, even with the right password', async () => {
    await t.payload.create({
      collection: 'users',
      data: { email: 'laas@example.no', password: PASSWORD, role: 'editor' },
    })
    for (let i = 0; i < 5; i++) {
      await expect(
        t.payload.login({ collection: 'users', data: { email: 'laas@example.no', password: 'feil-passord' } }),
      ).rejects.toThrow()
    }
    await expect(
      t.payload.login({ collection: 'users', data: { email: 'laas@example.no', password: PASSWORD } }),
    ).rejects.toThrow(/låst|locked/i)
  })
})
