import { describe, expect, it } from 'vitest'

import { jobsPollCron } from '../../cms/src/jobs/pollInterval'

describe('JOBS_POLL_SECONDS', () => {
  it.each([
    [undefined, '0 * * * * *'],
    ['', '0 * * * * *'],
    ['1', '* * * * * *'],
    ['5', '*/5 * * * * *'],
    ['30', '*/30 * * * * *'],
    ['60', '0 * * * * *'],
    ['300', '0 */5 * * * *'],
    ['3600', '0 0 * * * *'],
  ])('%s polls with the cron pattern %s', (value, cron) => {
    expect(jobsPollCron(value)).toBe(cron)
  })

  it.each(['0', '-5', '7', '90', '1.5', 'ofte'])('refuses %s, naming the variable and the value', (value) => {
    expect(() => jobsPollCron(value)).toThrow(
      `JOBS_POLL_SECONDS must be a number of seconds that divides a minute (1, 2, 5, 10, 15, 30) or an hour (60, 120, 300, …); got "${value}"`,
    )
  })
})
