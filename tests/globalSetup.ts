/**
 * Once per test run: builds the admin UI (a no-op when the build on disk is of the current
 * sources), so that tests which start the server never build it themselves; and gives the run
 * a temporary folder of its own (TMPDIR, inherited by the test workers and every process they
 * start), removed when the run ends, so test runs leave nothing behind in the system's temp
 * folder. KEEP_TEST_TMP=1 keeps it to look into.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export default async function setup() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-tests-'))
  const before = process.env.TMPDIR
  process.env.TMPDIR = tmp
  if (process.env.SKIP_ADMIN_BUILD !== '1') {
    const { ensureAdminBuild } = await import('../cms/src/lib/adminBuild')
    ensureAdminBuild((line) => console.log(line))
  }
  return () => {
    if (before === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = before
    if (process.env.KEEP_TEST_TMP === '1') console.log(`Test files kept in ${tmp}`)
    else fs.rmSync(tmp, { recursive: true, force: true })
  }
}
