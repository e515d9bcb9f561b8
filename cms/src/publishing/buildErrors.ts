import { stripVTControlCharacters } from 'node:util'

import type { BuildPhase } from './builderRegistry'

/** How much of an error the build history keeps. */
const ERROR_EXCERPT = 2000

/** Lines of a tool's output that speak to its own developers, not to whoever reads the build history. */
const NOISE =
  /open an issue|file an issue|report (this|any)|please report|astro\.build\/issues|github\.com\/\S+\/issues/i

/**
 * A build's error as the build history keeps it: its message (the steps wrap the cause's),
 * without terminal colour codes, without the tools' requests to report bugs to them, and
 * without trailing blanks; at most 2,000 characters, from the start.
 * @example cleanBuildError(new Error('\u001b[31mRendering failed\u001b[39m: x')) // 'Rendering failed: x'
 */
export const cleanBuildError = (error: unknown): string => {
  const raw = error instanceof Error ? error.message : String(error)
  const lines = stripVTControlCharacters(raw)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => !NOISE.test(line))
  const text = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  return text.length > ERROR_EXCERPT ? `${text.slice(0, ERROR_EXCERPT - 1)}…` : text
}

/** The first error code (`EACCES`, `ENOSPC`, …) in an error or its causes. */
const errorCode = (error: unknown): string | undefined => {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code
    if (typeof code === 'string') return code
  }
  return undefined
}

const BY_CODE: Record<string, string> = {
  EACCES: 'Nettstedet kunne ikke skrives til datamappen: ingen skrivetilgang.',
  EPERM: 'Nettstedet kunne ikke skrives til datamappen: operasjonen ble ikke tillatt.',
  EROFS: 'Nettstedet kunne ikke skrives til datamappen: den er skrivebeskyttet.',
  ENOSPC: 'Det er ikke mer plass på disken der nettstedet bygges.',
  EXDEV: 'Filer kunne ikke flyttes mellom to filsystemer.',
  ENAMETOOLONG: 'Et filnavn ble for langt (en adresse eller tittel er for lang).',
}

const BY_PHASE: Record<BuildPhase, string> = {
  export: 'Det publiserte innholdet kunne ikke eksporteres.',
  render: 'Sidene kunne ikke lages.',
  pagesLive: 'Søkeindeksen og utgivelsesfilene kunne ikke lages.',
  finish: 'Søkeindeksen og utgivelsesfilene kunne ikke lages.',
  switch: 'Det nye bygget kunne ikke settes i drift.',
}

/**
 * A failed build's cause in Norwegian, for the admin: what the error code says when it says
 * something an editor can act on, else the step that failed.
 * @example buildErrorSummary('render', new Error('x')) // 'Sidene kunne ikke lages.'
 */
export const buildErrorSummary = (phase: BuildPhase | null, error: unknown): string => {
  const code = errorCode(error)
  if (code && BY_CODE[code]) return BY_CODE[code]
  const message = error instanceof Error ? error.message : String(error)
  if (/site build process (was stopped|ended before it was ready)/.test(message))
    return 'Byggeprosessen stoppet før den var ferdig.'
  return phase ? BY_PHASE[phase] : 'Bygget feilet.'
}
