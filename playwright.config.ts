import { defineConfig } from '@playwright/test';

// Web e2e tests (test/e2e/web): RateDesk in Debian's Chromium through the development web host
// (scripts/web-host.ts), which globalSetup starts with a fresh data folder on free ports. Uses
// /usr/bin/chromium (apt package `chromium`); Playwright's own browser downloads are not used.
export default defineConfig({
  testDir: 'test/e2e/web',
  testMatch: '*.spec.ts',
  globalSetup: './test/e2e/support/web-global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // One host, one client cache: tests share a signed-in session, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  // CI machines are shared and slow at random moments: one retry there, and the list reporter
  // marks any test that needed it as "flaky" in the log, so a timing problem is seen, not hidden.
  retries: process.env['CI'] ? 1 : 0,
  reporter: 'list',
  outputDir: 'test-results/web',
  use: {
    browserName: 'chromium',
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 820 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
