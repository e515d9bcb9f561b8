import { describe, expect, it } from 'vitest'

import {
  answerArchiveDate,
  isCalendarDay,
  parseDay,
  releaseForDay,
  type ReleaseDay,
} from '@rapport/site/lib/archiveDate'

const OLDEST_FIRST: ReleaseDay[] = [
  { id: '20220519T100000Z', day: '2022-05-19' },
  { id: '20240531T100000Z', day: '2024-05-31' },
  { id: '20240531T143000Z', day: '2024-05-31' },
  { id: '20240612T083000Z', day: '2024-06-12' },
]
const NEWEST_FIRST = [...OLDEST_FIRST].reverse()

describe('the release the report stood at on a day', () => {
  it.each([
    ['2022-05-18', null],
    ['2022-05-19', '20220519T100000Z'],
    ['2023-01-01', '20220519T100000Z'],
    ['2024-05-30', '20220519T100000Z'],
    ['2024-05-31', '20240531T143000Z'],
    ['2024-06-01', '20240531T143000Z'],
    ['2024-06-11', '20240531T143000Z'],
    ['2024-06-12', '20240612T083000Z'],
    ['2025-01-01', '20240612T083000Z'],
    ['2026-11-29', '20240612T083000Z'],
  ])('on %s is %s, whether the releases are listed oldest or newest first', (day, id) => {
    expect([releaseForDay(OLDEST_FIRST, day), releaseForDay(NEWEST_FIRST, day)]).toEqual([id, id])
  })

  it('is none when nothing was ever published', () => {
    expect(releaseForDay([], '2024-01-01')).toBeNull()
  })
})

describe('a day written as the form sends it', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
    ['01.01.2024', false],
    ['', false],
  ])('"%s" is a calendar day: %s', (text, expected) => {
    expect(isCalendarDay(text)).toBe(expected)
  })
})

describe('a day as a reader writes it', () => {
  it.each([
    ['2024-06-01', '2024-06-01'],
    ['1.6.2024', '2024-06-01'],
    ['01.06.2024', '2024-06-01'],
    ['31.06.2024', null],
    ['6/1/2024', null],
    ['i går', null],
  ])('"%s" is the day %s', (text, expected) => {
    expect(parseDay(text)).toBe(expected)
  })
})

describe('the answer to the archive’s date form', () => {
  it.each([
    ['2025-01-01', { kind: 'release', location: '/arkiv/20240612T083000Z/' }],
    [' 2022-05-19 ', { kind: 'release', location: '/arkiv/20220519T100000Z/' }],
    ['2020-01-01', { kind: 'tooEarly' }],
    ['1.1.2025', { kind: 'release', location: '/arkiv/20240612T083000Z/' }],
    ['2025-02-30', { kind: 'invalid' }],
    ['<script>', { kind: 'invalid' }],
    [undefined, { kind: 'invalid' }],
    [['2025-01-01', '2025-01-02'], { kind: 'invalid' }],
  ])('for %j is %j', (asked, expected) => {
    expect(answerArchiveDate(NEWEST_FIRST, asked)).toEqual(expected)
  })
})
