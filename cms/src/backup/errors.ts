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
