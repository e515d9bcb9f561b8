/** How often the server looks for due jobs (scheduled publishes) when JOBS_POLL_SECONDS is unset. */
export const DEFAULT_POLL_SECONDS = 60

/**
 * The cron pattern (with seconds) for polling the jobs queue every JOBS_POLL_SECONDS seconds.
 * The interval must divide a minute (1–59 s) or an hour (whole minutes), so that the polls
 * are evenly spaced.
 * @example jobsPollCron('1') // '* * * * * *'
 * @example jobsPollCron(undefined) // '0 * * * * *'
 */
export const jobsPollCron = (value: string | undefined): string => {
  const raw = (value ?? '').trim()
  const seconds = raw === '' ? DEFAULT_POLL_SECONDS : Number(raw)
  if (Number.isInteger(seconds) && seconds >= 1 && seconds < 60 && 60 % seconds === 0) {
    return seconds === 1 ? '* * * * * *' : `*/${seconds} * * * * *`
  }
  const minutes = seconds / 60
  if (Number.isInteger(minutes) && minutes >= 1 && 60 % minutes === 0) {
    if (minutes === 60) return '0 0 * * * *'
    return minutes === 1 ? '0 * * * * *' : `0 */${minutes} * * * *`
  }
  throw new Error(
    `JOBS_POLL_SECONDS must be a number of seconds that divides a minute (1, 2, 5, 10, 15, 30) or an hour (60, 120, 300, …); got "${raw}"`,
  )
}
