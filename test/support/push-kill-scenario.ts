// The API server process killed (SIGKILL) while a desktop client's push batches are in flight, then
// started again on the same port, again and again. The client talks to it through a TCP relay.
// Kills alternate between two moments: a random delay after the request leaves (mostly before the
// batch's transaction commits, so PostgreSQL rolls it back), and right after the server answered,
// with the relay swallowing that answer (the batch is committed but the client never heard: the
// retry must be answered "duplicate", not stored twice). Shared by the fast test and the soak.
import { expect } from 'vitest';
import type { SyncApi } from '../../src-main/sync/api-client.js';
import { MAX_PUSH_COMPARISONS } from '../../src-shared/sync/protocol.js';
import { freePort } from '../../server/db/embedded.js';
import { apiClient, engineFor, expectClientEqualsServer, openClient, saveOnClient, startClientSyncServer, tempFolder, type ClientSyncServer } from './client-sync-harness.js';
import { useEnvironment } from './environment.js';
import { compareCacheWithServer, reportFault, seededRandom, sleep, userIdOf } from './fault-report.js';
import { serverProcess, type ServerProcess } from './server-process.js';
import { startTcpRelay, type TcpRelay } from './tcp-relay.js';
import { verifiedComparison } from './sync-fixtures.js';

export interface PushKillOptions {
  comparisons: number;
  /** Kills to inject; each hits one push request in flight. */
  kills: number;
  seed: number;
  /** Upper bound of the random delay between a push leaving and the kill. */
  maxKillDelayMs: number;
}

interface Environment {
  server: ClientSyncServer;
  process: ServerProcess;
  /** Hooks of the relay in front of the server process, set by the scenario. */
  relay: TcpRelay;
  swallow: { armed: boolean; onSwallowed: (committed: boolean) => void };
  folder: ReturnType<typeof tempFolder>;
}

/** Registers beforeAll/afterAll for the scenario's environment; call at the top of a test file. */
export function usePushKillEnvironment(): () => Environment {
  return useEnvironment('push-kill', startEnvironment, stopEnvironment, 180_000);
}

async function startEnvironment(): Promise<Environment> {
  const server = await startClientSyncServer(30);
  const port = await freePort();
  const proc = serverProcess({
    databaseUrl: server.api.appDatabaseUrl,
    issuer: server.api.idp.issuer,
    port,
    env: { RATE_LIMIT_PER_MINUTE: '1000000' },
  });
  const swallow: Environment['swallow'] = { armed: false, onSwallowed: () => undefined };
  const relay = await startTcpRelay(port, {
    onRequestData: (connection, chunk) => {
      if (swallow.armed && chunk.includes('POST /v1/sync/push')) {
        swallow.armed = false;
        connection.marks.add('swallow');
      }
    },
    onResponseData: (connection, chunk) => {
      if (!connection.marks.has('swallow')) return true;
      connection.marks.delete('swallow');
      swallow.onSwallowed(chunk.subarray(0, 12).toString() === 'HTTP/1.1 200');
      connection.destroy();
      return false;
    },
  });
  const env = { server, process: proc, relay, swallow, folder: tempFolder('push-kill-') };
  try {
    await proc.start();
  } catch (error) {
    await stopEnvironment(env);
    throw error;
  }
  return env;
}

async function stopEnvironment(env: Environment): Promise<void> {
  await env.relay.close();
  await env.process.close();
  await env.server.close();
  env.folder.remove();
}

export async function runPushKillScenario(env: Environment, options: PushKillOptions, name = 'push-kill'): Promise<void> {
  const { server, process: proc } = env;
  const dice = seededRandom(options.seed);
  const owner = server.api.owner;
  const products = await owner.selectFrom('products').select('productId').execute();
  const productIds = products.map((row) => row.productId);

  const handle = await openClient(`${env.folder.path}/${name}-${options.seed}.sqlite`);
  try {
    const expectedItems = new Map<string, number>();
    for (let n = 0; n < options.comparisons; n += 1) {
      const count = 1 + Math.floor(dice() * 4);
      const chosen = Array.from({ length: count }, (_, index) => productIds[(n + index * 7) % productIds.length] ?? '');
      const comparison = await verifiedComparison(owner, chosen, { clientReference: `Household ${n}`, comparisonDate: new Date().toISOString() });
      expectedItems.set(comparison.comparisonId, count);
      await saveOnClient(handle, comparison);
    }

    const real = apiClient(env.relay.url, server.api.tokens.rep);
    let pushes = 0;
    let kills = 0;
    let killing: Promise<void> | null = null;
    let answersLost = 0;
    env.swallow.onSwallowed = (committed) => {
      if (committed) answersLost += 1;
      killing = proc.kill();
    };
    const outboxLeft = () =>
      (handle.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status <> 'applied'").get() as { n: number }).n;
    // Pushes to kill: spread over the run, never two kills for one request.
    const api: SyncApi = {
      pull: (args) => real.pull(args),
      checksums: () => real.checksums(),
      push: async (body) => {
        pushes += 1;
        // Most pushes are killed; all of them once the batches left are no more than the kills left.
        const batchesLeft = Math.ceil(outboxLeft() / MAX_PUSH_COMPARISONS);
        if (kills < options.kills && killing === null && !env.swallow.armed && (dice() < 0.7 || batchesLeft <= options.kills - kills)) {
          kills += 1;
          if (kills % 2 === 0) {
            env.swallow.armed = true;
          } else {
            const delay = Math.floor(dice() * options.maxKillDelayMs);
            killing = sleep(delay).then(() => proc.kill());
          }
        }
        return real.push(body);
      },
    };
    const engine = engineFor(handle, api, { pageLimit: 500 });

    let runs = 0;
    let failedRuns = 0;
    for (; runs < options.kills * 4 + 20; ) {
      runs += 1;
      const outcome = await engine.runNow('network');
      if (killing !== null) {
        await killing;
        killing = null;
      }
      env.swallow.armed = false;
      if (!proc.running()) await proc.start();
      if (!outcome.ok) {
        failedRuns += 1;
        expect(outcome.status.state, outcome.status.reason).toMatch(/offline|error/);
        continue;
      }
      if (outboxLeft() === 0 && kills >= options.kills) break;
    }
    expect(kills, 'every planned kill was injected').toBe(options.kills);

    // The outbox is done: every comparison applied (its server copy came back by pull).
    const outbox = handle.sqlite.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status').all() as { status: string; n: number }[];
    expect(outbox).toEqual([{ status: 'applied', n: options.comparisons }]);

    // The server: each comparison exactly once, with exactly its items.
    const stored = await owner
      .selectFrom('productComparisons as c')
      .leftJoin('productComparisonItems as i', 'i.comparisonId', 'c.comparisonId')
      .select((eb) => ['c.comparisonId', eb.fn.count<string>('i.position').as('items')])
      .groupBy('c.comparisonId')
      .execute();
    const storedById = new Map(stored.map((row) => [row.comparisonId, Number(row.items)]));
    expect(storedById.size).toBe(stored.length);
    let lost = 0;
    let itemsChecked = 0;
    for (const [id, items] of expectedItems) {
      if (storedById.get(id) !== items) lost += 1;
      itemsChecked += items;
    }
    const extra = [...storedById.keys()].filter((id) => !expectedItems.has(id)).length;
    expect(extra, 'comparisons on the server that the client never saved').toBe(0);
    expect(stored.length).toBe(options.comparisons);

    // And the client's copy adds up to the server's, row by row and by checksum.
    await expectClientEqualsServer(server, handle);
    const rows = await compareCacheWithServer(owner, handle, await userIdOf(owner, 'rep@ratedesk.test'));
    expect(rows).toMatchObject({ missing: 0, stale: 0, extra: 0 });

    reportFault(name, {
      operations: pushes,
      faults: kills,
      rowsChecked: options.comparisons + itemsChecked,
      rowsLost: lost + rows.missing,
      extra: {
        comparisons: options.comparisons,
        'answers lost after commit': answersLost,
        'server starts': proc.starts,
        'sync runs': runs,
        'failed runs': failedRuns,
        seed: options.seed,
      },
    });
  } finally {
    await handle.close();
  }
}
