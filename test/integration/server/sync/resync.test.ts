// When a client must start over, and when it must not: a restored or reset database is detected
// (epoch, cursor ahead of the server), an unchanged catalog answers with the same ETag, and a
// lagging read replica never sends a client back in time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createDatabase } from '../../../../server/db/database.js';
import type { Database } from '../../../../server/db/schema.js';
import { etagOfPull, pullEtag, pullEtagFromReplica } from '../../../../server/sync/etag.js';
import { pullChanges, pullFromReplica, type PullArgs } from '../../../../server/sync/pull.js';
import { pushComparisons } from '../../../../server/sync/push.js';
import { ResyncRequiredError, type ResyncReason } from '../../../../server/sync/resync-required-error.js';
import { encodeCursor, parseCursor } from '../../../../src-shared/sync/cursor.js';
import {
  catalog,
  compareHashes,
  copyDatabase,
  createUser,
  expectReplicaEqualsServer,
  loadCatalogInTransactions,
  Replica,
  verifiedComparison,
  serverRowHashes,
  startSyncDatabase,
  type SyncTestDatabase,
} from '../../../support/sync-fixtures.js';

let env: SyncTestDatabase;
let rep: string;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  env = await startSyncDatabase('sync_resync');
  rep = await createUser(env.owner);
  await loadCatalogInTransactions(env.owner, catalog(40, 3, 21), 10);
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await env?.close();
});

async function resyncReason(promise: Promise<unknown>): Promise<ResyncReason> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ResyncRequiredError)) throw new Error(`expected ResyncRequiredError, got ${String(error)}`);
  return error.reason;
}

function positionOf(cursor: string | undefined): { epoch: string; version: bigint } {
  const parsed = parseCursor(cursor ?? '');
  if (parsed.kind !== 'current') throw new Error(`not a cursor: ${cursor}`);
  return { epoch: parsed.epoch, version: BigInt(parsed.version) };
}

const versionOf = (cursor: string) => positionOf(cursor).version;

async function publishOneRate(db: Kysely<Database>, seed: number): Promise<void> {
  await loadCatalogInTransactions(db, catalog(1, 1, seed), 1);
}

describe('a restored database', () => {
  it('is detected by a cursor past its history, and after the runbook rotates the epoch, by the epoch', async () => {
    const backup = await copyDatabase(env, 'backup');
    cleanups.push(() => backup.drop());

    // Life goes on after the backup; the client syncs it.
    await publishOneRate(env.owner, 1001);
    const replica = new Replica();
    await replica.catchUp(env.app, rep, 1000);

    // The server is restored from the backup. The client's cursor is beyond anything it holds.
    const restored = createDatabase({ connectionString: backup.appUrl, max: 2 });
    const restoredOwner = createDatabase({ connectionString: backup.url, max: 1 });
    cleanups.push(() => restored.destroy(), () => restoredOwner.destroy());
    expect(await resyncReason(pullChanges(restored, { cursor: replica.cursor, userId: rep }))).toBe('cursor-ahead');
    expect(await resyncReason(pullEtag(restored, { cursor: replica.cursor, userId: rep }))).toBe('cursor-ahead');

    // Worse: new publishes reach the restored server and reuse the lost versions. The cursor is no
    // longer ahead, and without the runbook the client would silently skip some of those changes...
    for (let seed = 2001; seed < 2004; seed += 1) await publishOneRate(restoredOwner, seed);
    const diverged = new Replica();
    for (const [key, row] of replica.products) diverged.products.set(key, row);
    for (const [key, row] of replica.availability) diverged.availability.set(key, row);
    for (const [key, row] of replica.rates) diverged.rates.set(key, row);
    diverged.apply(await pullChanges(restored, { cursor: replica.cursor, userId: rep }));
    const differences = compareHashes(await serverRowHashes(restoredOwner, rep), diverged.rowHashes());
    expect(differences.products.missing + differences.availability.missing + differences.rates.missing).toBeGreaterThan(0);
    // ...which is why the runbook rotates the epoch right after a restore.
    await sql`SELECT rotate_sync_epoch()`.execute(restoredOwner);
    expect(await resyncReason(pullChanges(restored, { cursor: replica.cursor, userId: rep }))).toBe('epoch-mismatch');

    // The resync: a first pull again, which reproduces the restored server exactly.
    const fresh = new Replica();
    const page = await fresh.catchUp(restored, rep, 1000);
    expect(page.epoch).not.toBe(positionOf(replica.cursor).epoch);
    await expectReplicaEqualsServer(restoredOwner, rep, fresh);
  });

  it('refuses cursors of another format, and garbage as a bad request', async () => {
    const state = await pullChanges(env.app, { userId: rep, limit: 1 });
    expect(await resyncReason(pullChanges(env.app, { cursor: `v0.${state.epoch}.12`, userId: rep }))).toBe('outdated-cursor');
    await expect(pullChanges(env.app, { cursor: `v1.${state.epoch}.-4`, userId: rep })).rejects.toThrow(/cursor: is not a cursor returned by this server/);
  });
});

describe('ETag', () => {
  it('stays the same while nothing the caller syncs changes, and changes with any change', async () => {
    const other = await createUser(env.owner, 'other');
    const replica = new Replica();
    const last = await replica.catchUp(env.app, rep, 1000);
    const args: PullArgs = { cursor: last.cursor, userId: rep };

    const tag = await pullEtag(env.app, args);
    expect(await pullEtag(env.app, args)).toBe(tag);
    const answer = await pullChanges(env.app, args);
    expect(etagOfPull(answer, args)).toBe(tag);

    // Another rep's upload is none of this caller's business.
    const productId = (await env.owner.selectFrom('products').select('productId').executeTakeFirstOrThrow()).productId;
    await pushComparisons(env.app, { userId: other, sessionId: null, comparisons: [await verifiedComparison(env.owner, [productId])] });
    expect(await pullEtag(env.app, args)).toBe(tag);

    // A catalog change is.
    await env.owner.updateTable('products').set({ description: 'Reworded' }).where('productId', '=', productId).execute();
    const afterCatalog = await pullEtag(env.app, args);
    expect(afterCatalog).not.toBe(tag);
    // So is the caller's own upload (from another laptop of theirs, say).
    await pushComparisons(env.app, { userId: rep, sessionId: null, comparisons: [await verifiedComparison(env.owner, [productId])] });
    expect(await pullEtag(env.app, args)).not.toBe(afterCatalog);

    // The request is part of it: another limit, cursor or caller is another answer.
    expect(await pullEtag(env.app, { ...args, limit: 10 })).not.toBe(await pullEtag(env.app, args));
    expect(await pullEtag(env.app, { userId: rep })).not.toBe(await pullEtag(env.app, args));
    expect(await pullEtag(env.app, { ...args, userId: other })).not.toBe(await pullEtag(env.app, args));
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
  });
});

describe('a lagging read replica', () => {
  it('serves clients it can, and hands a client that is ahead of it to the writer', async () => {
    const productId = (await env.owner.selectFrom('products').select('productId').executeTakeFirstOrThrow()).productId;
    const caughtUp = new Replica();
    await caughtUp.catchUp(env.app, rep, 1000);

    // The replica stops replaying here; the writer moves on.
    const lagging = await copyDatabase(env, 'replica');
    cleanups.push(() => lagging.drop());
    const reader = createDatabase({ connectionString: lagging.appUrl, max: 2 });
    cleanups.push(() => reader.destroy());
    const pair = { writer: env.app, reader };

    const behind = new Replica();
    const behindPage = await behind.catchUp(env.app, rep, 1000);
    await publishOneRate(env.owner, 3001);
    const push = await pushComparisons(env.app, { userId: rep, sessionId: null, comparisons: [await verifiedComparison(env.owner, [productId])] });

    // A client whose cursor the replica has reached is served by the replica: an older state, but
    // a consistent one, and its cursor does not go backwards.
    const fromReplica = await pullFromReplica(pair, { cursor: behindPage.cursor, userId: rep });
    expect(fromReplica.cursor).toBe(behindPage.cursor);
    expect(fromReplica.changes.comparisons).toEqual([]);
    expect(await pullEtagFromReplica(pair, { cursor: behindPage.cursor, userId: rep })).toBe(etagOfPull(fromReplica, { cursor: behindPage.cursor, userId: rep }));

    // A client that already holds more than the replica (here: it pulled from the writer after its
    // upload) would be told to resync by the replica; the writer serves it instead.
    const writerPage = await pullChanges(env.app, { cursor: behindPage.cursor, userId: rep });
    expect(versionOf(writerPage.cursor)).toBeGreaterThan(versionOf(behindPage.cursor));
    expect(await resyncReason(pullChanges(reader, { cursor: writerPage.cursor, userId: rep }))).toBe('cursor-ahead');
    const served = await pullFromReplica(pair, { cursor: writerPage.cursor, userId: rep });
    expect(served.cursor).toBe(writerPage.cursor);
    expect(await pullEtagFromReplica(pair, { cursor: writerPage.cursor, userId: rep })).toBe(etagOfPull(served, { cursor: writerPage.cursor, userId: rep }));
    expect(versionOf(writerPage.cursor)).toBeGreaterThanOrEqual(versionOf(push.writeCheckpoint));

    // A cursor ahead of the writer too is a restore, and the writer says so.
    const beyond = encodeCursor({ epoch: writerPage.epoch, version: String(versionOf(writerPage.cursor) + 1000n) });
    expect(await resyncReason(pullFromReplica(pair, { cursor: beyond, userId: rep }))).toBe('cursor-ahead');
  });
});
