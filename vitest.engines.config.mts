import { defineConfig } from 'vitest/config';

// The phone's flows in WebKit, Firefox and Chromium from an insecure origin (e2e-engines/, docs/TESTING.md).
// One engine at a time: each runs its own browsers and host, and the machine has two cores.
export default defineConfig({
  test: {
    include: ['e2e-engines/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
