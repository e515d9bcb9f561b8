/** What /healthz says of the site: the live build, the last build's result, the queue. */
export type SiteHealth = {
  site: {
    liveBuild: string | null
    lastBuild: { id: string; result: string } | null
    queued: number
    building: boolean
  }
}

/** The server's /healthz answer. */
export const siteHealth = async (serverUrl: string) =>
  (await (await fetch(`${serverUrl}/healthz`)).json()) as SiteHealth
