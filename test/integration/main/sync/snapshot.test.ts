// The catalog snapshot under faults (issue 15): a first sync through a real server's snapshot into
// a real SQLite cache, with the download cut in the middle (the next run resumes with Range, not
// from the start), the snapshot file damaged on the server (refused by its SHA-256 before anything
// is applied; the sync falls back to pages), and a snapshot older than a rate retraction (the delta
// pages after it tombstone the rate). Every run ends with the cache's checksums equal to the server's.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCursor } from '../../../../src-shared/sync/cursor.js';
import { SnapshotInfo } from '../../../../src-shared/sync/snapshot.js';
import type { SnapshotEvent } from '../../../../src-main/sync/snapshot-sync.js';
import { startApiHarness } from '../../../support/api.js';
import { apiClient, engineFor, expectClientEqualsServer, firstProductIds, openClient, tempFolder, type ClientSyncServer, type TempFolder } from '../../../support/client-sync-harness.js';
import { catalog, loadCatalogInTransactions, verifiedComparison } from '../../../support/sync-fixtures.js';
import { startTcpRelay } from '../../../support/tcp-relay.js';

let server: ClientSyncServer;
let folder: TempFolder;
let snapshotDir: TempFolder;

beforeAll(async () => {
  snapshotDir = tempFolder('snapshot-server-');
  folder = tempFolder('snapshot-client-');
  // A snapshot for any catalog (the default starts at 50,000 changes).
  const api = await startApiHarness({ env: { RATE_LIMIT_PER_MINUTE: '1000000', RATEDESK_SNAPSHOT_MIN_CHANGES: '1', RATEDESK_SNAPSHOT_DIR: snapshotDir.path } });
  await loadCatalogInTransactions(api.owner, catalog(200), 25);
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = api.app.server.address() as AddressInfo;
  server = { api, baseUrl: `http://127.0.0.1:${port}`, port, close: () => api.close() };
  // A comparison the rep saved (on another laptop) before the snapshot: it is not in the snapshot,
  // so every first sync below must still bring it, through the pages from deltaFrom.
  const comparison = await verifiedComparison(api.owner, await firstProductIds(server, 2), { comparisonDate: new Date().toISOString() });
  const pushed = await api.call(api.tokens.rep, 'POST', '/v1/sync/push', { comparisons: [comparison] });
  expect(pushed.status, pushed.body).toBe(200);
  // A catalog edit after it, so the snapshot's version is past the comparison's.
  const [edited] = await firstProductIds(server, 1);
  await api.owner.updateTable('products').set({ description: 'Edited after a rep saved a comparison' }).where('productId', '=', edited ?? '').execute();
}, 120_000);

afterAll(async () => {
  await server?.close();
  folder?.remove();
  snapshotDir?.remove();
});

/** The snapshot the server offers, once its first build (started by the first request) is done. */
async function offeredSnapshot(): Promise<Extract<SnapshotInfo, { available: true }>> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const response = await server.api.call(server.api.tokens.rep, 'GET', '/v1/sync/snapshot');
    expect(response.status, response.body).toBe(200);
    const info = SnapshotInfo.parse(response.json);
    if (info.available) return info;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server never offered a snapshot');
}

function catalogRowCount(handle: Awaited<ReturnType<typeof openClient>>): number {
  const row = handle.sqlite.prepare('SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM rate_history) + (SELECT count(*) FROM product_availability) AS n').get() as { n: number };
  return row.n;
}

/** Calls `close` once `file` holds some bytes (or after 10 s). */
async function closeOnceKept(file: string, close: () => void): Promise<void> {
  for (let waited = 0; waited < 10_000 && !(existsSync(file) && statSync(file).size > 0); waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  close();
}

describe('first sync through the catalog snapshot', () => {
  it('resumes a download cut in the middle with a Range request instead of starting over', async () => {
    const info = await offeredSnapshot();
    const requests: string[] = [];
    const part = join(folder.path, `snapshot-${info.epoch}-${info.id}.part`);
    let cutDone = false;
    const relay = await startTcpRelay(server.port, {
      onRequestData(connection, chunk) {
        const text = chunk.toString('latin1');
        if (!text.startsWith('GET ')) return;
        connection.marks.clear();
        if (text.startsWith(`GET ${info.url} `)) {
          connection.marks.add('bytes');
          requests.push(text);
        }
      },
      onResponseData(connection, chunk) {
        if (connection.marks.has('cut')) return false;
        if (cutDone || !connection.marks.has('bytes')) return true;
        // The headers pass, then half of the first piece of the body; the rest is swallowed, and the
        // connection closes once the laptop has written some of it (closing at once could make its
        // stream drop what it has not read yet).
        const headerEnd = connection.marks.has('headers-sent') ? 0 : chunk.indexOf('\r\n\r\n') + 4;
        connection.marks.add('headers-sent');
        if (headerEnd === chunk.length) return true;
        cutDone = true;
        connection.marks.add('cut');
        connection.client.write(chunk.subarray(0, headerEnd + Math.floor((chunk.length - headerEnd) / 2)));
        void closeOnceKept(part, () => {
          connection.client.end();
          connection.upstream.destroy();
        });
        return false;
      },
    });
    const handle = await openClient(join(folder.path, 'resumed.sqlite'));
    try {
      const events: SnapshotEvent[] = [];
      const engine = engineFor(handle, apiClient(relay.url, server.api.tokens.rep), { snapshotFolder: folder.path, onSnapshot: (event) => events.push(event) });
      const cut = await engine.runNow('start');
      expect(cut.ok, cut.status.detail).toBe(false);
      expect(cut.status.state).toBe('offline');
      expect(cut.pages).toBe(0);
      // Nothing applied, nothing pulled as pages: the run waits to resume the download.
      expect(catalogRowCount(handle)).toBe(0);
      const kept = readFileSync(part).length;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(info.bytes);

      const resumed = await engine.runNow('manual');
      expect(resumed.status.reason).toBeUndefined();
      expect(resumed.ok).toBe(true);
      expect(requests).toHaveLength(2);
      expect(requests[0]).not.toMatch(/\r\nrange:/i);
      expect(requests[1]).toMatch(new RegExp(`\\r\\nrange: bytes=${kept}-\\r\\n`, 'i'));
      const downloaded = events.find((event) => event.kind === 'downloaded');
      expect(downloaded).toMatchObject({ resumedFrom: kept, received: info.bytes - kept });
      expect(events.find((event) => event.kind === 'applied')).toMatchObject({ deltaFrom: info.deltaFrom });
      await expectClientEqualsServer(server, handle);
    } finally {
      await handle.close();
      await relay.close();
    }
  }, 90_000);

  it('refuses a snapshot whose bytes do not match its SHA-256 and downloads pages instead', async () => {
    const info = await offeredSnapshot();
    const [name] = readdirSync(snapshotDir.path).filter((file) => file.includes(info.id));
    expect(name).toBeDefined();
    const file = join(snapshotDir.path, name ?? '');
    const original = readFileSync(file);
    const damaged = Buffer.from(original);
    const middle = Math.floor(damaged.length / 2);
    damaged[middle] = (damaged[middle] ?? 0) ^ randomBytes(1)[0]! | 1;
    writeFileSync(file, damaged);
    const handle = await openClient(join(folder.path, 'refused.sqlite'));
    try {
      let atRefusal: number | null = null;
      const events: SnapshotEvent[] = [];
      const engine = engineFor(handle, apiClient(server.baseUrl, server.api.tokens.rep), {
        onSnapshot: (event) => {
          events.push(event);
          if (event.kind === 'refused') atRefusal = catalogRowCount(handle);
        },
      });
      const outcome = await engine.runNow('start');
      expect(outcome.status.reason).toBeUndefined();
      expect(events.map((event) => event.kind)).toEqual(['refused']);
      expect(events[0]).toMatchObject({ reason: expect.stringContaining('SHA-256') });
      // Refused before a single row was written; then the whole catalog came as pages.
      expect(atRefusal).toBe(0);
      expect(outcome.ok).toBe(true);
      expect(outcome.rowsApplied).toBe(await expectClientEqualsServer(server, handle));
    } finally {
      writeFileSync(file, original);
      await handle.close();
    }
  }, 90_000);

  it('tombstones a rate retracted after the snapshot was built with the delta pages that follow it', async () => {
    const info = await offeredSnapshot();
    const rate = await server.api.owner.selectFrom('rateHistory').select(['rateHistoryId']).where('isActive', '=', true).orderBy('changeVersion').limit(1).executeTakeFirstOrThrow();
    await server.api.owner.updateTable('rateHistory').set({ isActive: false }).where('rateHistoryId', '=', rate.rateHistoryId).execute();
    // Still offered: one change behind is a small gap, which pages carry.
    expect((await offeredSnapshot()).id).toBe(info.id);

    const handle = await openClient(join(folder.path, 'retracted.sqlite'));
    const activeNow = () => (handle.sqlite.prepare('SELECT is_active AS active FROM rate_history WHERE rate_history_id = ?').get(rate.rateHistoryId) as { active: number }).active;
    try {
      let activeInSnapshot: number | null = null;
      const engine = engineFor(handle, apiClient(server.baseUrl, server.api.tokens.rep), {
        onSnapshot: (event) => {
          if (event.kind === 'applied') activeInSnapshot = activeNow();
        },
      });
      const outcome = await engine.runNow('start');
      expect(outcome.status.reason).toBeUndefined();
      expect(outcome.ok).toBe(true);
      expect(activeInSnapshot).toBe(1);
      expect(activeNow()).toBe(0);
      // The pages from deltaFrom (just before the rep's comparison) carried that comparison, the product
      // edited after it (already in the snapshot, rewritten unchanged) and the retraction.
      expect(parseCursor(info.deltaFrom)).toMatchObject({ kind: 'current' });
      expect(info.deltaFrom).not.toBe(info.cursor);
      expect(outcome.rowsApplied).toBe(3);
      await expectClientEqualsServer(server, handle);
    } finally {
      await handle.close();
    }
  }, 90_000);

  it('repairs a copy that differs after a snapshot with pages, not with the same snapshot again', async () => {
    await offeredSnapshot();
    const handle = await openClient(join(folder.path, 'repaired.sqlite'));
    try {
      const events: SnapshotEvent[] = [];
      const engine = engineFor(handle, apiClient(server.baseUrl, server.api.tokens.rep), {
        onSnapshot: (event) => {
          events.push(event);
          // A snapshot whose rates differ from the server's sums (as a faulty build would make them).
          if (event.kind === 'applied') handle.sqlite.prepare("UPDATE rate_history SET base_rate = '9.9900' WHERE rowid = (SELECT max(rowid) FROM rate_history)").run();
        },
      });
      const outcome = await engine.runNow('start');
      expect(outcome.status.reason).toBeUndefined();
      expect(outcome).toMatchObject({ ok: true, repaired: ['rates'] });
      expect(events.map((event) => event.kind)).toEqual(['downloaded', 'applied']);
      await expectClientEqualsServer(server, handle);
    } finally {
      await handle.close();
    }
  }, 90_000);
});
