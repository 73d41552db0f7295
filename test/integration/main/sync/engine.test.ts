// The desktop sync engine against the real server and PostgreSQL, with real SQLite cache files: a
// first download, a delta after an admin publish, comparisons saved offline and uploaded exactly
// once, a server epoch change and a corrupted local row.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../src-shared/dates.js';
import { rateInForce } from '../../../../src-shared/rates/as-of.js';
import { SyncStatus } from '../../../../src-shared/sync/status.js';
import { loadProductDetail } from '../../../../src-main/store/catalog-queries.js';
import { getComparison, saveComparison } from '../../../../src-main/store/saved-comparisons.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { NeedsSignInError } from '../../../../src-main/auth/auth-errors.js';
import { createSyncApiClient } from '../../../../src-main/sync/api-client.js';
import {
  apiClient,
  engineFor,
  expectClientEqualsServer,
  firstProductIds,
  openClient,
  saveOnClient,
  useClientSyncServerWithCache,
  type ClientSyncServer,
} from '../../../support/client-sync-harness.js';
import { unverifiedComparison, verifiedComparison } from '../../../support/sync-fixtures.js';
import { REP_SUBJECT } from '../../../support/store-fixtures.js';

const todayIso = (): string => new Date().toISOString().slice(0, 10);

let server: ClientSyncServer;
let client: ClientDatabaseHandle;
/** Nothing listens there: the server as seen from a laptop without network. */
const CLOSED_PORT_URL = 'http://127.0.0.1:9';

useClientSyncServerWithCache(200, 'client-sync-engine-', (started, opened) => {
  [server, client] = [started, opened];
});

async function serverCopies(comparisonId: string): Promise<number> {
  const row = await server.api.owner
    .selectFrom('productComparisons')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('comparisonId', '=', comparisonId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Saves a comparison the way the app does (comparison + outbox entry in one transaction). */
async function saveOffline(ids: string[]): Promise<string> {
  const comparison = await verifiedComparison(server.api.owner, ids, { comparisonDate: new Date().toISOString() });
  await saveOnClient(client, comparison);
  return comparison.comparisonId;
}

function outboxOf(comparisonId: string): { status: string; attempts: number; nextAttemptAt: string | null; lastError: string | null } {
  return client.sqlite
    .prepare('SELECT status, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError FROM outbox WHERE comparison_id = ?')
    .get(comparisonId) as { status: string; attempts: number; nextAttemptAt: string | null; lastError: string | null };
}

describe('client sync engine', () => {
  it('downloads the demo catalog in pages, reports monotonic progress and ends equal to the server', async () => {
    const statuses: SyncStatus[] = [];
    const engine = engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep), { onStatus: (status) => statuses.push(status) });
    expect(engine.status()).toMatchObject({ state: 'idle', lastSuccessfulSyncAt: null, stale: true });

    const outcome = await engine.runNow('start');

    expect(outcome.status.reason).toBeUndefined();
    expect(outcome).toMatchObject({ ok: true, resynced: false, repaired: [] });
    expect(outcome.pages).toBeGreaterThan(1);
    const rows = await expectClientEqualsServer(server, client);
    expect(outcome.rowsApplied).toBe(rows);
    const percents = statuses.flatMap((status) => (status.progress?.percent === undefined ? [] : [status.progress.percent]));
    expect(percents.length).toBeGreaterThan(1);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
    // What crosses to the renderer must satisfy the shared schema.
    for (const status of statuses) expect(SyncStatus.safeParse(status).success).toBe(true);
    for (const { progress } of statuses) if (progress) expect(progress.rowsTotal ?? 0).toBeGreaterThanOrEqual(progress.rowsApplied);
    expect(statuses.at(-2)?.progress).toEqual({ rowsApplied: rows, rowsTotal: rows, percent: 100 });
    expect(outcome.status).toMatchObject({ state: 'idle', pendingUploads: 0, cacheAgeDays: 0, stale: false });
    expect(outcome.status.lastSuccessfulSyncAt).not.toBeNull();
    console.log(`[client-sync] first sync: ${outcome.pages} pages, ${outcome.rowsApplied} rows applied, ${rows} rows checked`);
  }, 60_000);

  it('brings an admin publish down as a delta, and the future rate applies locally on its day', async () => {
    const [productId = ''] = await firstProductIds(server, 1);
    const effectiveDate = addDays(todayIso(), 10);
    const published = await server.api.call(server.api.tokens.admin, 'POST', `/v1/admin/products/${productId}/rates`, {
      baseRate: '7.1234',
      bonusRate: '0',
      effectiveDate,
    });
    expect(published.status, published.body).toBe(201);

    const engine = engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep));
    const outcome = await engine.runNow('manual');

    expect(outcome.ok, outcome.status.reason).toBe(true);
    // The new rate row and the closed current one; far less than the catalog.
    expect(outcome.rowsApplied).toBeGreaterThan(0);
    expect(outcome.rowsApplied).toBeLessThan(10);
    await expectClientEqualsServer(server, client);
    const detail = await loadProductDetail(client.db, productId);
    expect(rateInForce(detail?.rates ?? [], todayIso())?.baseRate).not.toBe('7.1234');
    expect(rateInForce(detail?.rates ?? [], addDays(effectiveDate, -1))?.baseRate).not.toBe('7.1234');
    expect(rateInForce(detail?.rates ?? [], effectiveDate)?.baseRate).toBe('7.1234');

    // Nothing new: an empty page, then the ETag of that request answers 304 and the copy is
    // verified against /checksums instead.
    expect(await engine.runNow('timer')).toMatchObject({ ok: true, pages: 1, rowsApplied: 0 });
    expect(await engine.runNow('timer')).toMatchObject({ ok: true, pages: 0, rowsApplied: 0 });
  }, 60_000);

  it('keeps a comparison saved offline, uploads it once when back, and a repeated upload stays one row', async () => {
    const comparisonId = await saveOffline(await firstProductIds(server, 2));
    let clock = new Date();
    const offline = engineFor(client, apiClient(CLOSED_PORT_URL, server.api.tokens.rep), { now: () => clock, random: () => 0.5 });

    const failed = await offline.runNow('start');

    expect(failed.ok).toBe(false);
    expect(failed.status).toMatchObject({ state: 'offline', pendingUploads: 1 });
    const waiting = outboxOf(comparisonId);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    // 5 s base, attempt 1, jitter 0.5: 3.75 s later.
    expect(Date.parse(waiting.nextAttemptAt ?? '') - clock.getTime()).toBe(3_750);
    expect(waiting.lastError).toMatch(/could not be reached/);
    expect(await serverCopies(comparisonId)).toBe(0);

    const online = engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep), { now: () => clock });
    // An automatic run respects the backoff...
    const tooEarly = await online.runNow('timer');
    expect(tooEarly).toMatchObject({ ok: true, uploaded: 0 });
    expect(tooEarly.status.pendingUploads).toBe(1);

    // ...but when the network comes back (or the rep presses Sync now) it is tried at once.
    clock = new Date(clock.getTime() + 1_000);
    const uploaded = await online.runNow('network');
    expect(uploaded).toMatchObject({ ok: true, uploaded: 1 });
    expect(uploaded.status.pendingUploads).toBe(0);
    expect(outboxOf(comparisonId).status).toBe('applied');
    expect((await getComparison(client.db, comparisonId, REP_SUBJECT))?.serverChangeVersion).not.toBeNull();
    expect(await serverCopies(comparisonId)).toBe(1);

    // The answer to an upload was lost: the entry is pending again and goes up a second time.
    client.sqlite.prepare("UPDATE outbox SET status = 'pending', next_attempt_at = NULL WHERE comparison_id = ?").run(comparisonId);
    const repeated = await online.runNow('manual');
    expect(repeated).toMatchObject({ ok: true, uploaded: 1 });
    expect(outboxOf(comparisonId).status).toBe('applied');
    expect(await serverCopies(comparisonId)).toBe(1);
    const rows = await expectClientEqualsServer(server, client);
    console.log(`[client-sync] outbox: operations 4 runs, faults injected 2 (offline, lost answer), rows checked ${rows}, server copies 1, rows lost 0`);
  }, 60_000);

  it('a rejected comparison stays listed with the server reason', async () => {
    const [first = ''] = await firstProductIds(server, 1);
    const comparison = unverifiedComparison([first]);
    // Valid on the laptop, refused by the server: the product does not exist there.
    const unknownProduct = crypto.randomUUID();
    const payload = { ...comparison, items: [{ ...comparison.items[0], productId: unknownProduct }] };
    await saveComparison(client.db, {
      ownerSubject: REP_SUBJECT,
      comparisonId: comparison.comparisonId,
      createdAt: comparison.comparisonDate,
      asOfDate: comparison.asOfDate,
      investmentAmount: comparison.investmentAmount,
      horizonYears: comparison.horizonYears,
      payload,
    });
    const outcome = await engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep)).runNow('manual');
    expect(outcome).toMatchObject({ ok: true, rejected: 1 });
    expect(outcome.status.rejectedUploads).toBe(1);
    const saved = await getComparison(client.db, comparison.comparisonId, REP_SUBJECT);
    expect(saved?.upload).toMatchObject({ status: 'rejected' });
    expect(saved?.upload?.rejectedReason).toMatch(/\S/);
    expect(await serverCopies(comparison.comparisonId)).toBe(0);
  }, 60_000);

  it('after a server epoch change downloads everything again and keeps an unsent comparison', async () => {
    let clock = new Date();
    const comparisonId = await saveOffline(await firstProductIds(server, 3));
    await engineFor(client, apiClient(CLOSED_PORT_URL, server.api.tokens.rep), { now: () => clock }).runNow('start');
    expect(outboxOf(comparisonId).status).toBe('pending');

    await sql`SELECT rotate_sync_epoch()`.execute(server.api.owner);
    const engine = engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep), { now: () => clock });
    const outcome = await engine.runNow('timer');

    expect(outcome.status.reason).toBeUndefined();
    expect(outcome).toMatchObject({ ok: true, resynced: true, uploaded: 0 });
    expect(outcome.pages).toBeGreaterThan(1);
    expect(outboxOf(comparisonId).status).toBe('pending');
    expect(await getComparison(client.db, comparisonId, REP_SUBJECT)).not.toBeNull();
    const rows = await expectClientEqualsServer(server, client);

    clock = new Date(clock.getTime() + 60_000);
    const later = await engine.runNow('timer');
    expect(later).toMatchObject({ ok: true, uploaded: 1 });
    expect(outboxOf(comparisonId).status).toBe('applied');
    expect(await serverCopies(comparisonId)).toBe(1);
    await expectClientEqualsServer(server, client);
    console.log(`[client-sync] epoch change: faults injected 1 (rotate_sync_epoch), ${outcome.rowsApplied} rows re-downloaded, rows checked ${rows}, unsent comparisons kept 1, rows lost 0`);
  }, 60_000);

  it('detects a corrupted local row by checksum and repairs it', async () => {
    const victim = client.sqlite.prepare('SELECT product_id AS productId, base_rate AS baseRate FROM products ORDER BY cusip LIMIT 1 OFFSET 5').get() as {
      productId: string;
      baseRate: string;
    };
    const corrupted = victim.baseRate === '9.9999' ? '9.9998' : '9.9999';
    client.sqlite.prepare('UPDATE products SET base_rate = ? WHERE product_id = ?').run(corrupted, victim.productId);

    const outcome = await engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep)).runNow('manual');

    expect(outcome.status.reason).toBeUndefined();
    expect(outcome).toMatchObject({ ok: true, resynced: false });
    expect(outcome.repaired).toContain('products');
    expect(outcome.repaired).not.toContain('comparisons');
    const repaired = client.sqlite.prepare('SELECT base_rate AS baseRate FROM products WHERE product_id = ?').get(victim.productId) as { baseRate: string };
    expect(repaired.baseRate).toBe(victim.baseRate);
    const rows = await expectClientEqualsServer(server, client);
    console.log(`[client-sync] corruption: faults injected 1 (base_rate ${victim.baseRate} -> ${corrupted}), repaired ${outcome.repaired.join(', ')}, rows checked ${rows}, rows lost 0`);
  }, 60_000);

  it('waits for sign-in without losing anything, and a refused token is reported and retried once', async () => {
    const comparisonId = await saveOffline(await firstProductIds(server, 2));
    const signedOut = createSyncApiClient({
      baseUrl: server.baseUrl,
      getAccessToken: async () => {
        throw new NeedsSignInError('signed-out', 'Sign in to sync.');
      },
      reportRejectedToken: () => undefined,
    });
    const clock = new Date();
    const waiting = await engineFor(client, signedOut, { now: () => clock }).runNow('start');
    expect(waiting.status).toMatchObject({ state: 'needs-sign-in', reason: 'Sign in to sync.', pendingUploads: 1 });
    // Due again at once: the wait is for the rep, not for the server.
    expect(Date.parse(outboxOf(comparisonId).nextAttemptAt ?? '')).toBeLessThanOrEqual(clock.getTime());

    const reported: string[] = [];
    const refused = createSyncApiClient({
      baseUrl: server.baseUrl,
      getAccessToken: async () => server.api.tokens.badSignature,
      reportRejectedToken: (token) => reported.push(token),
    });
    const rejected = await engineFor(client, refused, { now: () => clock }).runNow('manual');
    expect(rejected.status).toMatchObject({ state: 'needs-sign-in', pendingUploads: 1 });
    expect(reported).toEqual([server.api.tokens.badSignature, server.api.tokens.badSignature]);
    expect(outboxOf(comparisonId).status).toBe('pending');
    expect(await serverCopies(comparisonId)).toBe(0);

    const signedIn = await engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep), { now: () => clock }).runNow('manual');
    expect(signedIn).toMatchObject({ ok: true, uploaded: 1 });
    expect(await serverCopies(comparisonId)).toBe(1);
  }, 60_000);

  it('keeps the last successful sync across a restart and warns when the cache is older than the threshold', async () => {
    const before = await engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep)).runNow('manual');
    const last = before.status.lastSuccessfulSyncAt ?? '';
    expect(last).not.toBe('');
    const file = client.file;
    await client.close();
    client = await openClient(file);

    const lastMs = Date.parse(last);
    const restarted = engineFor(client, apiClient(CLOSED_PORT_URL, server.api.tokens.rep), {
      now: () => new Date(lastMs + 3 * 86_400_000 + 60_000),
      stalenessWarningDays: 7,
    });
    expect(await restarted.refresh()).toMatchObject({ lastSuccessfulSyncAt: last, cacheAgeDays: 3, stale: false, pendingUploads: 0 });

    const weekLater = engineFor(client, apiClient(CLOSED_PORT_URL, server.api.tokens.rep), {
      now: () => new Date(lastMs + 8 * 86_400_000),
      stalenessWarningDays: 7,
    });
    const offline = await weekLater.runNow('start');
    expect(offline.status).toMatchObject({ state: 'offline', lastSuccessfulSyncAt: last, cacheAgeDays: 8, stale: true });
  }, 60_000);

  it('runs at start and on the timer until stopped', async () => {
    const runs: string[] = [];
    const engine = engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep), {
      onStatus: (status) => {
        if (status.state === 'idle') runs.push(status.lastSuccessfulSyncAt ?? '');
      },
    });
    engine.start({ intervalMs: 150 });
    await expect.poll(() => runs.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    engine.stop();
    await engine.runNow('manual');
    const settled = runs.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(runs.length).toBe(settled);
  }, 60_000);

  it('runs once at a time: a request during a run is served by one more run', async () => {
    const engine = engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep));
    const first = engine.runNow('manual');
    const second = engine.runNow('manual');
    const third = engine.runNow('network');
    expect(third).toBe(second);
    const [a, b] = await Promise.all([first, second]);
    expect(a.ok && b.ok).toBe(true);
  }, 60_000);
});
