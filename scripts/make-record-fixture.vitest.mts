import { defineConfig } from 'vitest/config';

/** Only for `scripts/make-record-fixture.ts` (not part of `npm test`): see its header. */
export default defineConfig({
  test: { include: ['scripts/make-record-fixture.ts'], environment: 'node', pool: 'forks', testTimeout: 120_000 },
});
