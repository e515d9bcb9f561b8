import { execFileSync } from 'node:child_process'
import fs from 'node:fs'

/**
 * Makes a folder unwritable even for root (the immutable attribute, on file systems that have
 * one), or by its mode for anyone else; returns what makes it writable again (harmless to
 * call twice), or null when neither works here.
 */
export const lockFolder = (folder: string): (() => void) | null => {
  if (process.getuid?.() !== 0) {
    fs.chmodSync(folder, 0o555)
    return () => fs.chmodSync(folder, 0o755)
  }
  try {
    execFileSync('chattr', ['+i', folder], { stdio: 'ignore' })
    return () => execFileSync('chattr', ['-i', folder], { stdio: 'ignore' })
  } catch {
    return null
  }
}
