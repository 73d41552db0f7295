// Playwright globalSetup for the web e2e tests: one web host for the run; the tests find it
// through RATEDESK_WEB_URL (environment set here reaches the workers). The returned function is
// the teardown.
import { join } from 'node:path';
import { startWebHost } from './web-host-process.js';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const host = await startWebHost();
  process.env.RATEDESK_WEB_URL = host.url;
  // The folder web-host-process.ts gave the host for exported PDFs.
  process.env.RATEDESK_WEB_DOWNLOADS_DIR = join(host.dataDir, 'downloads');
  return () => host.stop();
}
