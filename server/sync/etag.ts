// The ETag of a pull answer, so an unchanged catalog costs a 304 and a few index probes.
//
// A page is determined by the epoch, the request (cursor, limit), the caller and the snapshot of
// the rows the caller syncs; that snapshot is identified by its high water, because every change to
// those rows draws a new, higher change_version. (serverTime is the only part of the body that
// differs between two answers with the same tag: it is metadata, not content.) pullEtag reads the
// epoch and the high water with the same cheap query a pull starts with, before any page is built.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { DEFAULT_CACHE_POLICY, type CachePolicy } from '../../src-shared/sync/cache-policy.js';
import type { PullResponse } from '../../src-shared/sync/protocol.js';
import { preparedStatementMark } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { PullArgs } from './pull.js';
import { onReplicaOrWriter, type ReaderAndWriter } from './replica-or-writer.js';
import { checkCursor, requireEpoch, syncPositionQuery, validatePullQuery, type SyncPosition } from './sync-position.js';

export interface PullEtagInput {
  epoch: string;
  /** The cursor as requested (undefined for a first pull). */
  cursor: string | undefined;
  /** The effective limit (the default when the request had none). */
  limit: number;
  highWater: string;
  userId: string;
}

/** A strong ETag (quoted) for these inputs. */
export function etagFor({ epoch, cursor, limit, highWater, userId }: PullEtagInput): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(['sync-pull-v2', epoch, cursor ?? '', limit, highWater, userId.toLowerCase()]))
    .digest('base64url');
  return `"${digest.slice(0, 32)}"`;
}

/**
 * The ETag the pull for `args` would carry, without building the page. Throws what the pull would
 * (ValidationError, ResyncRequiredError), so a 304 is never sent for a cursor the pull would refuse.
 */
export async function pullEtag(db: Kysely<Database>, args: PullArgs): Promise<string> {
  return (await pullEtagWithPolicy(db, args)).etag;
}

// Planned once per pooled connection, like the pull itself: planning its nine index probes cost
// PostgreSQL more than running them, and a no-change pull is nothing else.
const ETAG_STATEMENT_MARK = preparedStatementMark('sync_etag_v1');

/**
 * pullEtag and sync_policy's offline days (null without its row) in one statement: a no-change
 * pull is then one round trip to PostgreSQL, the policy being part of the ETag the route sends.
 */
export async function pullEtagWithPolicy(db: Kysely<Database>, args: PullArgs): Promise<{ etag: string; maxOfflineDays: number | null }> {
  const query = validatePullQuery(args);
  const { rows } = await sql<SyncPosition & { epoch: string | null; maxOfflineDays: number | null }>`${sql.raw(ETAG_STATEMENT_MARK)}
    SELECT s.*, (SELECT max_offline_days FROM sync_policy) AS max_offline_days FROM (${syncPositionQuery(args.userId)}) s`.execute(db);
  const state = requireEpoch(rows[0]);
  const { limit } = checkCursor(query, state);
  return { etag: etagFor({ epoch: state.epoch, cursor: query.cursor, limit, highWater: state.highWater, userId: args.userId }), maxOfflineDays: state.maxOfflineDays };
}

/** pullEtagWithPolicy against the replica, falling back to the writer exactly as pullFromReplica does. */
export async function pullEtagWithPolicyFromReplica(pools: ReaderAndWriter, args: PullArgs): Promise<{ etag: string; maxOfflineDays: number | null }> {
  return onReplicaOrWriter(pools, (db) => pullEtagWithPolicy(db, args));
}

/** pullEtag against the replica, falling back to the writer exactly as pullFromReplica does. */
export async function pullEtagFromReplica(pools: ReaderAndWriter, args: PullArgs): Promise<string> {
  return onReplicaOrWriter(pools, (db) => pullEtag(db, args));
}

/** The offline policy a pull sends: sync_policy's row, or the default without it (as cachePolicyOf). */
export function cachePolicyFrom(maxOfflineDays: number | null): CachePolicy {
  return maxOfflineDays === null ? DEFAULT_CACHE_POLICY : { maxOfflineDays };
}

/** The ETag of an answer already built (for the response header: it matches the body exactly). */
export function etagOfPull(response: PullResponse, args: PullArgs): string {
  const query = validatePullQuery(args);
  return etagFor({ epoch: response.epoch, cursor: query.cursor, limit: query.limit, highWater: response.highWater, userId: args.userId });
}
