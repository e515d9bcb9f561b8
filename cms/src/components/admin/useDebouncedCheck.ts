'use client'

import { useConfig } from '@payloadcms/ui'
import { useEffect, useRef, useState } from 'react'

/**
 * Posts `body` as JSON to an endpoint of the API (`path`, e.g. `/chapters/check-references`) a
 * moment after `deps` last changed, and keeps the newest answer; `failed` when the last try got
 * no answer. The form's side panels ask the server this way while the editor types.
 */
export const useDebouncedCheck = <T>(path: string, body: unknown, deps: readonly unknown[], delayMs: number) => {
  const { config } = useConfig()
  const [answer, setAnswer] = useState<T | null>(null)
  const [failed, setFailed] = useState(false)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current)
    const check = async () => {
      try {
        const response = await fetch(`${config.serverURL}${config.routes.api}${path}`, {
          method: 'POST',
          credentials: 'include',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
        if (!response.ok) throw new Error(String(response.status))
        setAnswer((await response.json()) as T)
        setFailed(false)
      } catch {
        setFailed(true)
      }
    }
    timer.current = setTimeout(() => void check(), delayMs)
    return () => {
      if (timer.current) clearTimeout(timer.current)
    }
    // The body is read when the timer fires; `deps` say when it has changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config.serverURL, config.routes.api, path, delayMs, ...deps])
  return { answer, failed }
}
