/**
 * A build's pages served before the build is whole: a folder with only the pages this build
 * rendered, over the build before it. `.overlay.json` names that build (a folder beside this
 * one) and the files that are taken from it; any other file that is not in this folder does
 * not exist, so a page this build removes is gone at once.
 */
import fs from 'node:fs'
import path from 'node:path'

export const OVERLAY_FILE = '.overlay.json'

export type Overlay = { base: string; files: string[] }

/** Records that `dir` is served over `base` (a folder beside it) for the given files. */
export const writeOverlay = (dir: string, base: string, files: string[]) => {
  if (path.dirname(path.resolve(base)) !== path.dirname(path.resolve(dir)))
    throw new Error(`an overlay's base must be beside it: ${base} is not beside ${dir}`)
  fs.writeFileSync(
    path.join(dir, OVERLAY_FILE),
    `${JSON.stringify({ base: path.basename(base), files } satisfies Overlay)}\n`,
  )
}

/** The overlay of a folder (its base as a full path), or null when the folder is a whole build. */
export const readOverlay = (dir: string): { base: string; files: ReadonlySet<string> } | null => {
  let overlay: Overlay
  try {
    overlay = JSON.parse(fs.readFileSync(path.join(dir, OVERLAY_FILE), 'utf8')) as Overlay
  } catch {
    return null
  }
  return { base: path.join(path.dirname(dir), path.basename(overlay.base)), files: new Set(overlay.files) }
}

/**
 * The files a request path may be served from: the file itself, with `.html`, or the folder's
 * index page (a request without the final slash is redirected to it).
 * @example candidateFiles('/tiltak/1/') // ['tiltak/1/index.html']
 */
export const candidateFiles = (urlPath: string): string[] => {
  let p: string
  try {
    p = decodeURIComponent(urlPath).replace(/^\/+/, '')
  } catch {
    return []
  }
  if (p === '' || p.endsWith('/')) return [`${p}index.html`]
  return [p, `${p}.html`, `${p}/index.html`]
}
