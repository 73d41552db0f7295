// A laptop whose clock is wrong (issue 14): the desktop, composed as the web host composes it,
// against a real API server. The server states its time on every answer; the desktop warns when the
// laptop's clock is more than two minutes off and dates quotes and saves by the server's time, also
// when the laptop's clock has already passed New York's midnight and the server's has not, and
// still after a restart with no server in reach. "Prepare for offline" answers ready on the real
// stack and says what is missing without it.
import { afterAll, describe, expect, it } from 'vitest';
import { openNodeDesktop, type NodeDesktop } from '../../../scripts/web-host/node-desktop.js';
import { cacheValidUntil, DEFAULT_CACHE_POLICY } from '../../../src-shared/sync/cache-policy.js';
import { businessDate } from '../../../src-shared/dates.js';
import { MissingForOffline } from '../../../src-main/services/prepare-offline.js';
import { describeClockSkew } from '../../../src-renderer/sync-view.js';
import { useClientSyncServer, type ClientSyncSetup } from '../../support/client-sync-harness.js';
import { desktopValue as value, signInThroughBrowser } from '../../support/node-desktop-calls.js';

const NEW_YORK = 'America/New_York';
const MINUTE = 60_000;

let stack: ClientSyncSetup;
const opened = new Set<NodeDesktop>();
useClientSyncServer(20, 'ratedesk-clock-skew-', (started) => void (stack = started));
afterAll(() => Promise.all([...opened].map((desktop) => desktop.close())));

/** A desktop whose laptop clock is `skewMs` ahead of the real one (behind when negative). */
async function open(name: string, skewMs: number, serverUrl = stack.server.baseUrl): Promise<NodeDesktop> {
  const desktop = await openNodeDesktop({
    dataDir: `${stack.folder.path}/${name}`,
    appInfo: { name: 'RateDesk', version: '0.0.0-test' },
    env: { OKTA_ISSUER: stack.server.api.idp.issuer, RATEDESK_SERVER_URL: serverUrl },
    syncIntervalMs: 0,
    laptopClock: () => new Date(Date.now() + skewMs),
  });
  opened.add(desktop);
  return desktop;
}

async function signInAndSync(desktop: NodeDesktop): Promise<void> {
  expect(await signInThroughBrowser(desktop, 'rep')).toMatchObject({ ok: true, value: { failure: null } });
  expect(await value(desktop, 'syncNow')).toMatchObject({ state: 'idle' });
}

/**
 * A skew that puts the laptop's New York date a day past the server's for the next ten minutes: the
 * smallest of 7 min, 37 min, 67 min... whose laptop date at the start is already past the server's
 * date ten minutes from now.
 */
function skewPastMidnight(): number {
  const now = Date.now();
  const serverDateLater = businessDate(new Date(now + 10 * MINUTE), NEW_YORK);
  for (let skew = 7 * MINUTE; ; skew += 30 * MINUTE) {
    if (businessDate(new Date(now + skew), NEW_YORK) > serverDateLater) return skew;
  }
}

describe('a laptop with a skewed clock', () => {
  it('seven minutes fast: the status says so; a right clock says nothing', async () => {
    const fast = await open('fast', 7 * MINUTE);
    const right = await open('right', 0);
    await signInAndSync(fast);
    await signInAndSync(right);

    const fastStatus = await value(fast, 'syncStatus');
    expect(Math.abs((fastStatus.clockSkewMs ?? 0) - 7 * MINUTE)).toBeLessThan(5_000);
    expect(describeClockSkew(fastStatus)).toBe("This laptop's clock is 7 minutes fast; RateDesk uses the server's time for business dates.");

    const rightStatus = await value(right, 'syncStatus');
    expect(Math.abs(rightStatus.clockSkewMs ?? Number.NaN)).toBeLessThan(5_000);
    expect(describeClockSkew(rightStatus)).toBeNull();
  });

  it("past New York's midnight on the laptop only: quotes and saves on the server's day, also offline after a restart", async () => {
    const skew = skewPastMidnight();
    const desktop = await open('midnight', skew);
    const laptopDate = businessDate(new Date(Date.now() + skew), NEW_YORK);
    // Before any answer from the server the laptop's clock is all there is.
    expect((await value(desktop, 'businessDate')).date).toBe(laptopDate);

    await signInAndSync(desktop);
    const serverDate = businessDate(new Date(), NEW_YORK);
    expect(serverDate).not.toBe(laptopDate);
    expect(await value(desktop, 'businessDate')).toEqual({ date: serverDate, timeZone: NEW_YORK });

    const products = await value(desktop, 'catalogList', { productType: 'MYGA', limit: 2 });
    expect(products.length).toBeGreaterThan(0);
    const comparison = await value(desktop, 'compare', {
      premium: '100000.00',
      years: 5,
      startDate: serverDate,
      asOfDate: serverDate,
      productIds: products.map((product) => product.productId),
    });
    // Not a historical view: today is the server's day, so today's rates save as today's.
    const { comparisonId } = await value(desktop, 'saveComparison', { comparison, clientReference: 'Clock skew client' });
    const saved = await value(desktop, 'getComparison', { comparisonId });
    expect(saved).toMatchObject({ asOfDate: serverDate, preparedOn: serverDate, historical: false });
    // Stamped on the server's time, not the laptop's.
    expect(Math.abs(Date.parse(saved?.createdAt ?? '') - Date.now())).toBeLessThan(MINUTE);
    expect(await value(desktop, 'syncNow')).toMatchObject({ state: 'idle', pendingUploads: 0, rejectedUploads: 0 });

    await desktop.close();
    opened.delete(desktop);
    // Restarted where no server answers: the offset measured before still holds.
    const offline = await open('midnight', skew, 'http://127.0.0.1:9');
    expect((await value(offline, 'businessDate')).date).toBe(serverDate);
    expect(describeClockSkew(await value(offline, 'syncStatus'))).toMatch(/^This laptop's clock is .* fast;/);
    const readiness = await value(offline, 'prepareForOffline');
    expect(readiness).toMatchObject({ ready: false, missing: expect.arrayContaining([MissingForOffline.offline]) });
  });
});

describe('prepare for offline', () => {
  it('uploads, syncs and verifies, then answers ready with the rates date and the cache limit', async () => {
    const desktop = await open('prepare', 0);
    await signInAndSync(desktop);
    const readiness = await value(desktop, 'prepareForOffline');
    const status = await value(desktop, 'syncStatus');
    expect(readiness).toEqual({
      ready: true,
      ratesAsOf: (await value(desktop, 'businessDate')).date,
      lastSyncAt: status.lastSuccessfulSyncAt,
      cacheValidUntil: status.cacheValidUntil ?? cacheValidUntil(status.lastSuccessfulSyncAt, DEFAULT_CACHE_POLICY),
      pendingUploads: 0,
    });
  });
});
