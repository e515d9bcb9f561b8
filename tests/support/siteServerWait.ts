/**
 * Asks `check` every 100 ms until it gives a value, and gives it; past `ms` throws, naming
 * what it waited for and ending with what the server wrote last.
 */
export const waitForServer = async <T>(
  server: { output: () => string },
  what: string,
  check: () => Promise<T | false | null | undefined>,
  ms: number,
): Promise<T> => {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${server.output().slice(-3000)}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** The body of a PATCH that publishes a chapter as this major revision with this title. */
export const majorRevision = (title: string, revision: number) => ({
  _status: 'published',
  title,
  updateType: 'major',
  changeNote: `Revisjon ${revision}.`,
})
