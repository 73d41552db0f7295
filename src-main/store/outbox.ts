// The outbox: one entry per comparison saved on this computer, carrying it to the server. Entries
// are addressed by comparisonId (the id the server answers with) and move pending -> uploading ->
// applied, or to rejected with the server's reason; a failure sends them back to pending with a
// time for the next attempt. The upload loop itself belongs to the sync engine (src-main/sync/
// upload.ts); these are the queries it runs. Nothing here ever deletes an entry. An entry carries
// its comparison's owner: a run uploads and counts only the entries of the rep it runs for.
import type { Kysely } from 'kysely';
import { JsonObject } from '../../src-shared/sync/protocol.js';
import { UploadStatus } from '../../src-shared/sync/status.js';
import { instantText, versionText } from './column-values.js';
import type { ClientDatabase, ClientDb, OutboxRow } from './schema.js';
import { appliedProgress, rejectedProgress } from './upload-progress.js';

/** An entry's state as the comparison list shows it next to the comparison. */
export type UploadState = Pick<OutboxRow, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'rejectedReason'>;

/** The state of an entry just queued. */
export const NEW_UPLOAD: UploadState = { status: UploadStatus.pending, attempts: 0, nextAttemptAt: null, lastError: null, rejectedReason: null };

/** Ids are stored in lower case (as PostgreSQL prints uuids); callers may pass either. */
function lower(ids: readonly string[]): string[] {
  return ids.map((id) => id.toLowerCase());
}

/** Queues a comparison just saved: call it in the transaction that saves the comparison. */
export async function enqueueUpload(db: ClientDb, comparisonId: string, ownerSubject: string, now: Date): Promise<void> {
  const at = instantText(now);
  await db
    .insertInto('outbox')
    .values({ comparisonId: comparisonId.toLowerCase(), ownerSubject, status: UploadStatus.pending, attempts: 0, createdAt: at, updatedAt: at })
    .execute();
}

export interface UploadItem {
  outboxId: number;
  comparisonId: string;
  /** Uploads tried before this one. */
  attempts: number;
  payload: Record<string, unknown>;
}

/**
 * `ownerSubject`'s pending entries due at `now`, oldest first; other reps' entries (and held ones)
 * wait for their owner. The caller marks them uploading before sending.
 */
export async function nextUploadBatch(db: ClientDb, ownerSubject: string, now: Date, limit: number): Promise<UploadItem[]> {
  const rows = await db
    .selectFrom('outbox as o')
    .innerJoin('savedComparisons as c', 'c.comparisonId', 'o.comparisonId')
    .select(['o.outboxId', 'o.comparisonId', 'o.attempts', 'c.payload'])
    .where('o.status', '=', UploadStatus.pending)
    .where('o.ownerSubject', '=', ownerSubject)
    .where('c.ownerSubject', '=', ownerSubject)
    .where((eb) => eb.or([eb('o.nextAttemptAt', 'is', null), eb('o.nextAttemptAt', '<=', instantText(now))]))
    .orderBy('o.outboxId')
    .limit(Math.max(1, Math.trunc(limit)))
    .execute();
  return rows.map((row) => ({ ...row, payload: JsonObject.parse(JSON.parse(row.payload)) }));
}

/** pending -> uploading, counting the attempt. Entries in another state are left alone. */
export async function markUploading(db: ClientDb, comparisonIds: readonly string[], now: Date = new Date()): Promise<void> {
  if (comparisonIds.length === 0) return;
  await db
    .updateTable('outbox')
    .set((eb) => ({ status: UploadStatus.uploading, attempts: eb('attempts', '+', 1), updatedAt: instantText(now) }))
    .where('comparisonId', 'in', lower(comparisonIds))
    .where('status', '=', UploadStatus.pending)
    .execute();
}

/**
 * The server stored these comparisons: the entries are done and the comparisons remember the
 * server's change version. One transaction, so a crash cannot leave half a batch applied.
 */
export async function markApplied(
  db: Kysely<ClientDatabase>,
  comparisonIds: readonly string[],
  serverChangeVersion: string,
  now: Date = new Date(),
): Promise<void> {
  if (comparisonIds.length === 0) return;
  const version = versionText(serverChangeVersion, 'serverChangeVersion');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox')
      .set({ status: UploadStatus.applied, nextAttemptAt: null, lastError: null, rejectedReason: null, updatedAt: instantText(now) })
      .where('comparisonId', 'in', lower(comparisonIds))
      .execute();
    await trx.updateTable('savedComparisons').set({ serverChangeVersion: version }).where('comparisonId', 'in', lower(comparisonIds)).execute();
  });
}

/**
 * The server has its copy of this comparison (it came back by pull): an entry still open is done.
 * Call it in the pull page's transaction.
 */
export async function closeUpload(db: ClientDb, comparisonId: string, now: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set(appliedProgress(now))
    .where('comparisonId', '=', comparisonId.toLowerCase())
    .where('status', 'in', [UploadStatus.pending, UploadStatus.uploading])
    .execute();
}

/** The server refused the comparison for good; it stays listed with the reason. */
export async function markRejected(db: ClientDb, comparisonId: string, reason: string, now: Date = new Date()): Promise<void> {
  await db
    .updateTable('outbox')
    .set(rejectedProgress(reason, now))
    .where('comparisonId', '=', comparisonId.toLowerCase())
    .execute();
}

/** A transient failure (network, 5xx, 429): back to pending, not before `nextAttemptAt`. */
export async function scheduleRetry(db: ClientDb, comparisonId: string, error: string, nextAttemptAt: Date, now: Date = new Date()): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: UploadStatus.pending, lastError: error, nextAttemptAt: instantText(nextAttemptAt), updatedAt: instantText(now) })
    .where('comparisonId', '=', comparisonId.toLowerCase())
    .where('status', 'in', [UploadStatus.pending, UploadStatus.uploading])
    .execute();
}

/**
 * Entries left "uploading" by a crash or a quit mid-upload go back to pending, due at once; the
 * server recognises a repeated comparisonId. Call at start-up, before the upload loop runs.
 */
export async function resetInterruptedUploads(db: ClientDb, now: Date = new Date()): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: UploadStatus.pending, nextAttemptAt: null, updatedAt: instantText(now) })
    .where('status', '=', UploadStatus.uploading)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

async function countWhere(db: ClientDb, ownerSubject: string | null, statuses: readonly UploadStatus[]): Promise<number> {
  if (ownerSubject === null) return 0;
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', 'in', statuses)
    .where('ownerSubject', '=', ownerSubject)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** `ownerSubject`'s comparisons not yet on the server (pending or in flight); rejected ones are not counted. 0 for nobody. */
export function pendingUploadCount(db: ClientDb, ownerSubject: string | null): Promise<number> {
  return countWhere(db, ownerSubject, [UploadStatus.pending, UploadStatus.uploading]);
}

/** `ownerSubject`'s comparisons the server refused (they stay listed with its reason). 0 for nobody. */
export function rejectedUploadCount(db: ClientDb, ownerSubject: string | null): Promise<number> {
  return countWhere(db, ownerSubject, [UploadStatus.rejected]);
}
