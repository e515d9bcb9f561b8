/**
 * The pieces of the Norwegian admin that are plain functions: the Norwegian for English that
 * Payload writes without i18n, the list search's placeholder, Oslo time for the schedule
 * drawer, and what the norwegianAdmin plugin sets in the config.
 */
import type { CollectionConfig, Config } from 'payload'
import { describe, expect, it } from 'vitest'

import {
  NB_TRANSLATIONS,
  norwegianAttribute,
  norwegianText,
  searchPlaceholder,
  usDateTimeInOslo,
} from '../../cms/src/admin/norwegian'
import { instantFromOsloClockAsLocal, instantInOslo, osloClockAsLocal, osloDateTime } from '../../cms/src/lib/osloClock'
import { norwegianAdmin } from '../../cms/src/plugins/norwegianAdmin'

describe('Norwegian for the English Payload writes as it is', () => {
  it("translates the editor's aria-labels and the date picker's prefixes, and leaves other values alone", () => {
    expect(
      ['Edit link', 'Remove link', 'Drag to move', 'Add block', 'text dropdown', 'align dropdown'].map(
        norwegianAttribute,
      ),
    ).toEqual(['Rediger lenke', 'Fjern lenke', 'Dra for å flytte', 'Legg til blokk', 'Teksttype', 'Justering'])
    expect(norwegianAttribute('Choose mandag 30. november 2026')).toBe('Velg mandag 30. november 2026')
    expect(norwegianAttribute('Choose Date and Time')).toBe('Velg dato og klokkeslett')
    // The notification region and each toast's close button.
    expect(['Notifications alt+T', 'Close toast'].map(norwegianAttribute)).toEqual(['Varsler alt+T', 'Lukk varsel'])
    expect([norwegianAttribute('Lagre'), norwegianAttribute('constructor')]).toEqual([null, null])
  })

  it('translates a text only inside the element it belongs to, keeping its spaces', () => {
    const inside = (scope: string) => (selector: string) => selector.split(', ').includes(scope)
    expect(norwegianText('Time', inside('.react-datepicker'))).toBe('Klokkeslett')
    expect(norwegianText('Time', inside('.nav'))).toBeNull()
    expect(norwegianText(' above', inside('.table-action-menu-dropdown'))).toBe(' over')
    expect(norwegianText('2 rows', inside('.table-action-menu-dropdown'))).toBe('2 rader')
    expect(norwegianText('  Table ', inside('.slash-menu-popup'))).toBe('  Tabell ')
  })

  it.each([
    ['an afternoon, on a browser in UTC', 'UTC', 'Nov 29, 2026, 6:42 PM', '29. november 2026 kl. 19:42'],
    ['just after midnight, on a browser in Oslo', 'Europe/Oslo', 'Jan 5, 2027, 12:05 AM', '5. januar 2027 kl. 00:05'],
    [
      'noon, with the narrow space newer browsers write',
      'Europe/Oslo',
      'Jun 1, 2026, 12:00\u202fPM',
      '1. juni 2026 kl. 12:00',
    ],
  ])("writes the lock dialog's American time as a Norwegian one in Oslo: %s", (_, zone, us, nb) => {
    const before = process.env.TZ
    process.env.TZ = zone
    try {
      expect(usDateTimeInOslo(us)).toBe(nb)
      const inDialog = (selector: string) => selector === '.document-locked'
      expect([norwegianText(` ${us}`, inDialog), norwegianText(us, () => false)]).toEqual([` ${nb}`, null])
    } finally {
      if (before === undefined) delete process.env.TZ
      else process.env.TZ = before
    }
  })

  it("makes the list search's placeholder a sentence", () => {
    expect(searchPlaceholder('Søk etter Kapittelnummer eller Tittel')).toBe('Søk etter kapittelnummer eller tittel')
    expect(searchPlaceholder('Søk etter E-post')).toBe('Søk etter e-post')
    expect(searchPlaceholder('Søk etter ID')).toBe('Søk etter ID')
  })
})

describe('Oslo time for scheduling', () => {
  it('finds the instant of an Oslo wall-clock time, in winter and in summer', () => {
    expect(instantInOslo({ year: 2026, month: 11, day: 29, hour: 16, minute: 30 }).toISOString()).toBe(
      '2026-11-29T15:30:00.000Z',
    )
    expect(instantInOslo({ year: 2026, month: 7, day: 1, hour: 8, minute: 5 }).toISOString()).toBe(
      '2026-07-01T06:05:00.000Z',
    )
  })

  it("says an instant in Norwegian on a 24-hour clock, and round-trips the picker's local date", () => {
    expect(osloDateTime('2026-11-29T15:30:00.000Z')).toBe('29. november 2026 kl. 16:30')
    expect(osloDateTime('2026-07-01T22:05:00.000Z')).toBe('2. juli 2026 kl. 00:05')
    const instant = new Date('2026-03-29T01:15:00.000Z') // 03:15 in Oslo, just after the clocks went forward
    expect(instantFromOsloClockAsLocal(osloClockAsLocal(instant)).toISOString()).toBe(instant.toISOString())
  })
})

describe('the norwegianAdmin plugin', () => {
  const scheduled: CollectionConfig = {
    slug: 'chapters',
    fields: [],
    versions: { drafts: { schedulePublish: { timeIntervals: 5 } } },
  }
  const plain: CollectionConfig = { slug: 'users', fields: [] }
  const config = norwegianAdmin({
    collections: [scheduled, plain],
    i18n: { translations: { nb: { general: { save: 'Lagre' } } } },
  } as unknown as Config) as Config

  it('schedules on Oslo time with Europe/Oslo preselected', () => {
    expect(config.admin?.timezones).toEqual({
      supportedTimezones: [{ label: 'Oslo (norsk tid)', value: 'Europe/Oslo' }],
      defaultTimezone: 'Europe/Oslo',
    })
  })

  it('gives the Norwegian publish button to collections that schedule, and only to them', () => {
    expect(config.collections?.map((c) => c.admin?.components?.edit?.PublishButton ?? null)).toEqual([
      '/components/publish/PublishButton#PublishButton',
      null,
    ])
  })

  it('adds its translations to those already configured', () => {
    expect((config.i18n?.translations as any).nb.general).toEqual({ save: 'Lagre', ...NB_TRANSLATIONS.general })
  })
})
