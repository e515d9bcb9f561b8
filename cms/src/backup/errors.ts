/**
 * A backup or restore that cannot go on, with a message in Norwegian for the person running
 * it. The command-line tools print it as it is; any other error is unexpected.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

/**
 * What a command-line tool does when a backup or restore fails: prints the BackupError's own
 * message, or `<what> feilet:` with the unexpected error, and exits with status 1.
 */
export const failWith =
  (what: string) =>
  (error: unknown): never => {
    console.error(
      error instanceof BackupError
        ? error.message
        : `${what} feilet: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    )
    process.exit(1)
  }
