import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { HtmlValidate } from 'html-validate'
import { beforeAll, describe, expect, it } from 'vitest'

import { buildSite } from '@rapport/site/builder/build'
import { readSnapshot } from '@rapport/contracts/readSnapshot'
import type { Chapter } from '@rapport/contracts/snapshot'
import { history } from '@rapport/site/lib/versions'
import { pagefindIn } from '../support/pagefindNode'
import { withdrawalOf } from '@rapport/site/lib/withdrawal'
import { C11, copyFixture, editChapter, fixtureData, revision } from './fixture'

const EXPLANATION = 'Kapitlet er erstattet av årsrapporten for 2024, som omtaler de samme målene.'
const NOTICE =
  '<section class="alert alert--warning" aria-labelledby="trukket-tilbake"> <h2 id="trukket-tilbake">Dette kapitlet er trukket tilbake <time datetime="2024-09-02T08:00:00.000Z">2. september 2024</time></h2> <p>Kapitlet er erstattet av årsrapporten for 2024, som omtaler de samme målene.</p> </section>'

/** Chapter 1.1 of the fixture, withdrawn as revision 3 (its text and date kept from revision 2). */
const withdraw = (c: Chapter): Chapter => {
  const last = c.revisions.at(-1)!
  c.revisions.push(
    revision({
      ...last,
      revision: 3,
      publishedAt: '2024-09-02T08:00:00.000Z',
      updateType: 'withdrawal',
      changeNote: EXPLANATION,
    }),
  )
  return c
}

describe('which withdrawal a page announces', () => {
  const c11 = () => fixtureData().chapters.find((c) => c.slug === 'malbildet-for-arbeidet')!
  const withdrawal = { date: '2024-09-02T08:00:00.000Z', explanation: EXPLANATION }
  const reinstated = () => {
    const c = withdraw(c11())
    c.revisions.push(
      revision({
        ...c.revisions[1],
        revision: 4,
        publishedAt: '2024-10-01T08:00:00.000Z',
        updateType: 'major',
        changeNote: 'Gjeninnført.',
      }),
    )
    return c
  }
  it.each([
    ['a chapter never withdrawn: none', () => withdrawalOf(c11()), null],
    ['a withdrawn chapter: its withdrawal', () => withdrawalOf(withdraw(c11())), withdrawal],
    [
      'an older revision of a withdrawn chapter: the withdrawal',
      () => withdrawalOf(withdraw(c11()), c11().revisions[0]),
      withdrawal,
    ],
    ['a reinstated chapter: none', () => withdrawalOf(reinstated()), null],
    [
      'the withdrawal revision of a reinstated chapter: that withdrawal',
      () => withdrawalOf(reinstated(), reinstated().revisions[2]),
      withdrawal,
    ],
    [
      'a revision before the withdrawal of a reinstated chapter: none',
      () => withdrawalOf(reinstated(), reinstated().revisions[1]),
      null,
    ],
  ])('%s', (_name, shown, expected) => {
    expect(shown()).toEqual(expected)
  })

  it('lists the withdrawal in the history as «Trukket tilbake» with its explanation', () => {
    expect(history(withdraw(c11()))[0]).toMatchObject({
      revision: 3,
      updateType: 'Trukket tilbake',
      changeNote: EXPLANATION,
    })
  })
})

describe('a withdrawn chapter on the built site', () => {
  let dist: string
  const page = (url: string) => fs.readFileSync(path.join(dist, url, 'index.html'), 'utf8')
  /** The page's HTML with whitespace between tags collapsed, as the notice is matched. */
  const squeezed = (url: string) => page(url).replace(/>\s+</g, '> <').replace(/\s+/g, ' ')

  beforeAll(async () => {
    const snapshot = copyFixture()
    editChapter(snapshot, 'arsrapport-2023', 'malbildet-for-arbeidet', withdraw)
    expect(
      readSnapshot(snapshot)
        .chapters.find((c) => c.slug === 'malbildet-for-arbeidet')!
        .revisions.at(-1)!.updateType,
    ).toBe('withdrawal')
    dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'site-')), 'dist')
    await buildSite({ snapshot, out: dist, quiet: true })
  }, 180_000)

  it('stays readable at its address with the notice, the explanation and its unchanged «Siste faglige endring»', () => {
    const html = squeezed(C11)
    expect(html).toContain(NOTICE)
    expect(html).toContain('Målbildet for arbeidet')
    expect(html).toContain('lagt fram 1. mars 2024')
    expect(html).toMatch(/<dt>Siste faglige endring<\/dt> ?<dd><time datetime="2024-05-31">31. mai 2024<\/time>/)
  })

  it('shows the notice on the withdrawal’s own revision page and on the older revisions', () => {
    expect(squeezed(`${C11}versjoner/3/`)).toContain(NOTICE)
    expect(page(`${C11}versjoner/3/`)).toContain('Dette er gjeldende versjon (3).')
    expect(page(`${C11}versjoner/3/`)).toContain(
      'Trukket tilbake · siste faglige endring 31. mai 2024. Denne adressen viser alltid versjon 3.',
    )
    expect(squeezed(`${C11}versjoner/1/`)).toContain(NOTICE)
  })

  it('keeps the history and lists the withdrawal, newest first', () => {
    const html = page(`${C11}versjoner/`)
    expect(squeezed(`${C11}versjoner/`)).toContain(NOTICE)
    expect(
      [
        ...html.matchAll(
          /<a href="[^"]*versjoner\/(\d)\/">Versjon \d<\/a> · publisert <time[^>]*>([^<]+)<\/time> · ([^<]+)/g,
        ),
      ].map((m) => `${m[1]} ${m[2]} ${m[3].trim()}`),
    ).toEqual([
      '3 2. september 2024 Trukket tilbake',
      '2 12. juni 2024 Redaksjonell endring',
      '1 31. mai 2024 Faglig endring',
    ])
    expect(html).toContain(`<p class="note">${EXPLANATION}</p>`)
  })

  it('is marked in the edition’s contents, announced in the feed, and still searchable, marked withdrawn', async () => {
    expect(squeezed('/arsrapport-2023/')).toMatch(
      /Målbildet for arbeidet(<\/span>)?<\/a> ?<span class="meta">Trukket tilbake · Siste faglige endring/,
    )
    const feed = fs.readFileSync(path.join(dist, 'endringer.xml'), 'utf8')
    expect(feed).toContain(`${C11}versjoner/3/`)
    expect(feed).toContain(EXPLANATION)
    const hits = await (await pagefindIn(path.join(dist, 'pagefind'))).search('ekspertutvalget')
    expect(hits.map((h) => [h.url, h.meta.versjon, h.meta.trukket])).toEqual([[C11, '3', '2. september 2024']])
  })

  it('is valid HTML on the pages with the notice', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } })
    const problems: string[] = []
    for (const url of [C11, `${C11}versjoner/`, `${C11}versjoner/3/`, `${C11}versjoner/1/`]) {
      const report = await validator.validateString(page(url), url)
      for (const r of report.results)
        for (const m of r.messages) problems.push(`${url}:${m.line}: ${m.ruleId}: ${m.message}`)
    }
    expect(problems).toEqual([])
  })
})
