/** A page that cannot be imported: names the file, the line and what was expected there. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly expected: string,
  ) {
    super(`${file}:${line}: ${expected}`)
    this.name = 'ImportError'
  }
}
