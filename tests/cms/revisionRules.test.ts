import { describe, expect, it } from 'vitest'

import {
  checkRevision,
  decideRevision,
  keptByWithdrawal,
  RevisionRuleError,
} from '../../cms/src/collections/Chapters/revisionRules'

const today = '2026-11-23'
const previous = { revision: 2, changeNote: 'Oppdaterte tall.', lastProfessionalChange: '2024-05-31T12:00:00.000Z' }

describe('decideRevision', () => {
  it.each([
    [
      'the first publish is major, noted "Først publisert." and keeps the given date',
      { request: {}, previous: null },
      { revision: 1, updateType: 'major', changeNote: 'Først publisert.', lastProfessionalChange: today },
    ],
    [
      'the first publish keeps its own note and real date',
      { request: { changeNote: 'Lansert.', lastProfessionalChange: '2022-05-19' }, previous: null },
      { revision: 1, updateType: 'major', changeNote: 'Lansert.', lastProfessionalChange: '2022-05-19' },
    ],
    [
      'a major update with a date keeps that date',
      { request: { updateType: 'major', changeNote: 'Ny status.', lastProfessionalChange: '2025-01-02' }, previous },
      { revision: 3, updateType: 'major', changeNote: 'Ny status.', lastProfessionalChange: '2025-01-02' },
    ],
    [
      'a major update that kept the previous date moves it to today',
      {
        request: { updateType: 'major', changeNote: 'Ny status.', lastProfessionalChange: '2024-05-31T12:00:00.000Z' },
        previous,
      },
      { revision: 3, updateType: 'major', changeNote: 'Ny status.', lastProfessionalChange: today },
    ],
    [
      'a minor update keeps the previous date whatever the form sent',
      { request: { updateType: 'minor', lastProfessionalChange: '2026-01-01' }, previous },
      { revision: 3, updateType: 'minor', changeNote: null, lastProfessionalChange: '2024-05-31' },
    ],
    [
      'a minor update drops a note inherited from the previous revision',
      { request: { updateType: 'minor', changeNote: 'Oppdaterte tall.' }, previous },
      { revision: 3, updateType: 'minor', changeNote: null, lastProfessionalChange: '2024-05-31' },
    ],
    [
      'a withdrawal keeps the previous date whatever the form sent, with its explanation as the note',
      {
        request: {
          updateType: 'withdrawal',
          changeNote: ' Erstattet av  kapittel 2.2. ',
          lastProfessionalChange: '2026-01-01',
        },
        previous,
      },
      {
        revision: 3,
        updateType: 'withdrawal',
        changeNote: 'Erstattet av kapittel 2.2.',
        lastProfessionalChange: '2024-05-31',
      },
    ],
    [
      'a major update after a withdrawal reinstates the chapter',
      {
        request: { updateType: 'major', changeNote: 'Gjeninnført med nye tall.' },
        previous: { ...previous, updateType: 'withdrawal', changeNote: 'Utdatert.' },
      },
      { revision: 3, updateType: 'major', changeNote: 'Gjeninnført med nye tall.', lastProfessionalChange: today },
    ],
    [
      'a minor update after a withdrawal reinstates the chapter and keeps the date',
      {
        request: { updateType: 'minor', changeNote: 'Utdatert.' },
        previous: { ...previous, updateType: 'withdrawal', changeNote: 'Utdatert.' },
      },
      { revision: 3, updateType: 'minor', changeNote: null, lastProfessionalChange: '2024-05-31' },
    ],
    [
      'restoring a version of a withdrawn chapter is a major update that reinstates it',
      {
        request: {},
        previous: { ...previous, updateType: 'withdrawal', changeNote: 'Utdatert.' },
        restoringRevision: 2,
      },
      {
        revision: 3,
        updateType: 'major',
        changeNote: 'Gjenopprettet innholdet fra versjon 2.',
        lastProfessionalChange: today,
      },
    ],
    [
      'a restore with nothing chosen is a major update dated today, noted with the version readers know',
      { request: {}, previous, restoringRevision: 1 },
      {
        revision: 3,
        updateType: 'major',
        changeNote: 'Gjenopprettet innholdet fra versjon 1.',
        lastProfessionalChange: today,
      },
    ],
    [
      'a restore chosen as minor keeps «Siste faglige endring» and the restorer’s note',
      {
        request: { updateType: 'minor', changeNote: ' Tilbake til  teksten fra versjon 1. ' },
        previous,
        restoringRevision: 1,
      },
      {
        revision: 3,
        updateType: 'minor',
        changeNote: 'Tilbake til teksten fra versjon 1.',
        lastProfessionalChange: '2024-05-31',
      },
    ],
    [
      'a restore chosen as major with a note and a date keeps them',
      {
        request: {
          updateType: 'major',
          changeNote: 'Tallene fra 2022 gjelder igjen.',
          lastProfessionalChange: '2025-03-01',
        },
        previous,
        restoringRevision: 1,
      },
      {
        revision: 3,
        updateType: 'major',
        changeNote: 'Tallene fra 2022 gjelder igjen.',
        lastProfessionalChange: '2025-03-01',
      },
    ],
  ])('%s', (_name, input, expected) => {
    expect(decideRevision({ today, ...input } as Parameters<typeof decideRevision>[0])).toEqual(expected)
  })

  it.each([
    [
      'a major update without a change note',
      { updateType: 'major', changeNote: '  ' },
      'changeNote',
      'En faglig endring må ha en endringsmerknad',
    ],
    [
      'a major update repeating the previous note',
      { updateType: 'major', changeNote: 'Oppdaterte  tall.' },
      'changeNote',
      'Endringsmerknaden er den samme som for versjon 2',
    ],
    [
      'a date in the future',
      { updateType: 'major', changeNote: 'Ny.', lastProfessionalChange: '2026-11-24' },
      'lastProfessionalChange',
      'Siste faglige endring kan ikke være frem i tid: 24. november 2026 er etter i dag (23. november 2026).',
    ],
    [
      'a date before the previous revision',
      { updateType: 'major', changeNote: 'Ny.', lastProfessionalChange: '2024-05-30' },
      'lastProfessionalChange',
      'Datoen kan ikke være før forrige versjons siste faglige endring, 31. mai 2024. Du har valgt 30. mai 2024.',
    ],
    [
      'no update type after the first revision',
      { changeNote: 'Ny.' },
      'updateType',
      'Velg type endring før du publiserer',
    ],
    [
      'a withdrawal without an explanation',
      { updateType: 'withdrawal', changeNote: '' },
      'changeNote',
      'En tilbaketrekking må ha en forklaring i endringsmerknaden',
    ],
    [
      'a withdrawal repeating the previous note',
      { updateType: 'withdrawal', changeNote: 'Oppdaterte tall.' },
      'changeNote',
      'Endringsmerknaden er den samme som for versjon 2. Forklar hvorfor kapitlet trekkes tilbake.',
    ],
    [
      'withdrawing a chapter never published',
      { updateType: 'withdrawal', changeNote: 'Utdatert.' },
      'updateType',
      'Kapitlet er ikke publisert ennå og kan ikke trekkes tilbake.',
      null,
    ],
    [
      'withdrawing a chapter already withdrawn',
      { updateType: 'withdrawal', changeNote: 'Fortsatt utdatert.' },
      'updateType',
      'Kapitlet er allerede trukket tilbake (versjon 2). Velg faglig eller redaksjonell endring',
      { ...previous, updateType: 'withdrawal', changeNote: 'Utdatert.' },
    ],
    [
      'a restore as a withdrawal',
      { updateType: 'withdrawal', changeNote: 'Utdatert.' },
      'updateType',
      'En gjenoppretting er en faglig eller en redaksjonell endring',
      previous,
      1,
    ],
    [
      'a restore dated before the previous revision',
      { updateType: 'major', lastProfessionalChange: '2024-05-30' },
      'lastProfessionalChange',
      'Siste faglige endring kan ikke være før forrige versjons dato (31. mai 2024).',
      previous,
      1,
    ],
  ])(
    'refuses %s, naming the field',
    (
      _name,
      request,
      field,
      message,
      before: typeof previous | null = previous,
      restoringRevision: number | null = null,
    ) => {
      let error: unknown
      try {
        decideRevision({ today, request, previous: before, restoringRevision })
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(RevisionRuleError)
      expect((error as RevisionRuleError).field).toBe(field)
      expect((error as RevisionRuleError).message).toContain(message)
    },
  )
})

describe('keptByWithdrawal', () => {
  it('keeps what readers see of the withdrawn revision and nothing of its stamp', () => {
    const withdrawn = {
      id: 7,
      title: 'Gammel tittel',
      number: '2.1',
      kind: 'chapter',
      part: 1,
      goalArea: 2,
      edition: 1,
      slug: 'gammel-tittel',
      body: { root: { children: [] } },
      footnotes: [{ number: 1, text: 'Kilde' }],
      measures: [3, 4],
      source: { url: 'https://example.no' },
      revision: 2,
      updateType: 'major',
      changeNote: 'Ny status.',
      publishedAt: '2024-05-31T10:00:00.000Z',
      lastProfessionalChange: '2024-05-31',
      _status: 'published',
    }
    expect(keptByWithdrawal(withdrawn)).toEqual({
      edition: 1,
      kind: 'chapter',
      number: '2.1',
      title: 'Gammel tittel',
      part: 1,
      goalArea: 2,
      body: { root: { children: [] } },
      footnotes: [{ number: 1, text: 'Kilde' }],
      measures: [3, 4],
      slug: 'gammel-tittel',
      source: { url: 'https://example.no' },
    })
  })
})

describe('checkRevision (what the sidebar warns about before a publish)', () => {
  it.each([
    [
      'a date before the previous version is reported even before an update type is chosen',
      { changeNote: 'Ny.', lastProfessionalChange: '2024-05-30' },
      [
        ['updateType', 'Velg type endring før du publiserer: faglig endring eller redaksjonell endring.'],
        [
          'lastProfessionalChange',
          'Datoen kan ikke være før forrige versjons siste faglige endring, 31. mai 2024. Du har valgt 30. mai 2024.',
        ],
      ],
    ],
    [
      'a major update without a note and with an early date is reported for both fields',
      { updateType: 'major', changeNote: '', lastProfessionalChange: '2024-05-30' },
      [
        ['changeNote', 'En faglig endring må ha en endringsmerknad som forteller leserne hva som er endret.'],
        [
          'lastProfessionalChange',
          'Datoen kan ikke være før forrige versjons siste faglige endring, 31. mai 2024. Du har valgt 30. mai 2024.',
        ],
      ],
    ],
    [
      'a date in the future is reported beside a missing note',
      { updateType: 'major', lastProfessionalChange: '2026-12-24' },
      [
        ['changeNote', 'En faglig endring må ha en endringsmerknad som forteller leserne hva som er endret.'],
        [
          'lastProfessionalChange',
          'Siste faglige endring kan ikke være frem i tid: 24. desember 2026 er etter i dag (23. november 2026).',
        ],
      ],
    ],
    [
      'a minor update keeps the previous date, so an early date in the form stops nothing',
      { updateType: 'minor', lastProfessionalChange: '2020-01-01' },
      [],
    ],
    [
      "the previous version's own date is no problem: a major update moves it to today",
      { updateType: 'major', changeNote: 'Ny.', lastProfessionalChange: '2024-05-31' },
      [],
    ],
  ])('%s', (_name, request, problems) => {
    const checked = checkRevision({ today, request, previous })
    expect(checked.problems.map((p) => [p.field, p.message])).toEqual(problems)
    expect(checked.stamp === null).toBe(problems.length > 0)
  })
})
