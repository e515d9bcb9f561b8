/**
 * The generation of the stored content: a number that changes whenever a document of any
 * collection is changed or deleted (see hooks/invalidateReads.ts). An answer computed from the
 * database is valid for as long as the generation it was computed under is current. It lives
 * on the global object, so that every copy of this module (the server's and the admin build's)
 * counts the same changes.
 */
const KEY = Symbol.for('rapport.readGeneration')

type Holder = { [KEY]?: number }

export const readGeneration = (): number => (globalThis as Holder)[KEY] ?? 0

export const bumpReadGeneration = (): void => {
  const holder = globalThis as Holder
  holder[KEY] = (holder[KEY] ?? 0) + 1
}
