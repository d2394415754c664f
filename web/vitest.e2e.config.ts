import { defineConfig } from 'vitest/config'

// Browser test against a running server; see tests/e2e/run.sh, which starts one and sets
// BANGYI_E2E_URL and BANGYI_E2E_CREDENTIALS.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
})
