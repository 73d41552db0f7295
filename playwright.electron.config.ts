import { defineConfig } from '@playwright/test';

// The Electron smoke test (test/e2e/electron-smoke.spec.ts). Run after `npm run build`: it
// launches the built app in out/. Kept apart from vitest, which only runs test/unit and
// test/integration.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: 'electron-smoke.spec.ts',
  timeout: 60_000,
  workers: 1,
  reporter: 'list',
  outputDir: 'test-results/electron',
});
