import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))

// Inside the built admin this module runs from .next/, so the start command passes the
// folders on in the environment; scripts and tests resolve them from this file.

/** The cms workspace folder. */
export const CMS_DIR = process.env.CMS_DIR ? path.resolve(process.env.CMS_DIR) : path.resolve(here, '../..')
/** The repository root. */
export const ROOT_DIR = path.resolve(CMS_DIR, '..')
/** Local state: the embedded database and the generated secret. Never committed. */
export const DATA_DIR = process.env.DATA_DIR ? path.resolve(process.env.DATA_DIR) : path.join(ROOT_DIR, 'data')
/** The imported report that a first start loads into an empty database. */
export const CONTENT_DIR = process.env.CONTENT_DIR
  ? path.resolve(process.env.CONTENT_DIR)
  : path.join(ROOT_DIR, 'content')
