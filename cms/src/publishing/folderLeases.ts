import fs from 'node:fs'
import path from 'node:path'

/**
 * Build folders in use by requests. A request holds a lease on the folders it reads from (the
 * live build, and the build under an overlay) from before it looks up its file until its
 * response is done; a folder the builder no longer needs is retired, and removed only once no
 * lease on it is left. So a reader is always answered in full from the build it started on,
 * however many switches happen meanwhile.
 */
export class FolderLeases {
  private readonly counts = new Map<string, number>()
  private readonly retired = new Map<string, (folder: string) => Promise<void>>()
  private readonly removing = new Set<Promise<void>>()

  /** Takes a lease on a folder; the returned function gives it back (calling it again does nothing). */
  acquire(folder: string): () => void {
    const key = path.resolve(folder)
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      const left = (this.counts.get(key) ?? 1) - 1
      if (left > 0) {
        this.counts.set(key, left)
        return
      }
      this.counts.delete(key)
      const remove = this.retired.get(key)
      if (remove) this.start(key, remove)
    }
  }

  /** How many leases a folder has now. */
  leases(folder: string): number {
    return this.counts.get(path.resolve(folder)) ?? 0
  }

  /**
   * Removes a folder once no request reads from it: now, when it has no lease, or when its
   * last lease is given back.
   */
  retire(folder: string, remove: (folder: string) => Promise<void> = removeFolder): void {
    const key = path.resolve(folder)
    if (this.leases(key) === 0) this.start(key, remove)
    else this.retired.set(key, remove)
  }

  /** Whether a folder waits for its last lease before it is removed. */
  isRetired(folder: string): boolean {
    return this.retired.has(path.resolve(folder))
  }

  /** Resolves when every removal started so far has finished. */
  async settled(): Promise<void> {
    while (this.removing.size > 0) await Promise.all([...this.removing])
  }

  private start(key: string, remove: (folder: string) => Promise<void>) {
    this.retired.delete(key)
    const work = remove(key)
      .catch(() => undefined)
      .finally(() => this.removing.delete(work))
    this.removing.add(work)
  }
}

/** Removes a folder without holding up the process (a build has thousands of files). */
export const removeFolder = (folder: string) => fs.promises.rm(folder, { recursive: true, force: true })

/** The leases of this process: the server's requests and its site builder share them. */
export const siteFolders = new FolderLeases()
