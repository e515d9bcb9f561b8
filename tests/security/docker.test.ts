/**
 * The Docker image (Dockerfile, .dockerignore). There is no Docker engine on the machines this
 * project runs its tests on, so:
 * - the build's own step, `npm run build:admin`, is run as the Dockerfile runs it, and must write
 *   nothing into the data folder (no secret in an image layer);
 * - the Dockerfile is read and checked for what matters: two stages on the same Node, an
 *   unprivileged user, a health check with `node`, no secret and no data folder in the image,
 *   and no second Node installed;
 * - with DOCKER_REHEARSAL=1, the Dockerfile is carried out without Docker (tests/support/
 *   dockerRehearsal.ts): both stages' install and build commands in folders of their own, then
 *   the runtime stage's CMD as its user on a free port, until /healthz and the reader site
 *   answer. About 5–10 minutes: two installs and an admin build.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { contextIgnores, envOf, execForm, readDockerfile, type Stage } from '../support/dockerfile'
import { rehearseImage, runHealthcheck, runInImage, startImage, type RehearsedImage } from '../support/dockerRehearsal'
import { ROOT, freePort, pollUntil } from '../support/server'

const stages = readDockerfile(path.join(ROOT, 'Dockerfile'))
const runtime = stages.at(-1)!
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'))
const ignored = contextIgnores(path.join(ROOT, '.dockerignore'))

const steps = (stage: Stage, keyword: string) => stage.steps.filter((step) => step.keyword === keyword)
const runCommands = (stage: Stage) => steps(stage, 'RUN').map((step) => step.content)
const npmInstalls = (stage: Stage) =>
  runCommands(stage).flatMap((command) =>
    command
      .split('&&')
      .map((part) => part.trim())
      .filter((part) => /^npm (ci|install|i)\b/.test(part)),
  )
const majorOf = (version: string) => Number(/(\d+)/.exec(version)![1])
const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix))

describe('the admin build, as the Dockerfile runs it', () => {
  it('writes nothing into the data folder: no secret, not even the folder', () => {
    const dataDir = path.join(tempDir('rapport-build-'), 'data')
    const env = { ...process.env, NODE_ENV: '', DATA_DIR: dataDir, DATABASE_URL: '' } as unknown as NodeJS.ProcessEnv
    delete env.PAYLOAD_SECRET
    const build = spawnSync('npm', ['run', 'build:admin'], { cwd: ROOT, env, encoding: 'utf8' })
    expect(build.status, build.stdout + build.stderr).toBe(0)
    expect(fs.existsSync(dataDir)).toBe(false)
  }, 900_000)

  it('loads the config (as code generation and `next build` do) without making the data folder', () => {
    const dataDir = path.join(tempDir('rapport-config-'), 'data')
    const load = spawnSync(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['--eval', "import('./cms/src/payload.config.ts').then((m) => m.default).then(() => process.exit(0))"],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          PAYLOAD_SECRET: 'x'.repeat(64),
          DATA_DIR: dataDir,
          DATABASE_URL: '',
        },
        encoding: 'utf8',
      },
    )
    expect(load.status, load.stdout + load.stderr).toBe(0)
    expect(fs.existsSync(dataDir)).toBe(false)
  }, 120_000)
})

describe('the Dockerfile', () => {
  it('builds in one stage and runs from another, both on the base image Node 24 that the project pins', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2)
    const pinned = majorOf(packageJson.devDependencies.node)
    expect(stages.map((stage) => [stage.image.split(':')[0], majorOf(stage.image.split(':')[1])])).toEqual(
      stages.map(() => ['node', pinned]),
    )
  })

  it('runs as a numeric user that is not root, and hands it the data folder', () => {
    const users = steps(runtime, 'USER').map((step) => step.content)
    const user = users.at(-1)!
    expect(user).toMatch(/^\d+(:\d+)?$/)
    expect(user.split(':')[0]).not.toBe('0')
    expect(
      runCommands(runtime).some((command) =>
        command.includes(`chown ${user.includes(':') ? user : `${user}:${user}`} data`),
      ),
    ).toBe(true)
  })

  it('checks /healthz with node (no curl or wget in the image)', () => {
    const [healthcheck] = steps(runtime, 'HEALTHCHECK')
    expect(healthcheck).toBeDefined()
    const command = execForm(healthcheck)
    expect(command[0]).toBe('node')
    expect(command.join(' ')).toContain('/healthz')
    expect(stages.flatMap(runCommands).join('\n')).not.toMatch(/\b(curl|wget)\b/)
  })

  it.each([
    [
      'sets no PAYLOAD_SECRET (it is given when the container starts)',
      () =>
        stages
          .flatMap((stage) => [
            ...steps(stage, 'ENV').flatMap((step) => Object.keys(envOf(step))),
            ...steps(stage, 'ARG').map((step) => step.content),
          ])
          .filter((name) => name.startsWith('PAYLOAD_SECRET')),
    ],
    [
      'copies no data folder into an image',
      () =>
        stages
          .flatMap((stage) => steps(stage, 'COPY').flatMap((step) => step.words.slice(0, -1)))
          .filter((source) => /(^|\/)data(\/|$)/.test(source)),
    ],
    [
      'writes no secret file',
      () => stages.flatMap(runCommands).filter((command) => command.includes('.payload-secret')),
    ],
  ])('%s', (_behaviour, offending) => {
    expect(offending()).toEqual([])
  })

  it('installs no second Node: every npm install skips the `node` package’s download, and the runtime stage installs production dependencies only', () => {
    const installs = stages.flatMap(npmInstalls)
    expect(installs.length).toBeGreaterThan(0)
    for (const install of installs) expect(install).toMatch(/--ignore-scripts|--omit=dev/)
    expect(npmInstalls(runtime).every((install) => install.includes('--omit=dev'))).toBe(true)
    // The lock marks what only devDependencies need; `npm ci --omit=dev` leaves exactly that out.
    expect(lock.packages['node_modules/node']).toMatchObject({ dev: true })
    expect(packageJson.allowScripts).toEqual({ node: true, esbuild: false })
  })

  it('starts with a program the production dependencies have', () => {
    const [program] = execForm(steps(runtime, 'CMD').at(-1)!)
    const name = path.basename(program)
    expect(program).toBe(`node_modules/.bin/${name}`)
    expect(lock.packages[`node_modules/${name}`]).toBeDefined()
    expect(lock.packages[`node_modules/${name}`].dev).toBeUndefined()
  })
})

describe('the build context (.dockerignore)', () => {
  it.each([
    ['data/.payload-secret', 'left out'],
    ['data/payload.db', 'left out'],
    ['data/site-builds/1/index.html', 'left out'],
    ['node_modules/payload/package.json', 'left out'],
    ['cms/node_modules/x/package.json', 'left out'],
    ['cms/.next/BUILD_ID', 'left out'],
    ['site/dist/index.html', 'left out'],
    ['test-results/screenshots/admin.png', 'left out'],
    ['tmp/bench-pipeline-seed-1/payload.db', 'left out'],
    ['.git/HEAD', 'left out'],
    ['.env', 'left out'],
    ['cms/.env', 'left out'],
    ['package.json', 'kept'],
    ['package-lock.json', 'kept'],
    ['tsconfig.json', 'kept'],
    ['cms/src/server.ts', 'kept'],
    ['cms/next.config.mjs', 'kept'],
    ['site/astro.config.mjs', 'kept'],
    ['scripts/build-site.ts', 'kept'],
    ['content/sources.json', 'kept'],
  ])('%s is %s', (file, fate) => {
    expect(ignored(file)).toBe(fate === 'left out')
  })
})

const rehearse = process.env.DOCKER_REHEARSAL === '1'

describe.skipIf(!rehearse)('the image, rehearsed without Docker (DOCKER_REHEARSAL=1)', () => {
  let work: string
  let image: RehearsedImage
  let running: ReturnType<typeof startImage> | undefined
  let url: string
  const env: Record<string, string> = { PAYLOAD_SECRET: 'a'.repeat(64), LOG_LEVEL: 'warn' }

  beforeAll(async () => {
    work = tempDir('rapport-image-')
    image = rehearseImage({
      context: ROOT,
      dockerfile: path.join(ROOT, 'Dockerfile'),
      work,
      nodeBinary: fs.realpathSync(path.join(ROOT, 'node_modules/.bin/node')),
      log: (line) => console.log(line),
    })
    env.PORT = String(await freePort())
    url = `http://127.0.0.1:${env.PORT}`
    // A production start needs the site's public address.
    env.SITE_URL = `http://localhost:${env.PORT}`
    running = startImage(image, env)
    const up = await pollUntil(async () => (await fetch(`${url}/healthz`).catch(() => null))?.ok === true, 240_000)
    if (!up) throw new Error(`the image's server did not answer /healthz:\n${running.output()}`)
  }, 1_800_000)

  afterAll(async () => {
    if (running?.child.pid && running.child.exitCode === null) {
      const exited = new Promise((resolve) => running!.child.once('exit', resolve))
      process.kill(-running.child.pid, 'SIGTERM')
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))])
      if (running.child.exitCode === null) process.kill(-running.child.pid, 'SIGKILL')
    }
    if (work && process.env.KEEP_TEST_TMP !== '1') fs.rmSync(work, { recursive: true, force: true })
  }, 60_000)

  it('built the admin without writing a data folder in any stage but the one the runtime user owns', () => {
    expect(fs.existsSync(path.join(image.roots.build, 'app', 'data'))).toBe(false)
    const data = fs.statSync(path.join(image.workdir, 'data'))
    expect([data.uid, data.gid]).toEqual([image.user!.uid, image.user!.gid])
  })

  it('has one Node, the base image’s Node 24: no `node` package in either stage', () => {
    expect(runInImage(image, ['node', '--version'])).toMatch(/^v24\./)
    expect(runInImage(image, ['sh', '-c', 'command -v node'])).toBe(path.join(image.env.PATH.split(':')[0], 'node'))
    for (const root of Object.values(image.roots)) {
      expect(fs.existsSync(path.join(root, 'app', 'node_modules', 'node'))).toBe(false)
      expect(fs.existsSync(path.join(root, 'app', 'node_modules', '.bin', 'node'))).toBe(false)
    }
  })

  it('answers /healthz, and its HEALTHCHECK passes, as the unprivileged user', () => {
    expect(runHealthcheck(image, env)).toBe(0)
    const owners = fs
      .readdirSync(path.join(image.workdir, 'data'))
      .map((name) => fs.statSync(path.join(image.workdir, 'data', name)).uid)
    expect(new Set(owners)).toEqual(new Set([image.user!.uid]))
  })

  it('builds the reader site from the seeded report and serves it', async () => {
    const built = await pollUntil(async () => {
      const health = await (await fetch(`${url}/healthz`)).json()
      return health.site?.lastBuild?.result === 'succeeded'
    }, 600_000)
    expect(built, running?.output()).toBe(true)
    expect((await fetch(`${url}/`)).status).toBe(200)
  }, 620_000)

  it('has the server write nothing in the image but the data folder and site/.astro', () => {
    const written = spawnSync(
      'find',
      ['.', '-uid', String(image.user!.uid), '-not', '-path', './data/*', '-not', '-path', './site/.astro/*'],
      { cwd: image.workdir, encoding: 'utf8' },
    )
    expect(written.stdout.trim().split('\n').sort()).toEqual(['./data', './site/.astro'])
  })

  it('serves the admin app (the built admin, not a rebuild)', async () => {
    expect((await fetch(`${url}/admin`)).status).toBe(200)
    expect(running?.output()).not.toContain('Building the admin UI')
  })
})
