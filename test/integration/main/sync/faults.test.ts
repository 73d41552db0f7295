// Faults during a download: the sync process killed with SIGKILL in the middle of applying a page,
// and the connection cut in the middle of a page's body by a TCP proxy. Either way the next run
// resumes from the last committed page and ends with a copy equal to the server's, no row twice.
// Each prints its [fault] figures (issue 6); test/soak/client-kill.test.ts repeats the kill at random pages.
import { createServer, connect, type Server, type Socket, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  apiClient,
  engineFor,
  expectClientEqualsServer,
  openClient,
  useClientSyncServer,
  type ClientSyncServer,
  type TempFolder,
} from '../../../support/client-sync-harness.js';
import { cacheCounts, killSyncDuringPage } from '../../../support/client-sync-kill.js';
import { compareCacheWithServer, reportFault, userIdOf } from '../../../support/fault-report.js';

let server: ClientSyncServer;
let folder: TempFolder;
useClientSyncServer(200, 'client-sync-faults-', (setup) => {
  ({ server, folder } = setup);
}, 120_000);

describe('client sync under faults', () => {
  it('resumes to a consistent cache after the sync process is killed (SIGKILL) while applying a page', async () => {
    const file = `${folder.path}/killed.sqlite`;
    const pauseAtPage = 3;
    const killed = await killSyncDuringPage(server.baseUrl, server.api.tokens.rep, file, pauseAtPage, 100);
    expect(killed.killed).toBe(true);

    // Pages 1 and 2 were committed; page 3 was written inside its transaction but never committed.
    const afterKill = await cacheCounts(file);
    expect(afterKill.cursor).not.toBeNull();
    const serverTotal = (await server.api.owner.selectFrom('products').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    expect(afterKill.products).toBeLessThan(Number(serverTotal));

    const handle = await openClient(file);
    try {
      const outcome = await engineFor(handle, apiClient(server.baseUrl, server.api.tokens.rep), { pageLimit: 100 }).runNow('start');
      expect(outcome.status.reason).toBeUndefined();
      expect(outcome).toMatchObject({ ok: true, repaired: [], resynced: false });
      const rows = await expectClientEqualsServer(server, handle);
      const before = afterKill.products + afterKill.rates + afterKill.availability + afterKill.catalogTerms;
      // Resumed, not restarted: the second process applied exactly what the first had not committed.
      expect(before + outcome.rowsApplied).toBe(rows);
      const differences = await compareCacheWithServer(server.api.owner, handle, await userIdOf(server.api.owner, 'rep@ratedesk.test'));
      expect(differences).toMatchObject({ missing: 0, stale: 0, extra: 0 });
      reportFault('client-kill', {
        operations: 2 + outcome.pages,
        faults: 1,
        rowsChecked: Math.max(rows, differences.checked),
        rowsLost: differences.missing + differences.stale,
        extra: { 'killed in page': pauseAtPage, 'rows in flight': killed.rowsInFlight, 'rows committed before': before, 'rows applied after': outcome.rowsApplied },
      });
    } finally {
      await handle.close();
    }
  }, 90_000);

  it('resumes after the connection is cut in the middle of a page', async () => {
    const proxy = await startCuttingProxy(server.port);
    const file = `${folder.path}/cut.sqlite`;
    const handle = await openClient(file);
    try {
      // A clean download through the proxy first, to learn how many bytes a page takes.
      const clean = await engineFor(handle, apiClient(proxy.url, server.api.tokens.rep), { pageLimit: 100 }).runNow('start');
      expect(clean.ok).toBe(true);
      const pageBytes = Math.floor(proxy.bytesDown / clean.pages);
      expect(pageBytes).toBeGreaterThan(1_000);

      const second = await openClient(`${folder.path}/cut2.sqlite`);
      try {
        proxy.bytesDown = 0;
        // Half-way through the second page's body.
        proxy.cutAfterBytes = Math.floor(pageBytes * 1.5);
        const engine = engineFor(second, apiClient(proxy.url, server.api.tokens.rep), { pageLimit: 100 });
        const cut = await engine.runNow('start');
        expect(proxy.cuts).toBe(1);
        expect(cut.ok).toBe(false);
        expect(cut.status.state).toBe('offline');
        expect(cut.status.reason).toMatch(/connection|reached|terminated|socket/i);
        const committed = cut.rowsApplied;
        expect(committed).toBeGreaterThan(0);

        const resumed = await engine.runNow('network');
        expect(resumed.status.reason).toBeUndefined();
        expect(resumed).toMatchObject({ ok: true, repaired: [] });
        const rows = await expectClientEqualsServer(server, second);
        expect(committed + resumed.rowsApplied).toBe(rows);
        // Equal checksums at the end: the server's report for the cursor the client reached.
        expect(resumed.ok).toBe(true);
        const differences = await compareCacheWithServer(server.api.owner, second, await userIdOf(server.api.owner, 'rep@ratedesk.test'));
        expect(differences).toMatchObject({ missing: 0, stale: 0, extra: 0 });
        reportFault('connection-cut', {
          operations: cut.pages + resumed.pages + 1,
          faults: proxy.cuts,
          rowsChecked: Math.max(rows, differences.checked),
          rowsLost: differences.missing + differences.stale,
          extra: { 'bytes per page': pageBytes, 'rows committed before': committed, 'rows applied after': resumed.rowsApplied },
        });
      } finally {
        await second.close();
      }
    } finally {
      await handle.close();
      await proxy.close();
    }
  }, 90_000);

  it('downloads a catalog whose products were edited after their rates (a rate arrives pages before its product)', async () => {
    // The edit moves each product's version past its rates': with small pages, the rates come in
    // pages before their product (docs/adr/0001-sync-cursor.md), and the cache must take them.
    const edited = await server.api.owner.selectFrom('products').select('productId').orderBy('changeVersion').limit(5).execute();
    for (const { productId } of edited) {
      const answer = await server.api.call(server.api.tokens.admin, 'PATCH', `/v1/admin/products/${productId}`, { description: 'Edited after its rates' });
      expect(answer.status, answer.body).toBe(200);
    }
    const handle = await openClient(`${folder.path}/edited.sqlite`);
    try {
      const outcome = await engineFor(handle, apiClient(server.baseUrl, server.api.tokens.rep), { pageLimit: 50 }).runNow('start');
      expect(outcome.status.reason).toBeUndefined();
      expect(outcome).toMatchObject({ ok: true, repaired: [] });
      const rows = await expectClientEqualsServer(server, handle);
      const orphans = handle.sqlite.prepare('PRAGMA foreign_key_check').all();
      expect(orphans).toEqual([]);
      const differences = await compareCacheWithServer(server.api.owner, handle, await userIdOf(server.api.owner, 'rep@ratedesk.test'));
      expect(differences).toMatchObject({ missing: 0, stale: 0, extra: 0 });
      reportFault('rates-before-product', { operations: outcome.pages, faults: edited.length, rowsChecked: Math.max(rows, differences.checked), rowsLost: differences.missing + differences.stale });
    } finally {
      await handle.close();
    }
  }, 90_000);
});

interface CuttingProxy {
  url: string;
  /** 0: pass everything. Otherwise the connection carrying the byte past this count is dropped, once. */
  cutAfterBytes: number;
  bytesDown: number;
  cuts: number;
  close(): Promise<void>;
}

/** A TCP proxy to 127.0.0.1:targetPort that drops a connection after a number of response bytes. */
async function startCuttingProxy(targetPort: number): Promise<CuttingProxy> {
  const sockets = new Set<Socket>();
  const state: CuttingProxy = { url: '', cutAfterBytes: 0, bytesDown: 0, cuts: 0, close: async () => undefined };
  const proxy: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      if (state.cutAfterBytes > 0 && state.bytesDown + chunk.length > state.cutAfterBytes) {
        // Deliver up to the limit, then drop both sides without a clean end.
        client.write(chunk.subarray(0, Math.max(0, state.cutAfterBytes - state.bytesDown)));
        state.bytesDown = state.cutAfterBytes;
        state.cutAfterBytes = 0;
        state.cuts += 1;
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      state.bytesDown += chunk.length;
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;
  state.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  };
  return state;
}
