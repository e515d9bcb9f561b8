/**
 * Backup and restore through the real server and the npm scripts: a backup taken while
 * chapters are published and drafts saved, the data folder wiped, the backup restored, and a
 * server started on it serves the same content — the same exported snapshot (file by file
 * SHA-256) and every revision page byte for byte — with the same build history and logins.
 * An archive with a damaged file and a folder that is not empty or in use are refused, and the
 * folder is left as it was (tests/cms/backup.test.ts damages archives in other ways).
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

import * as tar from 'tar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { BackupManifest } from '../../cms/src/backup/manifest'
import { apiRequest, ROOT, startServerProcess, type ServerProcess } from '../support/server'
import { siteHealth } from '../support/siteHealth'

const PASSWORD = 'korrekt-hest-batteri-stift'
const EMAIL = 'admin@example.no'
const CHAPTER = 'malbildet-for-arbeidet'
const CHAPTER_PAGE = '/arsrapport-2023/malbildet-for-arbeidet/'
const DRAFT_CHAPTER = 'beskrivelse-av-malomrade-3'

type Build = { id: string; result: string }
/** What readers and the export see at one moment: the snapshot's files and every revision page, each by SHA-256. */
type SiteState = { snapshot: Record<string, string>; pages: Record<string, string> }

let server: ServerProcess
let restored: ServerProcess | undefined
let token: string
let chapterId: number
let draftChapterId: number
let dataDir: string
let archive: string
let revision = 1

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')

const waitFor = async (srv: ServerProcess, what: string, check: () => Promise<boolean>, ms = 170_000) => {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out waiting for ${what}:\n${srv.output().slice(-3000)}`)
}

const health = (srv: ServerProcess) => siteHealth(srv.url)

/** Waits until no build runs or waits and the last one succeeded, so the snapshot and the site are of the same content. */
const settled = (srv: ServerProcess) =>
  waitFor(srv, 'the builds to finish', async () => {
    const { site } = await health(srv)
    return (
      !site.building &&
      site.queued === 0 &&
      site.lastBuild?.result === 'succeeded' &&
      !site.liveBuild?.endsWith('.pages')
    )
  })

/** The files of the snapshot the server exported into its data folder, by SHA-256. */
const snapshotHashes = (dir: string): Record<string, string> => {
  const root = path.join(dir, 'snapshot')
  const out: Record<string, string> = {}
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(root, rel)).sort()) {
      const child = rel ? `${rel}/${name}` : name
      if (fs.statSync(path.join(root, child)).isDirectory()) walk(child)
      else out[child] = sha256(fs.readFileSync(path.join(root, child)))
    }
  }
  walk('')
  return out
}

/** Every revision page the server lists in /api/revisjoner.json, by SHA-256 of the bytes it serves. */
const revisionPages = async (srv: ServerProcess): Promise<Record<string, string>> => {
  const list = (await (await fetch(`${srv.url}/api/revisjoner.json`)).json()) as {
    chapters: Array<{ revisions: Array<{ url: string }> }>
  }
  const out: Record<string, string> = {}
  for (const url of list.chapters.flatMap((c) => c.revisions.map((r) => r.url))) {
    const response = await fetch(`${srv.url}${url}`)
    expect(response.status, url).toBe(200)
    out[url] = sha256(Buffer.from(await response.arrayBuffer()))
  }
  return out
}

const siteState = async (srv: ServerProcess): Promise<SiteState> => {
  await settled(srv)
  return { snapshot: snapshotHashes(srv.dataDir), pages: await revisionPages(srv) }
}

/** Publishes a new major revision of the chapter and waits until it is live and the build done. */
const publish = async () => {
  revision++
  const title = `Målbildet for arbeidet, revisjon ${revision}`
  const r = await apiRequest(
    server.url,
    'PATCH',
    `/chapters/${chapterId}`,
    { _status: 'published', title, updateType: 'major', changeNote: `Revisjon ${revision}.` },
    token,
  )
  expect(r.status).toBe(200)
  await waitFor(server, `revision ${revision} live`, async () =>
    (await (await fetch(`${server.url}${CHAPTER_PAGE}`)).text()).includes(title),
  )
}

/** Runs `npm run <script> -- <args>` on a data folder; resolves with its exit code and output. */
const npmRun = (script: string, args: string[], dir: string) =>
  new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve) => {
    const started = Date.now()
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', NODE_ENV: '' } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }))
  })

/** Every file under a folder with its SHA-256 (links by target), to see that nothing changed. */
const folderTree = (root: string): Record<string, string> => {
  const out: Record<string, string> = {}
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(root, rel)).sort()) {
      const child = rel ? `${rel}/${name}` : name
      const st = fs.lstatSync(path.join(root, child))
      if (st.isSymbolicLink()) out[child] = `-> ${fs.readlinkSync(path.join(root, child))}`
      else if (st.isDirectory()) walk(child)
      else out[child] = sha256(fs.readFileSync(path.join(root, child)))
    }
  }
  walk('')
  return out
}

const readManifest = async (file: string): Promise<BackupManifest> => {
  let text = ''
  await tar.list({
    file,
    onReadEntry: (entry) => {
      if (entry.path === 'manifest.json') entry.on('data', (d: Buffer) => (text += d))
    },
  })
  return JSON.parse(text) as BackupManifest
}

/** One public address for both servers (each listens on a port of its own), so that their pages can be compared byte for byte. */
const SITE = { SITE_URL: 'https://rapport.example.no' }

beforeAll(async () => {
  server = await startServerProcess(SITE)
  dataDir = server.dataDir
  archive = path.join(path.dirname(dataDir), `${path.basename(dataDir)}-sikkerhetskopi.tar.gz`)
  const first = await apiRequest(server.url, 'POST', '/users/first-register', {
    email: EMAIL,
    password: PASSWORD,
    name: 'Admin',
  })
  expect(first.status).toBe(200)
  token = first.json.token
  chapterId = (await apiRequest(server.url, 'GET', `/chapters?where[slug][equals]=${CHAPTER}`)).json.docs[0].id
  draftChapterId = (await apiRequest(server.url, 'GET', `/chapters?where[slug][equals]=${DRAFT_CHAPTER}`)).json.docs[0]
    .id
  await settled(server)
}, 300_000)

afterAll(async () => {
  await restored?.stop()
  await server?.stop()
  fs.rmSync(archive, { force: true })
})

describe('a backup taken while chapters are published, restored into a wiped data folder', () => {
  it('gives a server with the same snapshot, the same revision pages, the same history and the same logins', async () => {
    // What readers saw after each publish; the backup's database is one of these moments.
    const states: SiteState[] = []
    for (let i = 0; i < 2; i++) {
      await publish()
      states.push(await siteState(server))
    }
    const before = states.length

    // The backup runs while three more revisions are published, and drafts are saved throughout.
    let backupDone = false
    let drafts = 0
    const draftSaves = (async () => {
      while (!backupDone) {
        const r = await apiRequest(
          server.url,
          'PATCH',
          `/chapters/${draftChapterId}?draft=true`,
          { title: `Et utkast ${++drafts}` },
          token,
        )
        expect(r.status).toBe(200)
      }
    })()
    const publishes = (async () => {
      for (let i = 0; i < 3; i++) {
        await publish()
        states.push(await siteState(server))
      }
    })()
    await new Promise((r) => setTimeout(r, 300))
    const backup = await npmRun('backup', [archive], dataDir)
    backupDone = true
    await Promise.all([draftSaves, publishes])
    expect(backup.stderr).toBe('')
    expect(backup.code).toBe(0)
    expect(backup.stdout).toMatch(
      /^Sikkerhetskopi skrevet til .*: [\d,]+ MB \(\d+ filer, [\d,]+ MB ukomprimert\) på [\d,]+ s\./,
    )
    expect(drafts).toBeGreaterThan(0)
    console.log(
      `backup while publishing: ${backup.stdout.split('\n')[0]} (npm run backup: ${backup.ms} ms, ${drafts} draft saves meanwhile)`,
    )
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600)
    const manifest = await readManifest(archive)
    expect(manifest.database.kind).toBe('sqlite')
    expect(manifest.liveBuild).toMatch(/^\d{4}-/)

    // The live build as the server has it, to compare with what the restore puts back.
    const liveBuild = folderTree(path.join(dataDir, 'site-builds', manifest.liveBuild!))
    expect(Object.keys(liveBuild)).toContain('api/revisjoner.json')
    expect(Object.keys(liveBuild).filter((f) => /^arkiv\/[^/]+\.tar\.gz$/.test(f)).length).toBeGreaterThan(0)

    // Restoring while the server runs on the folder is refused, even with --force.
    const inUse = await npmRun('restore', [archive, '--force'], dataDir)
    expect(inUse.code).toBe(1)
    expect(inUse.stderr).toMatch(/bruker datamappa .*Stopp den før du gjenoppretter/)

    // Stopped, wiped (the data folder removed), made again empty, restored.
    await server.stop()
    expect(fs.existsSync(dataDir)).toBe(false)
    fs.mkdirSync(dataDir)
    const restore = await npmRun('restore', [archive], dataDir)
    expect(restore.stderr).toBe('')
    expect(restore.code).toBe(0)
    expect(restore.stdout).toMatch(/^Sikkerhetskopien fra .* er gjenopprettet i /)
    console.log(`restore: ${restore.stdout.split('\n')[0]} (npm run restore: ${restore.ms} ms)`)
    expect(fs.readlinkSync(path.join(dataDir, 'site'))).toBe(`site-builds/${manifest.liveBuild}`)
    expect(folderTree(path.join(dataDir, 'site-builds', manifest.liveBuild!))).toEqual(liveBuild)
    const history = JSON.parse(fs.readFileSync(path.join(dataDir, 'builds.json'), 'utf8')) as Build[]

    restored = await startServerProcess(SITE, { dataDir })
    const after = await siteState(restored)
    // The state whose revisions the restored server lists: at least every publish made before the backup began.
    const match = states.findIndex((s) => Object.keys(s.pages).join() === Object.keys(after.pages).join())
    expect(
      match,
      `restored revisions: ${Object.keys(after.pages)
        .filter((u) => u.includes(CHAPTER))
        .join(', ')}`,
    ).toBeGreaterThanOrEqual(before - 1)
    console.log(
      `the backup's database holds the content after publish ${match + 1} of ${states.length} (${before} before the backup began)`,
    )
    expect(after.snapshot).toEqual(states[match].snapshot)
    expect(after.pages).toEqual(states[match].pages)

    // The same logins (users and secret) and the same build history, under the restored server's own first build.
    const login = await apiRequest(restored.url, 'POST', '/users/login', { email: EMAIL, password: PASSWORD })
    expect(login.status).toBe(200)
    const status = (await apiRequest(restored.url, 'GET', '/site-builds', undefined, login.json.token)).json as {
      builds: Build[]
    }
    const start = status.builds.findIndex((b) => b.id === history[0].id)
    expect(start).toBeGreaterThan(0)
    expect(status.builds.slice(start).map((b) => b.id)).toEqual(
      history.slice(0, status.builds.length - start).map((b) => b.id),
    )
    for (const b of status.builds.slice(start)) {
      const was = history.find((h) => h.id === b.id)!
      if (was.result !== 'running') expect(b).toEqual(was)
    }
  }, 900_000)
})

describe('restore refuses', () => {
  it('an archive with a damaged file, in Norwegian, naming the file, and leaves the data folder as it was', async () => {
    expect(restored, 'the round trip ran').toBeDefined()
    await restored!.kill()
    const before = folderTree(dataDir)
    // One byte of builds.json changed, the tar and gzip around it still valid: only the manifest's SHA-256 tells.
    const tarBytes = zlib.gunzipSync(fs.readFileSync(archive))
    let header = -1
    for (let at = 0; at < tarBytes.length && header < 0; at += 512)
      if (tarBytes.subarray(at, at + 17).toString('latin1') === 'data/builds.json\0') header = at
    expect(header).toBeGreaterThan(0)
    tarBytes[header + 512] ^= 0x01
    const damaged = `${archive}.skadet.tar.gz`
    fs.writeFileSync(damaged, zlib.gzipSync(tarBytes))
    try {
      const result = await npmRun('restore', [damaged, '--force'], dataDir)
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(
        /^Sikkerhetskopien .* er skadet: 1 fil stemmer ikke med manifestet\.\n {2}data\/builds\.json: SHA-256 stemmer ikke med manifestet\nDatamappa er ikke endret\.\n$/,
      )
      expect(folderTree(dataDir)).toEqual(before)
      expect(fs.readdirSync(path.dirname(dataDir)).filter((n) => n.startsWith(`.${path.basename(dataDir)}.`))).toEqual(
        [],
      )
    } finally {
      fs.rmSync(damaged, { force: true })
    }
  }, 120_000)

  it('a data folder that is not empty, unless --force', async () => {
    const before = folderTree(dataDir)
    const result = await npmRun('restore', [archive], dataDir)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^Datamappa .* er ikke tom\. .*--force/)
    expect(folderTree(dataDir)).toEqual(before)
  }, 120_000)
})
