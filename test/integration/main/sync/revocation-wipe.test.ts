// An admin revokes a laptop, on the real server, with a real SQLite cache file: at its next sync the
// laptop uploads its pending comparisons, then wipes itself, and the client reference it held can no
// longer be found in the file's bytes (nor in its -wal/-shm, nor in the copy the store kept beside
// it); it says why, with the admin's reason. A laptop that still holds comparisons it could not send
// (another rep's) keeps everything and says so. A reinstated laptop downloads the catalog again.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Revocation } from '../../../../src-main/sync/revocation.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { wipeClientCache } from '../../../../src-main/store/wipe-cache.js';
import type { SavedComparison } from '../../../../src-shared/sync/protocol.js';
import { apiClient, engineFor, firstProductIds, openClient, saveOnClient, useClientSyncServer, type ClientSyncSetup } from '../../../support/client-sync-harness.js';
import { REP2_SUBJECT } from '../../../support/store-fixtures.js';
import { unverifiedComparison, verifiedComparison } from '../../../support/sync-fixtures.js';

/** A unique client reference without digits: runs of digits can read as a Social Security number, which a save refuses. */
function uniqueLetters(): string {
  return randomUUID().replace(/[0-9]/g, (digit) => 'ghijklmnop'.charAt(Number(digit)));
}

let setup: ClientSyncSetup;

useClientSyncServer(40, 'client-revocation-', (started) => {
  setup = started;
});

interface Laptop {
  file: string;
  client: ClientDatabaseHandle;
  deviceId: string;
  wiped: Revocation[];
  sync: ReturnType<typeof engineFor>;
}

async function laptop(name: string): Promise<Laptop> {
  const file = `${setup.folder.path}/${name}.sqlite`;
  const client = await openClient(file);
  const deviceId = randomUUID();
  const wiped: Revocation[] = [];
  const api = apiClient(setup.server.baseUrl, setup.server.api.tokens.rep, { deviceId, appVersion: '1.4.0' });
  const sync = engineFor(client, api, {
    wipe: async (revocation) => {
      wiped.push(revocation);
      await wipeClientCache({ db: client.db, file });
    },
  });
  return { file, client, deviceId, wiped, sync };
}

/** The cache file and everything SQLite and the store keep beside it, as raw bytes. */
function fileBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`, `${file}-shm`, `${file}.pre-migration.bak`].filter((path) => existsSync(path)).map((path) => readFileSync(path)));
}

async function comparisonWith(reference: string): Promise<SavedComparison> {
  const ids = await firstProductIds(setup.server, 2);
  return verifiedComparison(setup.server.api.owner, ids, { comparisonDate: new Date().toISOString(), clientReference: reference });
}

async function onServer(comparisonId: string): Promise<boolean> {
  const row = await setup.server.api.owner.selectFrom('productComparisons').select('comparisonId').where('comparisonId', '=', comparisonId).executeTakeFirst();
  return row !== undefined;
}

async function revoke(deviceId: string, reason: string): Promise<void> {
  const response = await setup.server.api.call(setup.server.api.tokens.admin, 'POST', `/v1/admin/devices/${deviceId}/revoke`, { reason });
  expect(response.status, response.body).toBe(200);
}

function rowCount(client: ClientDatabaseHandle, table: string): number {
  return Number(client.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
}

describe('a revoked laptop', () => {
  it('uploads its pending comparisons, then wipes the cache so the client reference is gone from the file’s bytes', async () => {
    const rep = await laptop('revoked');
    expect(await rep.sync.runNow('manual')).toMatchObject({ ok: true });
    const reference = `ACCT-${uniqueLetters()}`;
    const pending = [await comparisonWith(reference), await comparisonWith(`${reference}-2`)];
    for (const comparison of pending) await saveOnClient(rep.client, comparison);
    // One the server refuses for good: a refused comparison is a record of the refusal, not unsent.
    await saveOnClient(rep.client, unverifiedComparison([randomUUID()], { clientReference: `${reference}-refused` }));
    // A copy the store made before a migration holds the same data.
    writeFileSync(`${rep.file}.pre-migration.bak`, readFileSync(rep.file));
    expect(fileBytes(rep.file).includes(reference)).toBe(true);
    expect(rowCount(rep.client, 'products')).toBeGreaterThan(0);

    const reason = 'Reported lost at the airport (ticket 5120)';
    await revoke(rep.deviceId, reason);
    const outcome = await rep.sync.runNow('timer');

    expect(outcome).toMatchObject({ ok: false, uploaded: 2, rejected: 1 });
    expect(outcome.status).toMatchObject({ state: 'revoked', revocation: { scope: 'device', reason } });
    expect(outcome.status.reason).toContain(reason);
    for (const comparison of pending) expect(await onServer(comparison.comparisonId)).toBe(true);
    expect(rep.wiped).toEqual([{ scope: 'device', reason }]);

    const bytes = fileBytes(rep.file);
    expect(bytes.includes(reference)).toBe(false);
    for (const comparison of pending) expect(bytes.includes(comparison.comparisonId)).toBe(false);
    expect(existsSync(`${rep.file}.pre-migration.bak`)).toBe(false);
    for (const table of ['products', 'rate_history', 'saved_comparisons', 'outbox', 'sync_state', 'record_event_queue']) expect(rowCount(rep.client, table), table).toBe(0);
    // The same connection keeps working: the search index was emptied with its table.
    expect(rowCount(rep.client, 'products_fts')).toBe(0);

    // Reinstated, the laptop downloads everything again.
    expect((await setup.server.api.call(setup.server.api.tokens.admin, 'POST', `/v1/admin/devices/${rep.deviceId}/reinstate`)).status).toBe(200);
    expect(await rep.sync.runNow('manual')).toMatchObject({ ok: true });
    expect(rowCount(rep.client, 'products')).toBeGreaterThan(0);
    await rep.client.close();
  });

  it('keeps everything while a comparison it cannot send remains, and says why', async () => {
    const shared = await laptop('shared');
    expect(await shared.sync.runNow('manual')).toMatchObject({ ok: true });
    // Another rep's comparison: this rep's token cannot upload it; it waits for that rep's sign-in.
    const theirs = await comparisonWith(`OTHER-${uniqueLetters()}`);
    await saveOnClient(shared.client, theirs, REP2_SUBJECT);

    await revoke(shared.deviceId, 'Laptop being reassigned');
    const outcome = await shared.sync.runNow('timer');

    expect(outcome.status).toMatchObject({ state: 'revoked', revocation: { scope: 'device', reason: 'Laptop being reassigned' } });
    expect(outcome.status.reason).toMatch(/1 comparison\(s\) .* still have to reach the server/);
    expect(shared.wiped).toEqual([]);
    expect(shared.client.sqlite.prepare('SELECT count(*) FROM saved_comparisons WHERE comparison_id = ?').pluck().get(theirs.comparisonId)).toBe(1);
    expect(rowCount(shared.client, 'products')).toBeGreaterThan(0);
    expect(fileBytes(shared.file).includes(theirs.clientReference ?? '')).toBe(true);
    expect(await onServer(theirs.comparisonId)).toBe(false);
    await shared.client.close();
  });
});
