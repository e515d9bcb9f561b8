import { describe, expect, it } from 'vitest'

import { decideRevision, RevisionRuleError } from '../../cms/src/collections/Chapters/revisionRules'

const today = '2026-11-23'
const previous = { revision: 2, changeNote: 'Oppdaterte tall.', lastProfessionalChange: '2024-05-31T12:00:00.000Z' }

describe('decideRevision', () => {
  it.each([
    ['the first publish is major, noted "Først publisert." and keeps the given date',
      { request: {}, previous: null }, { revision: 1, updateType: 'major', changeNote: 'Først publisert.', lastProfessionalChange: today }],
    ['the first publish keeps its own note and real date',
      { request: { changeNote: 'Lansert.', lastProfessionalChange: '2022-05-19' }, previous: null }, { revision: 1, updateType: 'major', changeNote: 'Lansert.', lastProfessionalChange: '2022-05-19' }],
    ['a major update with a date keeps that date',
      { request: { updateType: 'major', changeNote: 'Ny status.', lastProfessionalChange: '2025-01-02' }, previous }, { revision: 3, updateType: 'major', changeNote: 'Ny status.', lastProfessionalChange: '2025-01-02' }],
    ['a major update that kept the previous date moves it to today',
      { request: { updateType: 'major', changeNote: 'Ny status.', lastProfessionalChange: '2024-05-31T12:00:00.000Z' }, previous }, { revision: 3, updateType: 'major', changeNote: 'Ny status.', lastProfessionalChange: today }],
    ['a minor update keeps the previous date whatever the form sent',
      { request: { updateType: 'minor', lastProfessionalChange: '2026-01-01' }, previous }, { revision: 3, updateType: 'minor', changeNote: null, lastProfessionalChange: '2024-05-31' }],
    ['a minor update drops a note inherited from the previous revision',
      { request: { updateType: 'minor', changeNote: 'Oppdaterte tall.' }, previous }, { revision: 3, updateType: 'minor', changeNote: null, lastProfessionalChange: '2024-05-31' }],
    ['a restore is a major update dated today and noted as a restore',
      { request: { updateType: 'minor', changeNote: 'gammel' }, previous, restoringRevision: 1 }, { revision: 3, updateType: 'major', changeNote: 'Gjenopprettet innholdet fra revisjon 1.', lastProfessionalChange: today }],
  ])('%s', (_name, input, expected) => {
    expect(decideRevision({ today, ...input } as Parameters<typeof decideRevision>[0])).toEqual(expected)
  })

  it.each([
    ['a major update without a change note', { updateType: 'major', changeNote: '  ' }, 'changeNote', 'En faglig endring må ha en endringsmerknad'],
    ['a major update repeating the previous note', { updateType: 'major', changeNote: 'Oppdaterte  tall.' }, 'changeNote', 'Endringsmerknaden er den samme som for revisjon 2'],
    ['a date in the future', { updateType: 'major', changeNote: 'Ny.', lastProfessionalChange: '2026-11-24' }, 'lastProfessionalChange', 'Siste faglige endring kan ikke være frem i tid: 24. november 2026 er etter i dag (23. november 2026).'],
    ['a date before the previous revision', { updateType: 'major', changeNote: 'Ny.', lastProfessionalChange: '2024-05-30' }, 'lastProfessionalChange', 'Siste faglige endring kan ikke være før forrige revisjons dato (31. mai 2024).'],
    ['no update type after the first revision', { changeNote: 'Ny.' }, 'updateType', 'Velg type endring før du publiserer'],
  ])('refuses %s, naming the field', (_name, request, field, message) => {
    let error: unknown
    try {
      decideRevision({ today, request, previous })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(RevisionRuleError)
    expect((error as RevisionRuleError).field).toBe(field)
    expect((error as RevisionRuleError).message).toContain(message)
  })
})
