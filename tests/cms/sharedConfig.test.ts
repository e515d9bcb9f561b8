/**
 * What several collections and endpoints share, used through the API: the action plan's goal
 * areas and measures are labelled from their number (and a measure's title) on every save
 * (`actionPlanItem`); each site-build endpoint refuses whoever may not use it, in Norwegian, and
 * says so where this process builds no site (`builderEndpoint`: no builder runs in a test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PASSWORD, restRequest, startTestPayload, type TestPayload } from '../support/payload'

type Role = 'anonymous' | 'editor' | 'publisher' | 'admin'

let t: TestPayload
const tokens: Partial<Record<Role, string>> = {}

beforeAll(async () => {
  t = await startTestPayload()
  for (const role of ['editor', 'publisher', 'admin'] as const) {
    tokens[role] = (
      await t.payload.login({ collection: 'users', data: { email: `${role}@example.no`, password: PASSWORD } })
    ).token
  }
})
afterAll(async () => t?.destroy())

describe('the label an action plan item is listed by, written again when it is renumbered', () => {
  it.each([
    ['a goal area is «Målområde» and its number', 'goal-areas', { number: 2 }, 'Målområde 2', 3, 'Målområde 3'],
    ['a measure without a title is «Tiltak» and its number', 'measures', { number: 5 }, 'Tiltak 5', 15, 'Tiltak 15'],
    [
      'a measure with a title is «Tiltak», its number and its title',
      'measures',
      { number: 6, title: 'ALIS' },
      'Tiltak 6: ALIS',
      16,
      'Tiltak 16: ALIS',
    ],
  ] as const)('%s', async (_, collection, data, label, number, relabelled) => {
    const made = await t.payload.create({ collection, data: data as never, draft: true })
    expect(made.label).toBe(label)
    expect((await t.payload.update({ collection, id: made.id, data: { number } as never, draft: true })).label).toBe(
      relabelled,
    )
  })
})

describe('the site-build endpoints', () => {
  it.each([
    ['ask the anonymous to log in: the list', 'anonymous', 'GET', '/site-builds', 401, 'Du må være innlogget.'],
    [
      'ask the anonymous to log in: the rollback',
      'anonymous',
      'POST',
      '/site-builds/b001/rollback',
      401,
      'Du må være innlogget.',
    ],
    ['ask the anonymous to log in: the retry', 'anonymous', 'POST', '/site-builds/retry', 401, 'Du må være innlogget.'],
    [
      'leave the rollback to administrators: an editor',
      'editor',
      'POST',
      '/site-builds/b001/rollback',
      403,
      'Bare administratorer kan rulle tilbake nettstedet.',
    ],
    [
      'leave the rollback to administrators: a publisher',
      'publisher',
      'POST',
      '/site-builds/b001/rollback',
      403,
      'Bare administratorer kan rulle tilbake nettstedet.',
    ],
    [
      'leave the retry to publishers and administrators: an editor',
      'editor',
      'POST',
      '/site-builds/retry',
      403,
      'Bare publisister og administratorer kan starte et bygg på nytt.',
    ],
    [
      'say that this process builds no site: the list, to an editor',
      'editor',
      'GET',
      '/site-builds',
      503,
      'Nettstedet bygges ikke av denne prosessen.',
    ],
    [
      'say that this process builds no site: the rollback, to an administrator',
      'admin',
      'POST',
      '/site-builds/b001/rollback',
      503,
      'Nettstedet bygges ikke av denne prosessen.',
    ],
    [
      'say that this process builds no site: the retry, to a publisher',
      'publisher',
      'POST',
      '/site-builds/retry',
      503,
      'Nettstedet bygges ikke av denne prosessen.',
    ],
  ] as const)('%s', async (_, role, method, path, status, message) => {
    const answer = await restRequest(t.config, method, path, undefined, tokens[role])
    expect([answer.status, answer.json]).toEqual([status, { errors: [{ message }] }])
  })
})
