// The desktop composed as both hosts compose it (compose.ts, through the web host's Node pieces):
// a first sign-in syncs at once (no five-minute wait for the catalog), the business time zone
// comes with the pull and is kept with the cache, and RATEDESK_CLOCK moves the business date
// except in production mode.
import { afterAll, describe, expect, it } from 'vitest';
import type { NodeDesktop } from '../../../scripts/web-host/node-desktop.js';
import { businessDate } from '../../../src-shared/dates.js';
import { useClientSyncServer, type ClientSyncServer, type TempFolder } from '../../support/client-sync-harness.js';
import { desktopValue as value, openTestDesktop, signInThroughBrowser } from '../../support/node-desktop-calls.js';

let server: ClientSyncServer;
let folder: TempFolder;
const desktops: NodeDesktop[] = [];

useClientSyncServer(20, 'ratedesk-business-date-', (setup) => {
  server = setup.server;
  folder = setup.folder;
});

afterAll(async () => {
  for (const desktop of desktops) await desktop.close();
});

async function open(name: string, env: Record<string, string>): Promise<NodeDesktop> {
  const desktop = await openTestDesktop(server, { dataDir: `${folder.path}/${name}`, version: '0.0.0-test', env });
  desktops.push(desktop);
  return desktop;
}

describe('a desktop on RATEDESK_CLOCK', () => {
  it('signs in, syncs at once, learns the zone from the pull and dates everything on the New York day', async () => {
    // 03:30 UTC on Dec 1: Dec 1 on the laptop's UTC clock, still Nov 30 in New York.
    const desktop = await open('clock', { RATEDESK_CLOCK: '2026-12-01T03:30:00Z' });
    expect(await value(desktop, 'businessDate')).toEqual({ date: '2026-11-30', timeZone: 'America/New_York' });

    expect(await signInThroughBrowser(desktop, 'rep')).toMatchObject({ ok: true, value: { state: { status: 'signed-in' }, failure: null } });
    // The catalog arrives without anyone pressing "sync now" and without the timer.
    await expect.poll(async () => (await value(desktop, 'catalogList', {})).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await value(desktop, 'syncStatus')).state, { timeout: 30_000 }).toBe('idle');

    const products = await value(desktop, 'catalogList', {});
    const detail = await value(desktop, 'productDetail', { productId: products[0]!.productId });
    expect(detail?.asOfDate).toBe('2026-11-30');
  });
});

describe('a desktop in production mode', () => {
  it('ignores RATEDESK_CLOCK', async () => {
    const desktop = await open('production', { RATEDESK_CLOCK: '2026-12-01T03:30:00Z', RATEDESK_ENV: 'production' });
    const today = await value(desktop, 'businessDate');
    // The real business date (read twice around the call in case New York's midnight passes).
    expect([businessDate(new Date(), 'America/New_York'), businessDate(new Date(Date.now() - 60_000), 'America/New_York')]).toContain(today.date);
  });
});
