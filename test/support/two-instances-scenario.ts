// Two API server instances against one database, as behind a load balancer without sticky
// sessions: admins publish through either, desktop clients send every request to a randomly
// chosen instance (pulls, pushes and checksum reads alike) while saving comparisons. At the end
// every client must hold exactly the server's state, by checksum and row by row: a change that one
// instance committed "behind" a cursor the other handed out would be missing forever.
// Every first sync goes through the catalog snapshot (issue 15): both instances build their own
// into one shared folder and, the catalog being at one version, offer the same one, so a client
// that reads the offer from one instance and downloads the bytes from the other still applies it.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { SnapshotEvent } from '../../src-main/sync/snapshot-sync.js';
import { SnapshotInfo } from '../../src-shared/sync/snapshot.js';
import { buildApp } from '../../server/app.js';
import type { SyncApi } from '../../src-main/sync/api-client.js';
import { testCusip, productBody } from './api.js';
import { apiClient, engineFor, expectClientEqualsServer, openClient, saveOnClient, startClientSyncServer, tempFolder, type ClientSyncServer } from './client-sync-harness.js';
import { useEnvironment } from './environment.js';
import { compareCacheWithServer, reportFault, seededRandom, sleep, userIdOf } from './fault-report.js';
import { verifiedComparison } from './sync-fixtures.js';

export interface TwoInstancesOptions {
  clients: number;
  /** Admin writes, spread over both instances. */
  publishes: number;
  /** Comparisons saved on the clients while they sync. */
  comparisons: number;
  seed: number;
}

interface Environment {
  server: ClientSyncServer;
  second: FastifyInstance;
  baseUrls: [string, string];
  folder: ReturnType<typeof tempFolder>;
  snapshotDir: ReturnType<typeof tempFolder>;
}

/** The snapshot id `baseUrl` offers, once the build its first request started is done. */
async function offeredSnapshotId(baseUrl: string, token: string): Promise<string> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const response = await fetch(`${baseUrl}/v1/sync/snapshot`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const info = SnapshotInfo.parse(await response.json());
    if (info.available) return info.id;
    await sleep(100);
  }
  throw new Error(`${baseUrl} never offered a catalog snapshot`);
}

export function useTwoInstancesEnvironment(products = 60): () => Environment {
  const start = async (): Promise<Environment> => {
    const snapshotDir = tempFolder('two-instances-snapshots-');
    // A snapshot for any catalog (the default starts at 50,000 changes); the second instance has the same configuration, so the same folder.
    const server = await startClientSyncServer(products, { RATEDESK_SNAPSHOT_MIN_CHANGES: '1', RATEDESK_SNAPSHOT_DIR: snapshotDir.path });
    const second = await buildApp({ config: server.api.config, logger: false });
    await second.listen({ port: 0, host: '127.0.0.1' });
    const port = (second.server.address() as AddressInfo).port;
    const baseUrls: [string, string] = [server.baseUrl, `http://127.0.0.1:${port}`];
    // Each instance builds its own snapshot of the same catalog version: the same bytes, so the same id.
    const ids = await Promise.all(baseUrls.map((url) => offeredSnapshotId(url, server.api.tokens.rep)));
    expect(ids[1], 'both instances offer the same snapshot').toBe(ids[0]);
    return { server, second, baseUrls, folder: tempFolder('two-instances-'), snapshotDir };
  };
  const stop = async (env: Environment): Promise<void> => {
    await env.second.close();
    await env.server.close();
    env.folder.remove();
    env.snapshotDir.remove();
  };
  return useEnvironment('two-instance', start, stop, 180_000);
}

export async function runTwoInstancesScenario(env: Environment, options: TwoInstancesOptions, name = 'two-instances'): Promise<void> {
  const { server } = env;
  const dice = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(dice() * items.length)];
    if (item === undefined) throw new Error('nothing to pick');
    return item;
  };
  const owner = server.api.owner;
  const productIds = (await owner.selectFrom('products').select('productId').execute()).map((row) => row.productId);
  const requests = [0, 0];
  /** Consecutive requests of one client that went to different instances. */
  let switches = 0;

  // Each request of a client goes to either instance.
  const spread = (token: string): SyncApi => {
    const apis = env.baseUrls.map((url) => apiClient(url, token));
    let last = -1;
    const choose = () => {
      const index = dice() < 0.5 ? 0 : 1;
      if (last !== -1 && last !== index) switches += 1;
      last = index;
      requests[index] = (requests[index] ?? 0) + 1;
      const api = apis[index];
      if (!api) throw new Error('no instance');
      return api;
    };
    return {
      pull: (args) => choose().pull(args),
      push: (body) => choose().push(body),
      checksums: () => choose().checksums(),
      snapshotInfo: () => choose().snapshotInfo?.() ?? Promise.reject(new Error('no snapshot API')),
      snapshotBytes: (url, args) => choose().snapshotBytes?.(url, args) ?? Promise.reject(new Error('no snapshot API')),
    };
  };

  const admin = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const index = dice() < 0.5 ? 0 : 1;
    requests[index] = (requests[index] ?? 0) + 1;
    const response = await fetch(`${env.baseUrls[index]}${path}`, {
      method,
      headers: { authorization: `Bearer ${server.api.tokens.admin}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };

  const handles = await Promise.all(Array.from({ length: options.clients }, (_, n) => openClient(`${env.folder.path}/${name}-${options.seed}-${n}.sqlite`)));
  const snapshotEvents = handles.map((): SnapshotEvent[] => []);
  const engines = handles.map((handle, n) =>
    engineFor(handle, spread(server.api.tokens.rep), {
      pageLimit: 20 + Math.floor(dice() * 80),
      onSnapshot: (event) => snapshotEvents[n]?.push(event),
    }),
  );

  let writes = 0;
  let refusals = 0;
  let newProducts = 0;
  const publisher = async (worker: number) => {
    for (let n = worker; n < options.publishes; n += 2) {
      const kind = dice();
      let answer: { status: number; json: unknown };
      if (kind < 0.5) {
        answer = await admin('POST', `/v1/admin/products/${pick(productIds)}/rates`, {
          baseRate: `${1 + Math.floor(dice() * 6)}.${String(Math.floor(dice() * 10_000)).padStart(4, '0')}`,
          effectiveDate: `${2035 + Math.floor(n / 300)}-${String(1 + Math.floor((n % 300) / 28)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
        });
      } else if (kind < 0.7) {
        answer = await admin('PATCH', `/v1/admin/products/${pick(productIds)}`, { description: `Revised ${options.seed}-${n}` });
      } else if (kind < 0.8) {
        answer = await admin('POST', `/v1/admin/products/${pick(productIds)}/${dice() < 0.5 ? 'deactivate' : 'reactivate'}`, { reason: `fault test ${n}` });
      } else if (kind < 0.9) {
        const year = 2050 + n;
        answer = await admin('POST', `/v1/admin/products/${pick(productIds)}/availability`, { startDate: `${year}-01-01`, endDate: `${year}-06-30` });
      } else {
        answer = await admin('POST', '/v1/admin/products', productBody({ cusip: testCusip((options.seed * 7 + n) % 100_000), productName: `Fault product ${n}` }));
        if (answer.status === 201) newProducts += 1;
      }
      if (answer.status < 300) writes += 1;
      else if (answer.status === 409 || answer.status === 400) refusals += 1;
      else throw new Error(`admin write answered ${answer.status}: ${JSON.stringify(answer.json)}`);
    }
  };

  let saved = 0;
  let stop = false;
  let runs = 0;
  let repairs = 0;
  const client = async (index: number) => {
    const handle = handles[index];
    const engine = engines[index];
    if (!handle || !engine) return;
    while (!stop) {
      if (saved < options.comparisons && dice() < 0.6) {
        saved += 1;
        const comparison = await verifiedComparison(owner, [pick(productIds), pick(productIds)], { clientReference: `Client ${index} #${saved}`, comparisonDate: new Date().toISOString() });
        await saveOnClient(handle, comparison);
      }
      const outcome = await engine.runNow('saved');
      runs += 1;
      expect(outcome.status.reason).toBeUndefined();
      // A repair means the verification found the copy different from the server: a missed change.
      repairs += outcome.repaired.length;
      await sleep(Math.floor(dice() * 30));
    }
  };

  const clients = engines.map((_, index) => client(index));
  try {
    await Promise.all([publisher(0), publisher(1)]);
  } finally {
    stop = true;
    await Promise.all(clients);
  }

  const userId = await userIdOf(owner, 'rep@ratedesk.test');
  let rowsChecked = 0;
  let rowsLost = 0;
  for (const [index, handle] of handles.entries()) {
    const outcome = await engines[index]?.runNow('manual');
    expect(outcome?.status.reason).toBeUndefined();
    expect(outcome?.repaired, 'verification found nothing to repair').toEqual([]);
    await expectClientEqualsServer(server, handle);
    const differences = await compareCacheWithServer(owner, handle, userId);
    expect(differences).toMatchObject({ missing: 0, stale: 0, extra: 0 });
    const notApplied = handle.sqlite
      .prepare("SELECT comparison_id, status, attempts, last_error, rejected_reason FROM outbox WHERE status <> 'applied'")
      .all();
    // The rows themselves in the message: a leftover says why (still pending after an error, or refused).
    expect(notApplied, 'every saved comparison applied').toEqual([]);
    rowsChecked += differences.checked;
    rowsLost += differences.missing + differences.stale;
    await handle.close();
  }
  expect(repairs, 'repairs during the run (copies found different from the server)').toBe(0);
  // Each first sync applied the snapshot (and nothing was refused): the pages only brought what followed it.
  for (const events of snapshotEvents) expect(events.map((event) => event.kind)).toEqual(['downloaded', 'applied']);
  expect(requests[0]).toBeGreaterThan(0);
  expect(requests[1]).toBeGreaterThan(0);
  reportFault(name, {
    operations: writes + refusals + runs + saved,
    faults: switches,
    rowsChecked,
    rowsLost,
    extra: {
      'missed changes': rowsLost + repairs,
      'instance switches': switches,
      'admin writes': writes,
      'admin refusals': refusals,
      'new products': newProducts,
      'comparisons saved': saved,
      'sync runs': runs,
      'requests instance A': requests[0] ?? 0,
      'requests instance B': requests[1] ?? 0,
      'snapshots applied': snapshotEvents.filter((events) => events.some((event) => event.kind === 'applied')).length,
      seed: options.seed,
    },
  });
}
