// Shared by the tests that drive the desktop as the web host composes it (scripts/web-host/node-desktop.ts)
// against a real server: one desktop per data folder, calls made exactly as the renderer makes them
// (arguments checked against the contract, then the handler) and a sign-in through the dev IdP's page.
import { openNodeDesktop, type NodeDesktop } from '../../scripts/web-host/node-desktop.js';
import { runDesktopCall } from '../../src-main/ipc/desktop-call.js';
import type { DesktopArgsInput, DesktopMethod, DesktopResult, DesktopValue } from '../../src-shared/desktop-api/index.js';
import { DEMO_LOGINS, type DemoLogin } from './api.js';
import type { ClientSyncServer } from './client-sync-harness.js';
import { ORIGIN, WINDOW } from './desktop-sender.js';
import { browse } from './system-browser.js';

/** One call exactly as the renderer makes it: arguments checked against the contract, then the handler. */
export function desktopCall<C extends DesktopMethod>(desktop: NodeDesktop, channel: C, ...args: DesktopArgsInput<C>): Promise<DesktopResult<DesktopValue<C>>> {
  return runDesktopCall(channel, desktop.services.handlers[channel], WINDOW, args, ORIGIN);
}

/** The call's value; a refused call fails the test with its code and message. */
export async function desktopValue<C extends DesktopMethod>(desktop: NodeDesktop, channel: C, ...args: DesktopArgsInput<C>): Promise<DesktopValue<C>> {
  const result = await desktopCall(desktop, channel, ...args);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export interface TestDesktopOptions {
  dataDir: string;
  version: string;
  /** Added to the server's issuer and URL (RATEDESK_CLOCK, CHROMIUM_PATH, another server URL...). */
  env?: Record<string, string>;
}

/** A desktop on `server` with no sync timer: any sync in the test is one it (or a sign-in) started. */
export function openTestDesktop(server: ClientSyncServer, options: TestDesktopOptions): Promise<NodeDesktop> {
  return openNodeDesktop({
    dataDir: options.dataDir,
    appInfo: { name: 'RateDesk', version: options.version },
    env: { OKTA_ISSUER: server.api.idp.issuer, RATEDESK_SERVER_URL: server.baseUrl, ...options.env },
    syncIntervalMs: 0,
  });
}

/** Signs `desktop` in as `who`, the "system browser" following the sign-in page the session opens. */
export async function signInThroughBrowser(desktop: NodeDesktop, who: DemoLogin): Promise<DesktopResult<DesktopValue<'signIn'>>> {
  const stop = desktop.onOpenExternal((url) => void browse(url, DEMO_LOGINS[who]));
  try {
    return await desktopCall(desktop, 'signIn');
  } finally {
    stop();
  }
}
