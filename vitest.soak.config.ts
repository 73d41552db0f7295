import { defineConfig } from 'vitest/config';

// `npm run test:soak`: the long fault and load tests (minutes each), kept out of `npm test`. They
// use the same real PostgreSQL set-up as the integration tests.
export default defineConfig({
  test: {
    name: 'soak',
    include: ['test/soak/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/postgres-global-setup.ts'],
    testTimeout: 30 * 60_000,
    hookTimeout: 5 * 60_000,
    fileParallelism: false,
  },
});
