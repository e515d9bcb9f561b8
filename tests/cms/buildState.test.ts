/**
 * What the site builder accepts when it reads its state files back: a record or a request it
 * can use, and nothing that would break it later.
 */
import { describe, expect, it } from 'vitest'

import { isBuildRecord, isQueuedRequest } from '../../cms/src/publishing/buildState'

const record = { id: 'b001', reasons: ['chapters:1'], startedAt: '2026-11-29T10:00:00.000Z', result: 'succeeded' }
const request = { id: 'r1', reason: 'chapters:1', requestedAt: '2026-11-29T10:00:00.000Z' }

describe('a build record read back from builds.json', () => {
  it.each([
    ['is used as written', record, true],
    ['is used with a kind and fields of its own', { ...record, kind: 'rollback', finishedAt: 'x' }, true],
    ['is refused without an id', { ...record, id: '' }, false],
    ['is refused with an unknown kind', { ...record, kind: 'restore' }, false],
    ['is refused with a reason that is not text', { ...record, reasons: ['chapters:1', 2] }, false],
    ['is refused with an unknown result', { ...record, result: 'maybe' }, false],
    ['is refused when it is not an object', 'b001', false],
    ['is refused when it is null', null, false],
  ])('%s', (_, value, usable) => {
    expect(isBuildRecord(value)).toBe(usable)
  })
})

describe('a build request read back from build-queue.json', () => {
  it.each([
    ['is used as written', request, true],
    ['is used with a whole number of attempts', { ...request, attempts: 2 }, true],
    ['is refused with a fraction of an attempt', { ...request, attempts: 1.5 }, false],
    ['is refused without a reason', { id: 'r1', requestedAt: request.requestedAt }, false],
    ['is refused when it is a list', [request], false],
  ])('%s', (_, value, usable) => {
    expect(isQueuedRequest(value)).toBe(usable)
  })
})
