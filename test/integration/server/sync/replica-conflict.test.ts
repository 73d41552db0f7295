// Issue 9: a streaming replica cancels a pull to let its replay go on (a recovery conflict), and the
// server answered 503 + Retry-After although the writer could serve the page at once. Here with a
// real primary and real hot standbys (Debian's PostgreSQL 15), a conflict provoked for real:
//
//   primary P1: BEGIN; LOCK sync_table_stats (ACCESS EXCLUSIVE)  -> replay on the standby takes it
//   standby:    the pull locks products ... (ACCESS SHARE) and waits for sync_table_stats
//   primary P2: LOCK products (ACCESS EXCLUSIVE); COMMIT         -> replay waits for the pull's lock
//   primary P1: COMMIT (the writer is free again; the standby is stuck before that record)
//
// Replay and the pull now wait for each other, and the standby breaks it by cancelling the pull:
// after max_standby_streaming_delay (40001 "canceling statement due to conflict with recovery",
// "User was holding a relation lock for too long") when that is shorter than deadlock_timeout, else
// through the pull's deadlock detector (40P01 "deadlock detected"), which is what PostgreSQL's
// defaults (1 s against 30 s) give. One standby is set up for each.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../server/app.js';
import { loadServerConfig } from '../../../../server/config.js';
import { loadDatabaseConfig } from '../../../../server/db/config.js';
import { createDatabase } from '../../../../server/db/database.js';
import { ensureLoginRole, migrateToLatest } from '../../../../server/db/migrate.js';
import { isRecoveryConflict } from '../../../../server/db/recovery-conflict.js';
import type { Database } from '../../../../server/db/schema.js';
import { DEMO_USERS } from '../../../../server/dev-idp/demo-directory.js';
import { startDevIdentityProvider, type RunningDevIdentityProvider } from '../../../../server/dev-idp/provider.js';
import { getTokensByScriptedSignIn } from '../../../../server/dev-idp/scripted-sign-in.js';
import { pullChanges, pullFromReplica, type PullArgs } from '../../../../server/sync/pull.js';
import type { PullResponse } from '../../../../src-shared/sync/protocol.js';
import { DEMO_LOGINS, inject, withCredentials } from '../../../support/api.js';
import { missingReplicaBinary, startStreamingReplica, type StreamingReplica } from '../../../support/streaming-replica.js';
import { catalog, createUser, loadCatalogInTransactions } from '../../../support/sync-fixtures.js';

const missing = missingReplicaBinary();
if (missing) {
  console.warn(`[sync-replica-conflict] skipped: ${missing} does not exist (Debian's postgresql-15 package; .ci/run installs it)`);
}

/** How each standby resolves the conflict, in the order they are started. */
const STANDBYS = {
  // Replay cancels what is in its way after 1 s, before the deadlock detector would run.
  lockTimeout: { max_standby_streaming_delay: '1s', deadlock_timeout: '10s' },
  // PostgreSQL's defaults in short: deadlock_timeout (1 s) long before max_standby_streaming_delay.
  deadlock: { max_standby_streaming_delay: '30s', deadlock_timeout: '1s' },
} as const;
type StandbyName = keyof typeof STANDBYS;
const STANDBY_NAMES = Object.keys(STANDBYS) as StandbyName[];

interface Standby {
  url: string;
  /** The server's reader pool (DATABASE_READ_URL, the server's pool settings), as the app role. */
  reader: Kysely<Database>;
  expected: { code: string; message: string };
}

let replica: StreamingReplica | undefined;
let writer: Kysely<Database>;
let standbys: Record<StandbyName, Standby>;
let userId: string;
const cleanups: (() => Promise<unknown>)[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(client: pg.Client, what: string, text: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await client.query(text)).rowCount === 0) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

/**
 * Runs `start` (something that pulls on the standby at `standbyUrl`) while replay and that pull
 * are made to wait for each other, as the header describes; returns how it settled.
 */
async function underRecoveryConflict<T>(standbyUrl: string, start: () => Promise<T>): Promise<PromiseSettledResult<T>> {
  if (!replica) throw new Error('no replica');
  await replica.waitForReplay();
  const p1 = new pg.Client(replica.primaryUrl);
  const p2 = new pg.Client(replica.primaryUrl);
  const watcher = new pg.Client(standbyUrl);
  await Promise.all([p1.connect(), p2.connect(), watcher.connect()]);
  try {
    await p1.query('BEGIN');
    await p1.query('LOCK TABLE sync_table_stats IN ACCESS EXCLUSIVE MODE');
    // The lock is in the WAL at once but streamed only once flushed: any commit flushes it.
    await p2.query('SELECT txid_current()');
    await until(
      watcher,
      'replay holds sync_table_stats on the standby',
      `SELECT 1 FROM pg_locks WHERE relation = 'sync_table_stats'::regclass AND mode = 'AccessExclusiveLock' AND granted`,
    );
    const settled = start().then(
      (value): PromiseSettledResult<T> => ({ status: 'fulfilled', value }),
      (reason: unknown): PromiseSettledResult<T> => ({ status: 'rejected', reason }),
    );
    // The pull has locked the tables it reads first and now waits for sync_table_stats.
    await until(
      watcher,
      'the pull waits for sync_table_stats on the standby',
      `SELECT 1 FROM pg_locks WHERE relation = 'sync_table_stats'::regclass AND mode = 'AccessShareLock' AND NOT granted`,
    );
    await p2.query('BEGIN; LOCK TABLE products IN ACCESS EXCLUSIVE MODE; COMMIT');
    await p1.query('COMMIT');
    return await settled;
  } finally {
    await Promise.all([p1.end(), p2.end(), watcher.end()]);
  }
}

/** A page without serverTime (the one field two answers for the same snapshot differ in). */
/** A page without what differs between two reads of the same rows: the clock, and the time zone the route adds. */
function content(page: PullResponse): Omit<PullResponse, 'serverTime' | 'businessTimeZone' | 'cachePolicy'> {
  const { serverTime: _serverTime, businessTimeZone: _zone, cachePolicy: _policy, ...rest } = page;
  return rest;
}

/** The standby's count of statements it cancelled for replay, plus the deadlocks it detected. */
async function cancelledCount(standbyUrl: string): Promise<number> {
  const client = new pg.Client(standbyUrl);
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT (c.confl_lock + c.confl_snapshot + c.confl_bufferpin + c.confl_deadlock + d.deadlocks)::text AS n
       FROM pg_stat_database_conflicts c JOIN pg_stat_database d USING (datid) WHERE c.datname = current_database()`,
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** Statistics reach the view when the cancelled backend flushes them (within about a second). */
async function expectCancelledSince(standbyUrl: string, before: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while ((await cancelledCount(standbyUrl)) <= before) {
    if (Date.now() > deadline) throw new Error('the standby reports no cancelled statement: the conflict did not happen');
    await sleep(100);
  }
}

describe.skipIf(missing !== undefined)('a pull that a hot standby cancels for its replay (recovery conflict)', () => {
  beforeAll(async () => {
    replica = await startStreamingReplica({ database: 'ratedesk', standbys: STANDBY_NAMES.map((name) => STANDBYS[name]) });
    cleanups.push(() => replica?.stop() ?? Promise.resolve());
    const { primaryUrl, standbyUrls } = replica;

    await migrateToLatest(primaryUrl);
    // The server's least-privileged login role (the role reaches the standbys by replication).
    await ensureLoginRole(primaryUrl, { role: 'ratedesk_server', password: 'pw' });
    const owner = createDatabase({ connectionString: primaryUrl, max: 2 });
    cleanups.push(() => owner.destroy());
    userId = await createUser(owner);
    await loadCatalogInTransactions(owner, catalog(12, 3), 5);
    await replica.waitForReplay();

    const asApp = (url: string) => withCredentials(url, 'ratedesk_server', 'pw');
    const quiet = { onIdleClientError: () => undefined };
    writer = createDatabase(loadDatabaseConfig({ DATABASE_URL: asApp(primaryUrl) }).writer, quiet);
    cleanups.push(() => writer.destroy());
    standbys = {} as Record<StandbyName, Standby>;
    for (const [index, name] of STANDBY_NAMES.entries()) {
      const url = standbyUrls[index] ?? '';
      const config = loadDatabaseConfig({ DATABASE_URL: asApp(primaryUrl), DATABASE_READ_URL: asApp(url) });
      const reader = createDatabase(config.reader, quiet);
      cleanups.push(() => reader.destroy());
      standbys[name] = {
        url,
        reader,
        expected:
          name === 'lockTimeout'
            ? { code: '40001', message: 'canceling statement due to conflict with recovery' }
            : { code: '40P01', message: 'deadlock detected' },
      };
    }
  }, 60_000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.warn('[sync-replica-conflict] cleanup:', error));
  });

  it.each(STANDBY_NAMES)('the pull on the reader itself fails with a recovery conflict (standby: %s)', async (name) => {
    const { url, reader, expected } = standbys[name];
    const args: PullArgs = { userId };
    // The reader serves pulls normally (and its pool has the statement prepared).
    expect((await pullChanges(reader, args)).changes.products).toHaveLength(12);

    const result = await underRecoveryConflict(url, () => pullChanges(reader, args));
    expect(result.status).toBe('rejected');
    const reason = (result as PromiseRejectedResult).reason as { code?: string; message?: string };
    expect({ code: reason.code, message: reason.message }).toEqual(expected);
    expect(isRecoveryConflict(reason)).toBe(true);

    // The reader's pool recovers by itself: the next pull on it succeeds.
    await replica?.waitForReplay();
    expect((await pullChanges(reader, args)).changes.products).toHaveLength(12);
  });

  it.each(STANDBY_NAMES)('pullFromReplica answers the page from the writer instead (standby: %s)', async (name) => {
    const { url, reader } = standbys[name];
    for (const args of [{ userId }, { userId, limit: 10 }] satisfies PullArgs[]) {
      const before = await cancelledCount(url);
      const result = await underRecoveryConflict(url, () => pullFromReplica({ writer, reader }, args));
      if (result.status === 'rejected') throw result.reason;
      await expectCancelledSince(url, before);
      expect(content(result.value)).toEqual(content(await pullChanges(writer, args)));
    }
  });

  describe('over HTTP', () => {
    let idp: RunningDevIdentityProvider;
    let app: FastifyInstance;
    let token: string;

    beforeAll(async () => {
      if (!replica) throw new Error('no replica');
      idp = await startDevIdentityProvider({ port: 0, users: DEMO_USERS });
      cleanups.push(() => idp.close());
      // The app makes its own pools from the environment, as in production.
      const config = loadServerConfig({
        DATABASE_URL: withCredentials(replica.primaryUrl, 'ratedesk_server', 'pw'),
        DATABASE_READ_URL: withCredentials(standbys.lockTimeout.url, 'ratedesk_server', 'pw'),
        OKTA_ISSUER: idp.issuer,
        LOG_LEVEL: 'silent',
        // Every pull must read the standby: the warm-up's answer is not to be repeated from memory.
        RATEDESK_PULL_MEMO: 'off',
      });
      app = await buildApp({ logger: false, config });
      cleanups.push(() => app.close());
      await app.ready();
      token = (await getTokensByScriptedSignIn({ issuer: idp.issuer, ...DEMO_LOGINS.rep })).accessToken;
    }, 30_000);

    it('GET /v1/sync/pull answers 200 with the page, not 503, while the replica cancels the pull', async () => {
      // A pull without a conflict first: it records the rep (on the writer) and warms the pools.
      const warm = await inject(app, token, 'GET', '/v1/sync/pull');
      expect(warm.status, warm.body).toBe(200);
      const repId = (await writer.selectFrom('users').select('userId').where('email', '=', 'rep@ratedesk.test').executeTakeFirstOrThrow()).userId;

      const { url } = standbys.lockTimeout;
      const before = await cancelledCount(url);
      const result = await underRecoveryConflict(url, () => inject(app, token, 'GET', '/v1/sync/pull'));
      if (result.status === 'rejected') throw result.reason;
      await expectCancelledSince(url, before);
      const response = result.value;
      expect(response.status, response.body).toBe(200);
      expect(response.headers['retry-after']).toBeUndefined();
      expect(content(response.json as PullResponse)).toEqual(content(await pullChanges(writer, { userId: repId })));
    });
  });
});
