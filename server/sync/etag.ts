// The ETag of a pull answer, so an unchanged catalog costs a 304 and a few index probes.
//
// A page is determined by the epoch, the request (cursor, limit), the caller and the snapshot of
// the rows the caller syncs; that snapshot is identified by its high water, because every change to
// those rows draws a new, higher change_version. (serverTime is the only part of the body that
// differs between two answers with the same tag: it is metadata, not content.) pullEtag reads the
// epoch and the high water with the same cheap query a pull starts with, before any page is built.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PullResponse } from '../../src-shared/sync/protocol.js';
import type { Database } from '../db/schema.js';
import type { PullArgs } from './pull.js';
import { onReplicaOrWriter, type ReaderAndWriter } from './replica-or-writer.js';
import { checkCursor, readSyncPosition, validatePullQuery } from './sync-position.js';

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
  const query = validatePullQuery(args);
  const state = await readSyncPosition(db, args.userId);
  const { limit } = checkCursor(query, state);
  return etagFor({ epoch: state.epoch, cursor: query.cursor, limit, highWater: state.highWater, userId: args.userId });
}

/** pullEtag against the replica, falling back to the writer exactly as pullFromReplica does. */
export async function pullEtagFromReplica(pools: ReaderAndWriter, args: PullArgs): Promise<string> {
  return onReplicaOrWriter(pools, (db) => pullEtag(db, args));
}

/** The ETag of an answer already built (for the response header: it matches the body exactly). */
export function etagOfPull(response: PullResponse, args: PullArgs): string {
  const query = validatePullQuery(args);
  return etagFor({ epoch: response.epoch, cursor: query.cursor, limit: query.limit, highWater: response.highWater, userId: args.userId });
}
