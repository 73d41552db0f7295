// Which database answers a read of the sync (a pull, or the ETag that stands for one): the read
// replica when it can, the writer when it cannot.
import type { Kysely } from 'kysely';
import { isRecoveryConflict } from '../db/recovery-conflict.js';
import type { Database } from '../db/schema.js';
import { ResyncReason, ResyncRequiredError } from './resync-required-error.js';

export interface ReaderAndWriter {
  /** DATABASE_URL. */
  writer: Kysely<Database>;
  /** DATABASE_READ_URL (the same instance as writer when there is no replica). */
  reader: Kysely<Database>;
}

/**
 * `read` on the replica, or once more on the writer when the replica's answer says nothing about
 * the request. A replica replays the writer's history in commit order, so its snapshot is an
 * earlier but consistent state and lag only delays changes. When the client already holds more
 * than the replica has (its cursor came from the writer: it has just pushed, or an earlier pull
 * fell back) or names an epoch the replica has not replayed yet, the writer answers instead, so
 * nobody is sent back in time or told to resync because of lag. The writer also answers when the
 * replica cancels the read to let its replay go on (a recovery conflict:
 * server/db/recovery-conflict.ts): a replica a little behind hits that even with millisecond reads,
 * and a 503 would make every client wait out Retry-After for a page the writer serves at once.
 * Any error of the writer stands.
 */
export async function onReplicaOrWriter<T>({ writer, reader }: ReaderAndWriter, read: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (reader === writer) return read(writer);
  try {
    return await read(reader);
  } catch (error) {
    if (error instanceof ResyncRequiredError && error.reason !== ResyncReason.outdatedCursor) return read(writer);
    if (isRecoveryConflict(error)) return read(writer);
    throw error;
  }
}
