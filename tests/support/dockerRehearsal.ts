/**
 * Carries out the Dockerfile without Docker, as closely as a machine without a Docker engine
 * allows: each stage in a folder of its own, its COPY instructions from the build context (less
 * what .dockerignore leaves out) or an earlier stage, its RUN commands in `sh` with the stage's
 * environment and working folder, as root until a USER instruction and as that user after.
 * "The base image" is the Node 24 binary and npm on an otherwise bare PATH.
 *
 * What this cannot show: the base image's own files and users, the layers, Docker's own
 * parsing. RUN commands must use paths relative to WORKDIR (the Dockerfile says so).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { contextIgnores, envOf, execForm, readDockerfile, type Stage } from './dockerfile'

export type RehearsedImage = {
  /** Each stage's root folder (its `/`), by stage name. */
  roots: Record<string, string>
  /** The final stage's working folder, environment and user. */
  workdir: string
  env: Record<string, string>
  user: { uid: number; gid: number } | null
  cmd: string[]
  healthcheck: string[] | null
}

/** An environment as child processes take it. */
const processEnv = (env: Record<string, string>) => env as unknown as NodeJS.ProcessEnv

const BARE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

/** The host's way to the registry (a proxy, its certificate), as a builder passes it to `docker build`. */
const NETWORK_VARIABLES = [
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
]
const hostNetwork = () =>
  Object.fromEntries(NETWORK_VARIABLES.filter((name) => process.env[name]).map((name) => [name, process.env[name]!]))

/** A folder with `node` (Node 24, the base image's) and `npm`, first on every PATH here. */
const baseImageBin = (work: string, nodeBinary: string): string => {
  const bin = path.join(work, 'base-image-bin')
  fs.mkdirSync(bin, { recursive: true })
  fs.copyFileSync(nodeBinary, path.join(bin, 'node'))
  fs.chmodSync(path.join(bin, 'node'), 0o755)
  for (const tool of ['npm', 'npx']) fs.symlinkSync(fs.realpathSync(`/usr/bin/${tool}`), path.join(bin, tool))
  return bin
}

/** `/app` in a stage → that folder under the stage's root; a relative path → under the working folder. */
const inStage = (root: string, workdir: string, target: string) =>
  path.isAbsolute(target) ? path.join(root, target) : path.join(workdir, target)

const parseUser = (spec: string) => {
  const [uid, gid = uid] = spec.split(':')
  if (!/^\d+$/.test(uid) || !/^\d+$/.test(gid)) throw new Error(`USER ${spec}: only numeric users can be rehearsed`)
  return { uid: Number(uid), gid: Number(gid) }
}

/** The command line that runs `argv` as `user` (setpriv), or as is. */
export const asUser = (user: RehearsedImage['user'], argv: string[]) =>
  user ? ['setpriv', `--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--', ...argv] : argv

const copyInto = (sources: string[], dest: string, filter: (src: string) => boolean) => {
  const intoFolder = dest.endsWith('/') || sources.length > 1
  for (const source of sources) {
    if (fs.statSync(source).isDirectory()) {
      fs.mkdirSync(dest, { recursive: true })
      for (const entry of fs.readdirSync(source)) {
        const from = path.join(source, entry)
        if (filter(from)) fs.cpSync(from, path.join(dest, entry), { recursive: true, verbatimSymlinks: true, filter })
      }
    } else {
      fs.mkdirSync(intoFolder ? dest : path.dirname(dest), { recursive: true })
      fs.copyFileSync(source, intoFolder ? path.join(dest, path.basename(source)) : dest)
    }
  }
}

/** Lets every user pass through `dir` and the folders above it (a test run's temporary folder is its owner's only). */
const openToAll = (dir: string) => {
  for (let folder = path.resolve(dir); ; folder = path.dirname(folder)) {
    const mode = fs.statSync(folder).mode
    if ((mode & 0o005) !== 0o005) fs.chmodSync(folder, mode | 0o005)
    if (folder === path.dirname(folder)) return
  }
}

/** Runs every stage of `dockerfile` with `context` as the build context, in `work`. */
export const rehearseImage = (opts: {
  context: string
  dockerfile: string
  work: string
  nodeBinary: string
  log?: (line: string) => void
}): RehearsedImage => {
  const log = opts.log ?? (() => {})
  openToAll(opts.work)
  const bin = baseImageBin(opts.work, opts.nodeBinary)
  const ignored = contextIgnores(path.join(opts.context, '.dockerignore'))
  const fromContext = (src: string) => {
    const relative = path.relative(opts.context, src).split(path.sep).join('/')
    return relative === '' || !ignored(relative)
  }
  const roots: Record<string, string> = {}
  let last: RehearsedImage | null = null

  for (const stage of readDockerfile(opts.dockerfile) as Stage[]) {
    const root = path.join(opts.work, 'stages', stage.name)
    fs.mkdirSync(root, { recursive: true })
    roots[stage.name] = root
    // Root's home in the stage, as in the image: npm's cache there, never the host's.
    const home = path.join(root, 'root')
    fs.mkdirSync(home, { recursive: true })
    const image: RehearsedImage = {
      roots,
      workdir: root,
      env: { PATH: `${bin}:${BARE_PATH}`, HOME: home, ...hostNetwork() },
      user: null,
      cmd: [],
      healthcheck: null,
    }
    for (const step of stage.steps) {
      switch (step.keyword) {
        case 'WORKDIR':
          image.workdir = inStage(root, image.workdir, step.content)
          fs.mkdirSync(image.workdir, { recursive: true })
          break
        case 'ENV':
          Object.assign(image.env, envOf(step))
          break
        case 'COPY': {
          const base = step.flags.from ? roots[step.flags.from] : opts.context
          if (!base) throw new Error(`COPY --from=${step.flags.from}: no such stage`)
          const sources = step.words.slice(0, -1).map((src) => path.join(base, src))
          copyInto(
            sources,
            inStage(root, image.workdir, step.words.at(-1)!),
            step.flags.from ? () => true : fromContext,
          )
          break
        }
        case 'RUN': {
          log(`[${stage.name}] RUN ${step.content}`)
          const [command, ...args] = asUser(image.user, ['sh', '-c', step.content])
          const run = spawnSync(command, args, { cwd: image.workdir, env: processEnv(image.env), stdio: 'inherit' })
          if (run.status !== 0)
            throw new Error(`[${stage.name}] RUN ${step.content} failed with ${run.status ?? run.signal}`)
          break
        }
        case 'USER':
          image.user = parseUser(step.content)
          image.env.HOME = path.join(root, 'home', 'node')
          fs.mkdirSync(image.env.HOME, { recursive: true })
          fs.chownSync(image.env.HOME, image.user.uid, image.user.gid)
          break
        case 'HEALTHCHECK':
          image.healthcheck = execForm(step)
          break
        case 'CMD':
          image.cmd = execForm(step)
          break
        case 'EXPOSE':
          break
        default:
          throw new Error(`${step.keyword} cannot be rehearsed`)
      }
    }
    last = image
  }
  if (!last) throw new Error('the Dockerfile has no stage')
  return last
}

/** Starts the final stage's CMD as its user, with `env` over the image's environment. */
export const startImage = (
  image: RehearsedImage,
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } => {
  let output = ''
  const [command, ...args] = asUser(image.user, image.cmd)
  const child = spawn(command, args, {
    cwd: image.workdir,
    env: processEnv({ ...image.env, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  return { child, output: () => output }
}

/** Runs a command in the final stage, as its user, with its environment; what it printed. */
export const runInImage = (image: RehearsedImage, argv: string[]): string => {
  const [command, ...args] = asUser(image.user, argv)
  const run = spawnSync(command, args, { cwd: image.workdir, env: processEnv(image.env), encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`${argv.join(' ')} failed: ${run.stderr}`)
  return run.stdout.trim()
}

/** Runs the HEALTHCHECK command as the image would; its exit code. */
export const runHealthcheck = (image: RehearsedImage, env: Record<string, string>): number | null => {
  if (!image.healthcheck) throw new Error('the image has no HEALTHCHECK')
  const [command, ...args] = asUser(image.user, image.healthcheck)
  return spawnSync(command, args, { cwd: image.workdir, env: processEnv({ ...image.env, ...env }), timeout: 5000 })
    .status
}
