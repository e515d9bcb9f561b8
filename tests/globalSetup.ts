/**
 * Builds the admin UI once per test run (a no-op when the build on disk is of the current
 * sources), so that tests which start the server never build it themselves.
 */
export default async function setup() {
  if (process.env.SKIP_ADMIN_BUILD === '1') return
  const { ensureAdminBuild } = await import('../cms/src/lib/adminBuild')
  ensureAdminBuild((line) => console.log(line))
}
