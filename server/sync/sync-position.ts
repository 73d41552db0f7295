// What every sync answer starts from: the epoch, the caller's high water and the server clock, read
// in the caller's transaction (so, in a pull, from the same snapshot as the rows), and the check of
// the cursor a client sent against them.
import { sql, type Kysely } from 'kysely';
import { parseOrThrow, ValidationError } from '../../src-shared/errors.js';
import { compareVersions, parseCursor } from '../../src-shared/sync/cursor.js';
import { PullQuery } from '../../src-shared/sync/protocol.js';
import type { Database } from '../db/schema.js';
import { ResyncReason, ResyncRequiredError } from './resync-required-error.js';

export interface SyncPosition {
  epoch: string;
  /**
   * The highest change_version among the rows this user syncs: every catalog row and the user's
   * own comparisons. Every version at or below it that will ever be visible already is (the sync
   * writers' lock makes versions visible in order), so it is a safe cursor for this snapshot.
   */
  highWater: string;
  /** The server clock (transaction start), ISO-8601 UTC. */
  serverTime: string;
}

/**
 * Each max() is one backward step on a change_version index ((user_id, change_version) for the
 * comparisons), so this stays cheap whatever the catalog size: it is all an unchanged pull costs.
 *
 * The query has no FROM clause, so PostgreSQL knows it returns exactly one row whatever its
 * statistics say. Reading sync_epoch in FROM let a never-analyzed one-row table be estimated at
 * 1,540 rows; the pull cross-joins this state three times, which made 3.65e9 estimated rows, a cost
 * of 1.8e11 and a JIT compilation of about 1.6 s on every pull on a stock PostgreSQL (issue 9).
 */
export function syncPositionQuery(userId: string) {
  return sql<SyncPosition & { epoch: string | null }>`
    SELECT
      (SELECT e.epoch FROM sync_epoch e) AS epoch,
      greatest(
        (SELECT max(change_version) FROM products),
        (SELECT max(change_version) FROM product_availability),
        (SELECT max(change_version) FROM rate_history),
        (SELECT max(change_version) FROM carriers),
        (SELECT max(change_version) FROM product_state_approvals),
        (SELECT max(change_version) FROM fia_strategies),
        (SELECT max(change_version) FROM fia_strategy_rates),
        (SELECT max(change_version) FROM index_levels),
        (SELECT max(change_version) FROM product_comparisons WHERE user_id = ${userId}),
        0
      ) AS high_water,
      now() AS server_time`;
}

/** Throws when the sync migrations have not run (sync_epoch has no row, so the state has no epoch). */
export function requireEpoch<T extends { epoch: string | null }>(state: T | undefined): T & { epoch: string } {
  if (state?.epoch == null) throw new Error('sync_epoch has no row: the sync migrations have not run on this database');
  return state as T & { epoch: string };
}

export async function readSyncPosition(db: Kysely<Database>, userId: string): Promise<SyncPosition> {
  return requireEpoch((await syncPositionQuery(userId).execute(db)).rows[0]);
}

export interface CheckedPullQuery {
  /** The version the client holds ('0' for a first pull). */
  after: string;
  limit: number;
}

/** Validates the query's shape (ValidationError naming the field, before any database work). */
export function validatePullQuery(query: { cursor?: string | undefined; limit?: number | undefined }): PullQuery {
  const parsed = parseOrThrow(PullQuery, {
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    ...(query.limit === undefined ? {} : { limit: query.limit }),
  });
  if (parsed.cursor !== undefined) {
    const cursor = parseCursor(parsed.cursor);
    if (cursor.kind === 'invalid') throw new ValidationError([{ path: 'cursor', message: cursor.reason }]);
  }
  return parsed;
}

/**
 * The version to read after, or ResyncRequiredError when the cursor belongs to another history
 * or to a point this database has not reached (it was restored to an earlier one).
 */
export function checkCursor(query: PullQuery, state: SyncPosition): CheckedPullQuery {
  if (query.cursor === undefined) return { after: '0', limit: query.limit };
  const cursor = parseCursor(query.cursor);
  if (cursor.kind === 'invalid') throw new ValidationError([{ path: 'cursor', message: cursor.reason }]);
  if (cursor.kind === 'outdated') throw new ResyncRequiredError(ResyncReason.outdatedCursor, state.epoch);
  if (cursor.epoch !== state.epoch) throw new ResyncRequiredError(ResyncReason.epochMismatch, state.epoch);
  if (compareVersions(cursor.version, state.highWater) > 0) throw new ResyncRequiredError(ResyncReason.cursorAhead, state.epoch);
  return { after: cursor.version, limit: query.limit };
}
