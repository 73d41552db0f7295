// Applies a downloaded, hash-checked catalog snapshot (src-shared/sync/snapshot.ts) to the cache:
// streamed from the file (gunzip, one line at a time, so memory holds one chunk, never the file),
// each chunk validated with the pull's own row schemas and written with the store's prepared
// upserts in a transaction of its own; then, in one last transaction, the cursor to pull the rest
// of the history from. Until that one commits there is no cursor, so an interrupted apply starts
// again (the upserts are version-guarded: a row written twice is the same row).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { SYNC_COLLECTIONS, type PullResponse } from '../../src-shared/sync/protocol.js';
import { SnapshotChunk, SnapshotEnd, SnapshotHeader } from '../../src-shared/sync/snapshot.js';
import { setSyncState } from '../store/sync-state-repository.js';
import { inSyncTransaction, writeCatalogChanges } from './apply-page.js';
import type { PullContext } from './pull-pages.js';
import { SnapshotRefusedError, type AvailableSnapshot } from './snapshot-download.js';
import { SyncKey } from './sync-keys.js';

/**
 * Rows written per transaction: a few chunks at once, so commits (and the status published after
 * each) are rare, while the rows held in memory stay a small part of the catalog.
 */
const ROWS_PER_TRANSACTION = 20_000;

const NO_CHANGES = Object.fromEntries(SYNC_COLLECTIONS.map((collection) => [collection, []])) as unknown as PullResponse['changes'];

function parsed<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, line: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new SnapshotRefusedError(`snapshot: a ${what} line is not JSON`);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new SnapshotRefusedError(`snapshot: unexpected ${what} line (${result.error.message.slice(0, 300)})`);
  return result.data;
}

/** Applies the snapshot in `file` and sets the cursor to info.deltaFrom; returns the rows written. */
export async function applySnapshotFile(context: PullContext, info: AvailableSnapshot, file: string): Promise<number> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header: SnapshotHeader | null = null;
  let rows = 0;
  let ended = false;
  const total = Object.values(info.checksums).reduce((sum, table) => sum + table.count, 0);
  let pending: SnapshotChunk[] = [];
  let pendingRows = 0;
  async function flush(): Promise<void> {
    if (pending.length === 0) return;
    const chunks = pending;
    pending = [];
    pendingRows = 0;
    await inSyncTransaction(context.db, async (trx) => {
      for (const chunk of chunks) await writeCatalogChanges(trx, { ...NO_CHANGES, [chunk.collection]: chunk.rows }, context.catalogBulk);
    });
    rows += chunks.reduce((sum, chunk) => sum + chunk.rows.length, 0);
    await context.onProgress({ rowsApplied: rows, rowsTotal: Math.max(rows, total), percent: total === 0 ? 99 : Math.min(99, Math.floor((rows * 100) / total)) });
  }
  for await (const line of lines) {
    if (ended) throw new SnapshotRefusedError('snapshot: lines after its end');
    if (header === null) {
      header = parsed(SnapshotHeader, line, 'header');
      if (header.cursor !== info.cursor || header.epoch !== info.epoch) throw new SnapshotRefusedError(`snapshot: its header names cursor ${header.cursor}, the server announced ${info.cursor}`);
      continue;
    }
    if (line.startsWith('{"end"')) {
      const end = parsed(SnapshotEnd, line, 'end');
      await flush();
      if (end.rows !== rows) throw new SnapshotRefusedError(`snapshot: ${rows} rows read, its end line says ${end.rows}`);
      ended = true;
      continue;
    }
    const chunk = parsed(SnapshotChunk, line, 'chunk') as SnapshotChunk;
    pending.push(chunk);
    pendingRows += chunk.rows.length;
    if (pendingRows >= ROWS_PER_TRANSACTION) await flush();
  }
  if (!ended) throw new SnapshotRefusedError('snapshot: the file ends before its end line');
  await inSyncTransaction(context.db, async (trx) => {
    await setSyncState(trx, SyncKey.cursor, info.deltaFrom, context.now());
    await setSyncState(trx, SyncKey.epoch, info.epoch, context.now());
  });
  return rows;
}
