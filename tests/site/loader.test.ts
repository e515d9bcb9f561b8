import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { describe, expect, it, vi } from 'vitest'

import { COLLECTIONS, snapshotLoader, type CollectionName } from '@rapport/site/lib/snapshot/loader'
import { chapterText, fileStamp, forgetChapterTexts, keepChapterText } from '@rapport/contracts/readSnapshot'
import { chapterFile, copyFixture, editChapter, FIXTURE, ROOT } from './fixture'

type Entry = { id: string; data: Record<string, unknown>; digest?: string }

/** The parts of Astro's loader context the loader uses, in memory. */
const context = (store = new Map<string, Entry>()) => {
  const parsed: string[] = []
  return {
    parsed,
    store,
    ctx: {
      store: {
        get: (id: string) => store.get(id),
        set: (e: Entry) => (store.get(e.id)?.digest === e.digest && e.digest ? false : (store.set(e.id, e), true)),
        keys: () => [...store.keys()],
        delete: (id: string) => void store.delete(id),
      },
      parseData: async ({ id, data }: { id: string; data: Record<string, unknown> }) => (parsed.push(id), data),
      generateDigest: (d: unknown) =>
        createHash('sha1')
          .update(typeof d === 'string' ? d : JSON.stringify(d))
          .digest('hex'),
      logger: { info: () => {} },
    },
  }
}

const load = async (collection: CollectionName, dir: string, c = context()) => {
  await snapshotLoader(collection, dir).load(c.ctx as never)
  return c
}

describe('the content loader over a snapshot folder', () => {
  it.each([
    ['report', ['report']],
    ['editions', ['arsrapport-2021', 'arsrapport-2023']],
    [
      'chapters',
      [
        'arsrapport-2021/beskrivelse-av-malomrade-2',
        'arsrapport-2021/beskrivelse-av-malomrade-3',
        'arsrapport-2021/del-1-tiltak-status-og-effekter',
        'arsrapport-2023/malbildet-for-arbeidet',
      ],
    ],
    ['measures', Array.from({ length: 17 }, (_, i) => String(i + 1))],
    ['goalAreas', ['1', '2', '3']],
    ['news', ['allmennlegetjenesten-styrkes-med-1-6-milliarder']],
  ] as const)('loads the %s collection of the fixture', async (collection, ids) => {
    const { store } = await load(collection, FIXTURE)
    expect([...store.keys()]).toEqual(ids)
  })

  it('gives every collection the shared schema, so the data is typed and checked by Astro too', () => {
    for (const name of Object.keys(COLLECTIONS) as CollectionName[]) {
      expect((snapshotLoader(name) as { schema?: unknown }).schema, name).toBe(COLLECTIONS[name])
    }
  })

  it('parses only the chapter files that changed since the last build, and drops deleted ones', async () => {
    const dir = copyFixture()
    const first = await load('chapters', dir)
    expect(first.parsed).toHaveLength(4)
    editChapter(dir, 'arsrapport-2021', 'beskrivelse-av-malomrade-2', (c) => {
      c.revisions[0].title = 'Beskrivelse av målområde 2 (rettet)'
    })
    fs.rmSync(chapterFile(dir, 'arsrapport-2021', 'beskrivelse-av-malomrade-3'))
    const second = context(first.store)
    await load('chapters', dir, second)
    expect(second.parsed).toEqual(['arsrapport-2021/beskrivelse-av-malomrade-2'])
    expect([...second.store.keys()]).not.toContain('arsrapport-2021/beskrivelse-av-malomrade-3')
    expect(
      (second.store.get('arsrapport-2021/beskrivelse-av-malomrade-2')!.data as { revisions: Array<{ title: string }> })
        .revisions[0].title,
    ).toBe('Beskrivelse av målområde 2 (rettet)')
  })
})

describe('chapter texts the loader read, for the pages of the same build', () => {
  const file = () => chapterFile(copyFixture(), 'arsrapport-2023', 'malbildet-for-arbeidet')
  const onDisk = (f: string) => fs.readFileSync(f, 'utf8')

  it('are what the loader kept, while the file is unchanged, and read from disk once taken', async () => {
    const dir = copyFixture()
    await load('chapters', dir)
    const f = chapterFile(dir, 'arsrapport-2023', 'malbildet-for-arbeidet')
    keepChapterText(f, fileStamp(f), 'som lasteren leste den')
    expect([chapterText(f), chapterText(f)]).toEqual(['som lasteren leste den', onDisk(f)])
  })

  it.each([
    ['a file changed since: read again', (f: string) => keepChapterText(f, '0:0:0', 'gammel tekst')],
    [
      'texts an earlier build left: forgotten by the next load',
      (f: string) => (keepChapterText(f, fileStamp(f), 'gammel tekst'), forgetChapterTexts()),
    ],
    ['a file the loader did not read: read', () => {}],
  ])('%s', (_name, before) => {
    const f = file()
    before(f)
    expect(chapterText(f)).toBe(onDisk(f))
  })

  it('spare the pages reading a file the loader has just read', async () => {
    const dir = copyFixture()
    await load('chapters', dir)
    const f = chapterFile(dir, 'arsrapport-2023', 'malbildet-for-arbeidet')
    const reads = vi.spyOn(fs, 'readFileSync')
    try {
      expect(chapterText(f)).toBe(onDisk(f))
      expect(reads.mock.calls.filter(([p]) => p === f)).toHaveLength(1) // onDisk's own read only
    } finally {
      reads.mockRestore()
    }
  })
})

describe('a bad snapshot stops the build with an error naming the file and the field', () => {
  const c21 = ['arsrapport-2021', 'beskrivelse-av-malomrade-2'] as const

  it.each([
    [
      'a date in Norwegian instead of ISO',
      (dir: string) => editChapter(dir, ...c21, (c) => void (c.revisions[0].lastProfessionalChange = '19. mai 2022')),
      'chapters',
      [
        'arsrapport-2021/beskrivelse-av-malomrade-2.json',
        'revisions[0].lastProfessionalChange: a day as YYYY-MM-DD (found "19. mai 2022")',
      ],
    ],
    [
      'a missing title',
      (dir: string) =>
        editChapter(dir, ...c21, (c) => void delete (c.revisions[0] as Partial<(typeof c.revisions)[0]>).title),
      'chapters',
      ['beskrivelse-av-malomrade-2.json', 'revisions[0].title:', '(found nothing)'],
    ],
    [
      'a measure number out of range',
      (dir: string) => editChapter(dir, ...c21, (c) => void (c.revisions[0].measures = [10, 18])),
      'chapters',
      ['beskrivelse-av-malomrade-2.json', 'revisions[0].measures[1]:', '(found 18)'],
    ],
    [
      'HTML that does not match its hash',
      (dir: string) => editChapter(dir, ...c21, (c) => void (c.revisions[0].html += '<p>Lagt til for hånd.</p>')),
      'chapters',
      ['beskrivelse-av-malomrade-2.json', 'revisions[0].htmlSha256: does not match the SHA-256 of revisions[0].html'],
    ],
    [
      'revisions out of order',
      (dir: string) =>
        editChapter(dir, ...c21, (c) => {
          c.revisions.push({ ...c.revisions[0], revision: 3 })
        }),
      'chapters',
      ['revisions[1].revision: expected 2'],
    ],
    [
      'a chapter filed under the wrong edition',
      (dir: string) => {
        fs.renameSync(chapterFile(dir, ...c21), chapterFile(dir, 'arsrapport-2023', 'beskrivelse-av-malomrade-2'))
      },
      'chapters',
      [
        'arsrapport-2023/beskrivelse-av-malomrade-2.json',
        'the file should be chapters/arsrapport-2021/beskrivelse-av-malomrade-2.json',
      ],
    ],
    [
      'a chapter of an edition that does not exist',
      (dir: string) => {
        fs.mkdirSync(path.join(dir, 'chapters/arsrapport-2025'))
        fs.copyFileSync(chapterFile(dir, ...c21), chapterFile(dir, 'arsrapport-2025', 'beskrivelse-av-malomrade-2'))
      },
      'chapters',
      [
        'arsrapport-2025/beskrivelse-av-malomrade-2.json',
        'edition: "arsrapport-2025" is not an edition in snapshot.json',
      ],
    ],
    [
      'a file that is not JSON',
      (dir: string) => fs.writeFileSync(chapterFile(dir, ...c21), '{ "edition": '),
      'chapters',
      ['beskrivelse-av-malomrade-2.json', 'not valid JSON'],
    ],
    [
      'an unknown measure status in snapshot.json',
      (dir: string) => {
        const file = path.join(dir, 'snapshot.json')
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"status": "completed"', '"status": "done"'))
      },
      'measures',
      ['snapshot.json', 'measures[0].statuses[1].status:', '(found "done")'],
    ],
    [
      'a news item whose HTML was changed by hand',
      (dir: string) => {
        const file = path.join(dir, 'snapshot.json')
        fs.writeFileSync(
          file,
          fs.readFileSync(file, 'utf8').replace('Regjeringen legger i dag frem', 'Regjeringen la frem'),
        )
      },
      'news',
      ['snapshot.json', 'news[0].htmlSha256: does not match'],
    ],
  ] as const)('%s', async (_case, spoil, collection, expected) => {
    const dir = copyFixture()
    spoil(dir)
    const error = await load(collection, dir).then(
      () => null,
      (e: Error) => e.message,
    )
    expect(error).not.toBeNull()
    for (const part of expected) expect(error).toContain(part)
  })

  it('names the missing folder when there is no snapshot', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-snapshot')
    await expect(load('editions', missing)).rejects.toThrow(
      `No content snapshot at ${missing} (the folder does not exist)`,
    )
  })
})

describe('npm run build', () => {
  it('fails with a message naming the missing snapshot folder, before starting Astro', () => {
    const missing = path.join(os.tmpdir(), 'no-such-snapshot')
    const result = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/build-site.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, SNAPSHOT_DIR: missing },
    })
    expect([result.status, result.stderr.trim()]).toEqual([
      1,
      `Cannot build the site: the snapshot folder ${missing} does not exist. Run \`npm run export\` first, or build from another snapshot with SNAPSHOT_DIR=<dir> (e.g. SNAPSHOT_DIR=tests/fixtures/snapshot npm run build).`,
    ])
  })
})
