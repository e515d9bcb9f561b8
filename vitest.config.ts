import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    env: { LOG_LEVEL: 'warn' },
    globalSetup: ['tests/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // CMS integration tests share one SQLite file per worker; keep runs predictable on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
  },
})
