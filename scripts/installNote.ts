/**
 * Run by `npm install` / `npm ci` when they finish (the root package's postinstall). npm runs on
 * the machine's Node, which may be older than what Astro, vitest and a few others declare
 * (Node 22.12 or newer); npm then warns about each of them (EBADENGINE). The project runs them
 * on its own Node (the `node` package) instead, so this says, once, why the warnings can be
 * left alone. On a Node new enough it prints nothing.
 *
 * Plain TypeScript that Node runs as it is (type stripping), with nothing but Node's own modules.
 */
import { execFileSync } from 'node:child_process'

const NEEDED = [22, 12]

const npmNode = process.env.npm_node_execpath
const version = (node: string): string =>
  execFileSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()

export const olderThanNeeded = (v: string): boolean => {
  const [major = 0, minor = 0] = v.split('.').map(Number)
  return major < NEEDED[0] || (major === NEEDED[0] && minor < NEEDED[1])
}

if (npmNode) {
  const machine = version(npmNode)
  if (olderThanNeeded(machine)) {
    console.log(
      `\nMerk: npm kjørte på maskinens Node ${machine} og advarte (EBADENGINE) om pakker som krever Node ${NEEDED.join('.')} eller nyere. ` +
        `Prosjektet kjører dem på sin egen Node ${process.versions.node} (pakken «node»), som npm start, npm test og alle npm run-kommandoer bruker, ` +
        'så advarslene kan overses. Med Node 22.12 eller nyere på maskinen kommer de ikke.\n',
    )
  }
}
