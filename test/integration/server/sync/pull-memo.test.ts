// Repeat pulls answered from memory (server/sync/pull-answer-memo.ts, change-feed.ts): no SQL while
// nothing changed, and never a stale answer once a change was announced: a rate published through
// another instance, a comparison pushed through it, the offline policy changed, the epoch rotated.
// A lost LISTEN connection turns the memo off until it is back, and the age bound holds even when a
// notification never comes. Real PostgreSQL, real tokens, two app instances on one database.
import type { FastifyInstance } from 'fastify';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../server/app.js';
import { createPool } from '../../../../server/db/database.js';
import type { Database } from '../../../../server/db/schema.js';
import type { ChangeFeed } from '../../../../server/sync/change-feed.js';
import { PullAnswerMemo } from '../../../../server/sync/pull-answer-memo.js';
import { ClientHeader, PROTOCOL_VERSION } from '../../../../src-shared/sync/client-report.js';
import type { PullResponse } from '../../../../src-shared/sync/protocol.js';
import { inject, productBody, startApiHarness, testCusip, type ApiHarness } from '../../../support/api.js';
import { verifiedComparison } from '../../../support/sync-fixtures.js';

const MAX_AGE_MS = 400;
let api: ApiHarness;
let other: FastifyInstance;
let productId: string;
/** Statements of the pull and its ETag probe run by the first instance. */
let syncStatements = 0;

function feedOf(app: FastifyInstance): ChangeFeed {
  if (!app.changeFeed) throw new Error('the app has no change feed');
  return app.changeFeed;
}

beforeAll(async () => {
  api = await startApiHarness({
    env: { RATEDESK_PULL_MEMO_MAX_AGE_MS: String(MAX_AGE_MS) },
    appDatabase: ({ appDatabaseUrl }) =>
      new Kysely<Database>({
        dialect: new PostgresDialect({ pool: createPool({ connectionString: appDatabaseUrl, max: 4 }) }),
        plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
        log: (event) => {
          if (event.query.sql.includes('/* prepared sync_')) syncStatements += 1;
        },
      }),
  });
  other = await buildApp({ logger: false, config: api.config });
  const created = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(1) }));
  expect(created.status, created.body).toBe(201);
  productId = (created.json as { productId: string }).productId;
});

afterAll(async () => {
  await other?.close();
  await api?.close();
});

const device = { [ClientHeader.deviceId]: '0000be4c-0000-4000-8000-00000000aaaa', [ClientHeader.protocol]: String(PROTOCOL_VERSION), [ClientHeader.appVersion]: '0.0.0-test' };

async function pull(app: FastifyInstance, token: string, cursor: string | undefined, headers: Record<string, string> = {}) {
  const query = cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`;
  return inject(app, token, 'GET', `/v1/sync/pull${query}`, undefined, { ...device, ...headers });
}

/** A complete pull's cursor and ETag on the first instance, its answer memoized. */
async function current(token = api.tokens.rep): Promise<{ cursor: string; etag: string }> {
  const first = await pull(api.app, token, undefined);
  expect(first.status, first.body).toBe(200);
  const cursor = (first.json as PullResponse).cursor;
  const delta = await pull(api.app, token, cursor);
  expect(delta.status, delta.body).toBe(200);
  return { cursor, etag: delta.headers.etag as string };
}

/** Runs `write`, then waits until the first instance's feed has announced something after it. */
async function announced(write: () => Promise<unknown>): Promise<void> {
  const before = feedOf(api.app).generation;
  await write();
  await feedOf(api.app).nextGeneration(before);
}

describe('a repeat pull', () => {
  it('is answered from memory, 304 or 200, without running the pull or its ETag statement', async () => {
    await feedOf(api.app).whenLive();
    const { cursor, etag } = await current();
    const before = syncStatements;
    const notModified = await pull(api.app, api.tokens.rep, cursor, { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe(etag);
    const again = await pull(api.app, api.tokens.rep, cursor);
    expect(again.status).toBe(200);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['content-type']).toMatch(/^application\/json/);
    expect((again.json as PullResponse).cursor).toBe(cursor);
    expect(syncStatements - before).toBe(0);
  });

  it('never answers one user with another’s memoized answer', async () => {
    const comparison = await verifiedComparison(api.owner, [productId], { comparisonDate: new Date().toISOString() });
    const pushed = await api.call(api.tokens.rep, 'POST', '/v1/sync/push', { comparisons: [comparison] });
    expect(pushed.status, pushed.body).toBe(200);
    const mine = await pull(api.app, api.tokens.rep, undefined);
    expect((mine.json as PullResponse).changes.comparisons.map((c) => c.comparisonId)).toContain(comparison.comparisonId);
    const theirs = await pull(api.app, api.tokens.rep2, undefined, { 'if-none-match': mine.headers.etag as string });
    expect(theirs.status).toBe(200);
    expect((theirs.json as PullResponse).changes.comparisons).toEqual([]);
    expect(theirs.headers.etag).not.toBe(mine.headers.etag);
  });
});

describe('after a change is announced, the very next pull carries it', () => {
  it('a rate published through the other instance', async () => {
    const { cursor, etag } = await current();
    await announced(() => inject(other, api.tokens.admin, 'POST', `/v1/admin/products/${productId}/rates`, { baseRate: '4.7', effectiveDate: '2098-01-01' }));
    const changed = await pull(api.app, api.tokens.rep, cursor, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect((changed.json as PullResponse).changes.rates.map((rate) => [rate.effectiveDate, rate.baseRate])).toContainEqual(['2098-01-01', '4.7000']);
  });

  it('a comparison pushed through the other instance', async () => {
    const { cursor, etag } = await current();
    const comparison = await verifiedComparison(api.owner, [productId], { comparisonDate: new Date().toISOString() });
    await announced(async () => expect((await inject(other, api.tokens.rep, 'POST', '/v1/sync/push', { comparisons: [comparison] })).status).toBe(200));
    const changed = await pull(api.app, api.tokens.rep, cursor, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect((changed.json as PullResponse).changes.comparisons.map((c) => c.comparisonId)).toEqual([comparison.comparisonId]);
  });

  it('the offline policy changed in the database', async () => {
    const { cursor, etag } = await current();
    await announced(() => sql`UPDATE sync_policy SET max_offline_days = 12`.execute(api.owner));
    const changed = await pull(api.app, api.tokens.rep, cursor, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect((changed.json as PullResponse).cachePolicy).toEqual({ maxOfflineDays: 12 });
  });

  it('the epoch rotated (a restore): resync required', async () => {
    const { cursor, etag } = await current();
    await announced(() => sql`SELECT rotate_sync_epoch()`.execute(api.owner));
    const refused = await pull(api.app, api.tokens.rep, cursor, { 'if-none-match': etag });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ reason: 'epoch-mismatch' });
  });
});

describe('when notifications fail', () => {
  it('a killed LISTEN connection turns the memo off, and the feed listens again', async () => {
    const feed = feedOf(api.app);
    await feed.whenLive();
    const { cursor, etag } = await current();
    const before = feed.generation;
    const { rows } = await sql<{ killed: boolean }>`
      SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
      WHERE datname = current_database() AND query = 'LISTEN ratedesk_sync_changed'`.execute(api.owner);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    await feed.nextGeneration(before);
    await feed.whenLive();
    // What was memoized before the loss is not trusted after it: the probe runs again.
    const counted = syncStatements;
    expect((await pull(api.app, api.tokens.rep, cursor, { 'if-none-match': etag })).status).toBe(304);
    expect(syncStatements - counted).toBe(1);
    // Listening again: a change made in the database alone reaches this instance.
    await announced(() => sql`UPDATE sync_policy SET max_offline_days = 13`.execute(api.owner));
  });

  it('an answer is not reused past its age bound, even when no notification comes', async () => {
    const { cursor, etag } = await current();
    // A notification lost: the trigger that would send it is off for this change.
    await sql`ALTER TABLE sync_policy DISABLE TRIGGER sync_policy_notify_sync_changed`.execute(api.owner);
    try {
      const generation = feedOf(api.app).generation;
      await sql`UPDATE sync_policy SET max_offline_days = 20`.execute(api.owner);
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, MAX_AGE_MS + 50));
      expect(feedOf(api.app).generation).toBe(generation);
      const changed = await pull(api.app, api.tokens.rep, cursor, { 'if-none-match': etag });
      expect(Date.now() - started).toBeGreaterThan(MAX_AGE_MS);
      expect(changed.status).toBe(200);
      expect((changed.json as PullResponse).cachePolicy).toEqual({ maxOfflineDays: 20 });
    } finally {
      await sql`ALTER TABLE sync_policy ENABLE TRIGGER sync_policy_notify_sync_changed`.execute(api.owner);
    }
  });
});

describe('the memo itself', () => {
  const feed = { generation: 1, live: true };
  const answer = { etag: '"a"', body: '{}', heldCursor: 'c' };

  it('answers nothing while the feed is not listening, and keeps nothing read then', () => {
    const memo = new PullAnswerMemo(feed);
    memo.remember('k', memo.readingGeneration(), answer);
    expect(memo.get('k')).toMatchObject(answer);
    feed.live = false;
    expect(memo.get('k')).toBeUndefined();
    expect(memo.readingGeneration()).toBeNull();
    memo.remember('j', 1, answer);
    feed.live = true;
    expect(memo.get('j')).toBeUndefined();
  });

  it('drops an answer read under an older generation, even one stored after the change', () => {
    const memo = new PullAnswerMemo(feed);
    const readUnder = memo.readingGeneration();
    memo.remember('k', readUnder, answer);
    feed.generation += 1;
    expect(memo.get('k')).toBeUndefined();
    memo.remember('k', readUnder, answer);
    expect(memo.get('k')).toBeUndefined();
  });

  it('keys answers by user, cursor and limit', () => {
    expect(PullAnswerMemo.keyOf({ userId: 'A', cursor: 'c', limit: 5 })).toBe(PullAnswerMemo.keyOf({ userId: 'a', cursor: 'c', limit: 5 }));
    expect(PullAnswerMemo.keyOf({ userId: 'a', cursor: 'c' })).not.toBe(PullAnswerMemo.keyOf({ userId: 'b', cursor: 'c' }));
    expect(PullAnswerMemo.keyOf({ userId: 'a', cursor: 'c', limit: 5 })).not.toBe(PullAnswerMemo.keyOf({ userId: 'a', cursor: 'c', limit: 6 }));
  });
});
