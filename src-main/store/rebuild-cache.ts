// Start-up: open and migrate the cache, or, when that is impossible, rebuild it without losing
// anything a rep created. The catalog is only a copy of the server's and is re-downloaded; saved
// comparisons and their outbox entries are carried into the new file with their owner (a
// comparison without one stays held), and so is the record event queue (prints and sign-outs not
// yet on the server are compliance records too); the old file is kept aside as <file>.broken-<time>.
//
// Crash safety: the new cache is built completely in <file>.rebuilding and marked finished in its
// last transaction; only then is the old file moved aside and the new one moved into place. A
// crash between the two renames is finished on the next start (recoverInterruptedRebuild).
import { existsSync, renameSync, rmSync } from 'node:fs';
import type { Migration } from 'kysely/migration';
import Database from 'better-sqlite3';
import { instantText } from './column-values.js';
import { ClientMigrationError, NewerClientDatabaseError, migrateClientDatabase, type MigrateClientResult } from './migrate.js';
import { openClientDatabase, type ClientDatabaseHandle } from './open-database.js';
import { emptySalvage, salvageComparisons, type Salvage } from './salvage-comparisons.js';
import { RecordEventState } from './record-event-queue.js';
import { UploadStatus } from '../../src-shared/sync/status.js';

/** sync_state keys the store itself writes; the sync engine owns every other key. */
export const StoreStateKey = {
  rebuiltAt: 'store.rebuiltAt',
  rebuildReason: 'store.rebuildReason',
} as const;

export interface OpenOrRebuildOptions {
  file: string;
  nativeBinding?: string | undefined;
  /** Defaults to this build's migrations; tests pass others. */
  migrations?: Readonly<Record<string, Migration>>;
  now?: () => Date;
}

export interface RebuildReport {
  rebuilt: boolean;
  /** Comparisons carried into the new cache. */
  salvagedComparisons: number;
  /** Of those, not yet on the server (queued for upload again). */
  pendingUploads?: number;
  /** Comparisons that could not be carried over; they remain in brokenFile. */
  lostComparisons?: number;
  /** Record events (prints, sign-outs) carried into the new cache, whatever their upload state. */
  salvagedRecordEvents?: number;
  /** Of those, still to be uploaded. */
  pendingRecordEvents?: number;
  /** Record events that could not be carried over; they remain in brokenFile. */
  lostRecordEvents?: number;
  reason?: string;
  /** Where the unusable file was kept. */
  brokenFile?: string;
}

export interface OpenedClientStore {
  handle: ClientDatabaseHandle;
  report: RebuildReport;
  migration: MigrateClientResult;
}

/** SQLite result codes (error.code) meaning the file itself is unusable, not the machine. */
const UNUSABLE_FILE_CODES = ['SQLITE_CORRUPT', 'SQLITE_NOTADB'];

function sqliteCode(error: unknown): string | null {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null;
}

/**
 * Whether rebuilding is the right answer to `error`. A full disk, a locked file or a permission
 * problem is not: rebuilding would not help and would throw away a good cache.
 */
export function calledForRebuild(error: unknown): boolean {
  if (error instanceof NewerClientDatabaseError) return true;
  if (error instanceof ClientMigrationError) {
    const code = sqliteCode(error.cause);
    return code === null || code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_ERROR' || UNUSABLE_FILE_CODES.some((c) => code.startsWith(c));
  }
  const code = sqliteCode(error);
  return code !== null && UNUSABLE_FILE_CODES.some((c) => code.startsWith(c));
}

const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

function removeDatabaseFiles(file: string): void {
  for (const suffix of SIDE_FILES) rmSync(`${file}${suffix}`, { force: true });
}

function moveDatabaseFiles(from: string, to: string): void {
  for (const suffix of SIDE_FILES) {
    if (existsSync(`${from}${suffix}`)) renameSync(`${from}${suffix}`, `${to}${suffix}`);
  }
}

export function stagingFileOf(file: string): string {
  return `${file}.rebuilding`;
}

function brokenFileOf(file: string, at: Date): string {
  // No ':' in file names on Windows.
  return `${file}.broken-${instantText(at).replace(/[-:.]/g, '')}`;
}

function isFinishedRebuild(staging: string, nativeBinding: string | undefined): boolean {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(staging, { readonly: true, fileMustExist: true, ...(nativeBinding === undefined ? {} : { nativeBinding }) });
    return sqlite.prepare('SELECT 1 FROM sync_state WHERE key = ?').get(StoreStateKey.rebuiltAt) !== undefined;
  } catch {
    return false;
  } finally {
    sqlite?.close();
  }
}

/** Finishes a rebuild that crashed between its two renames, or clears an unfinished one. */
export function recoverInterruptedRebuild(file: string, nativeBinding?: string): void {
  const staging = stagingFileOf(file);
  if (!existsSync(staging)) return;
  if (!existsSync(file) && isFinishedRebuild(staging, nativeBinding)) {
    moveDatabaseFiles(staging, file);
  } else {
    // Unfinished: the original was never moved, so the staging copy holds nothing unique.
    removeDatabaseFiles(staging);
  }
}

function describe(error: unknown): string {
  if (error instanceof NewerClientDatabaseError || error instanceof ClientMigrationError) return error.message;
  const code = sqliteCode(error);
  const text = error instanceof Error ? error.message : String(error);
  return code === null ? text : `${code}: ${text}`;
}

/**
 * Opens and migrates the cache at `file`, rebuilding it when it is corrupt, not a database, from a
 * newer app, or fails to migrate. Other failures (disk full, file locked) are thrown unchanged.
 */
export async function openOrRebuild(options: OpenOrRebuildOptions): Promise<OpenedClientStore> {
  const { file, nativeBinding, migrations } = options;
  recoverInterruptedRebuild(file, nativeBinding);
  let handle: ClientDatabaseHandle | undefined;
  try {
    handle = openClientDatabase({ file, nativeBinding });
    const migration = await migrateClientDatabase(handle, migrations === undefined ? {} : { migrations });
    return { handle, migration, report: { rebuilt: false, salvagedComparisons: 0 } };
  } catch (error) {
    await handle?.close();
    if (!calledForRebuild(error)) throw error;
    return rebuildClientDatabase({ ...options, reason: describe(error) });
  }
}

/**
 * Replaces the cache at `file` with a fresh one holding the salvaged comparisons and outbox and an
 * empty catalog and sync state. Also for the app to call when a query hits SQLITE_CORRUPT later.
 * The caller must have closed its own connections to `file`.
 */
export async function rebuildClientDatabase(options: OpenOrRebuildOptions & { reason: string }): Promise<OpenedClientStore> {
  const { file, nativeBinding, migrations, reason } = options;
  const now = options.now ?? (() => new Date());
  const salvage = existsSync(file) ? salvageComparisons(file, nativeBinding) : emptySalvage();

  const staging = stagingFileOf(file);
  removeDatabaseFiles(staging);
  const fresh = openClientDatabase({ file: staging, nativeBinding });
  let carried: Carried;
  try {
    await migrateClientDatabase(fresh, migrations === undefined ? {} : { migrations });
    carried = insertSalvage(fresh, salvage, reason, now());
  } catch (error) {
    await fresh.close();
    removeDatabaseFiles(staging);
    throw error;
  }
  await fresh.close();

  const brokenFile = existsSync(file) ? brokenFileOf(file, now()) : undefined;
  if (brokenFile !== undefined) moveDatabaseFiles(file, brokenFile);
  moveDatabaseFiles(staging, file);

  const handle = openClientDatabase({ file, nativeBinding });
  const migration = await migrateClientDatabase(handle, migrations === undefined ? {} : { migrations });
  const lost = carried.lost + salvage.unreadableRows;
  const lostEvents = carried.lostEvents + salvage.unreadableRecordEvents;
  return {
    handle,
    migration,
    report: {
      rebuilt: true,
      salvagedComparisons: carried.comparisons,
      pendingUploads: carried.pending,
      ...(lost > 0 ? { lostComparisons: lost } : {}),
      salvagedRecordEvents: carried.events,
      pendingRecordEvents: carried.pendingEvents,
      ...(lostEvents > 0 ? { lostRecordEvents: lostEvents } : {}),
      reason: salvage.problem === null ? reason : `${reason} (salvage: ${salvage.problem})`,
      ...(brokenFile === undefined ? {} : { brokenFile }),
    },
  };
}

const OPEN_STATUSES: readonly string[] = [UploadStatus.pending, UploadStatus.uploading];

interface Carried {
  comparisons: number;
  pending: number;
  lost: number;
  events: number;
  pendingEvents: number;
  lostEvents: number;
}

/**
 * Writes the salvaged rows into the fresh cache, each comparison with its outbox entry, and each
 * record event, in its own savepoint: a row the new CHECKs refuse is skipped (and counted), the
 * others still arrive. The finishing mark is written in the same transaction.
 */
function insertSalvage(handle: ClientDatabaseHandle, salvage: Salvage, reason: string, at: Date): Carried {
  const { sqlite } = handle;
  const stamp = instantText(at);
  const insertComparison = sqlite.prepare(
    `INSERT INTO saved_comparisons (comparison_id, created_at, as_of_date, investment_amount, horizon_years, client_reference, payload, server_change_version, owner_subject)
     VALUES (@comparisonId, @createdAt, @asOfDate, @investmentAmount, @horizonYears, @clientReference, @payload, @serverChangeVersion, @ownerSubject)`,
  );
  const insertOutbox = sqlite.prepare(
    `INSERT INTO outbox (comparison_id, status, attempts, next_attempt_at, last_error, rejected_reason, created_at, updated_at, owner_subject)
     VALUES (@comparisonId, @status, @attempts, @nextAttemptAt, @lastError, @rejectedReason, @createdAt, @updatedAt, @ownerSubject)`,
  );
  // Verbatim, owner included: the owner's next run uploads it (the server recognises an eventId it has).
  const insertRecordEvent = sqlite.prepare(
    `INSERT INTO record_event_queue (event_id, owner_subject, kind, comparison_id, payload, status, attempts, next_attempt_at, last_error, rejected_reason, created_at, updated_at)
     VALUES (@eventId, @ownerSubject, @kind, @comparisonId, @payload, @status, @attempts, @nextAttemptAt, @lastError, @rejectedReason, @createdAt, @updatedAt)`,
  );
  const setState = sqlite.prepare(`INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)`);
  const outboxByComparison = new Map(salvage.outbox.map((entry) => [entry.comparisonId, entry]));
  let comparisons = 0;
  let pending = 0;
  let lost = 0;
  let events = 0;
  let pendingEvents = 0;
  let lostEvents = 0;

  // better-sqlite3 turns a nested transaction() into a SAVEPOINT.
  const carryOne = sqlite.transaction((comparison: Salvage['comparisons'][number]) => {
    insertComparison.run(comparison);
    const entry = outboxByComparison.get(comparison.comparisonId);
    if (entry === undefined) return false;
    // An upload cut off by the failure may or may not have reached the server; sending it again
    // is safe (the server recognises the comparisonId).
    const reopened = entry.status === UploadStatus.uploading;
    // The entry belongs to its comparison's owner, whatever a damaged outbox row said.
    insertOutbox.run({
      ...entry,
      ownerSubject: comparison.ownerSubject,
      status: reopened ? UploadStatus.pending : entry.status,
      nextAttemptAt: reopened ? null : entry.nextAttemptAt,
    });
    return OPEN_STATUSES.includes(entry.status);
  });
  const carryEvent = sqlite.transaction((event: Salvage['recordEvents'][number]) => {
    insertRecordEvent.run(event);
  });
  sqlite.transaction(() => {
    for (const comparison of salvage.comparisons) {
      try {
        if (carryOne(comparison)) pending += 1;
        comparisons += 1;
      } catch {
        lost += 1;
      }
    }
    for (const event of salvage.recordEvents) {
      try {
        carryEvent(event);
        events += 1;
        if (event.status === RecordEventState.pending) pendingEvents += 1;
      } catch {
        lostEvents += 1;
      }
    }
    setState.run(StoreStateKey.rebuildReason, reason, stamp);
    setState.run(StoreStateKey.rebuiltAt, stamp, stamp);
  })();
  return { comparisons, pending, lost, events, pendingEvents, lostEvents };
}
