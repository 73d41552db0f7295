// Applies a downloaded, hash-checked catalog snapshot (src-shared/sync/snapshot.ts) to the cache,
// streamed from the file (gunzip, one line at a time, so memory holds a few chunks, never the file).
// Products are validated with the pull's own row schemas and written with the store's prepared
// upserts, a few chunks per transaction. The big collections (rates, availability, issue 13's
// records) are checked for the protocol's shapes (snapshot-row-shapes.ts, which says why that is
// enough), turned into cache rows by the page path's row builders and staged; once the end line
// has confirmed the file is whole, ONE transaction copies them into the cache in key order
// (src-main/store/catalog-stage.ts) and sets the cursor to pull the rest of the history from. Until
// that one commits there is no cursor, so an interrupted apply starts again (the upserts are
// version-guarded: a row written twice is the same row).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { SYNC_COLLECTIONS, type PullResponse } from '../../src-shared/sync/protocol.js';
import { ValidationError } from '../../src-shared/errors.js';
import { SnapshotChunk, SnapshotEnd, SnapshotHeader } from '../../src-shared/sync/snapshot.js';
import { isStagedCollection, type CatalogStage, type StagedCollection } from '../store/catalog-stage.js';
import { setSyncState } from '../store/sync-state-repository.js';
import { inSyncTransaction, writeCatalogChanges } from './apply-page.js';
import type { PullContext } from './pull-pages.js';
import { SnapshotRefusedError, type AvailableSnapshot } from './snapshot-download.js';
import { checkRowShapes } from './snapshot-row-shapes.js';
import { SyncKey } from './sync-keys.js';

/**
 * Rows written per transaction: a few chunks at once, so commits (and the status published after
 * each) are rare, while the rows held in memory stay a small part of the catalog.
 */
const ROWS_PER_TRANSACTION = 20_000;

const NO_CHANGES = Object.fromEntries(SYNC_COLLECTIONS.map((collection) => [collection, []])) as unknown as PullResponse['changes'];

function json(line: string, what: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new SnapshotRefusedError(`snapshot: a ${what} line is not JSON`);
  }
}

function parsed<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new SnapshotRefusedError(`snapshot: unexpected ${what} line (${result.error.message.slice(0, 300)})`);
  return result.data;
}

/** A chunk waiting for its transaction: products validated whole; staged collections shape-checked. */
type Pending = { staged: false; chunk: SnapshotChunk } | { staged: true; collection: StagedCollection; rows: { changeVersion: string }[] };

/** The chunk in `line`, staged when its collection is one of the stage's and a stage is at hand. */
function pendingChunk(line: string, stage: CatalogStage | undefined): Pending {
  const value = json(line, 'chunk');
  const collection = typeof value === 'object' && value !== null ? (value as { collection?: unknown }).collection : undefined;
  if (stage === undefined || typeof collection !== 'string' || !isStagedCollection(collection)) return { staged: false, chunk: parsed(SnapshotChunk, value, 'chunk') as SnapshotChunk };
  const { rows } = value as { rows?: unknown };
  checkRowShapes(collection, rows);
  return { staged: true, collection, rows };
}

/** A refusal for what the page path's row builders or the cache's constraints refused; other errors as they are. */
function refusal(error: unknown): unknown {
  if (error instanceof ValidationError) return new SnapshotRefusedError(`snapshot: ${error.message}`);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) return new SnapshotRefusedError(`snapshot: the cache refused its rows (${(error as Error).message})`);
  return error;
}

/** Applies the snapshot in `file` and sets the cursor to info.deltaFrom; returns the rows written. */
export async function applySnapshotFile(context: PullContext, info: AvailableSnapshot, file: string): Promise<number> {
  const stage = context.catalogBulk?.snapshotStage;
  try {
    return await applyLines(context, info, file, stage);
  } catch (error) {
    throw refusal(error);
  } finally {
    stage?.clear();
  }
}

async function applyLines(context: PullContext, info: AvailableSnapshot, file: string, stage: CatalogStage | undefined): Promise<number> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header: SnapshotHeader | null = null;
  let rows = 0;
  let ended = false;
  const total = Object.values(info.checksums).reduce((sum, table) => sum + table.count, 0);
  let pending: Pending[] = [];
  let pendingRows = 0;
  async function flush(): Promise<void> {
    if (pending.length === 0) return;
    const chunks = pending;
    pending = [];
    pendingRows = 0;
    await inSyncTransaction(context.db, async (trx) => {
      for (const item of chunks) {
        if (item.staged) stage?.add(item.collection, item.rows);
        else await writeCatalogChanges(trx, { ...NO_CHANGES, [item.chunk.collection]: item.chunk.rows }, context.catalogBulk);
      }
    });
    rows += chunks.reduce((sum, item) => sum + (item.staged ? item.rows.length : item.chunk.rows.length), 0);
    await context.onProgress({ rowsApplied: rows, rowsTotal: Math.max(rows, total), percent: total === 0 ? 99 : Math.min(99, Math.floor((rows * 100) / total)) });
  }
  for await (const line of lines) {
    if (ended) throw new SnapshotRefusedError('snapshot: lines after its end');
    if (header === null) {
      header = parsed(SnapshotHeader, json(line, 'header'), 'header');
      if (header.cursor !== info.cursor || header.epoch !== info.epoch) throw new SnapshotRefusedError(`snapshot: its header names cursor ${header.cursor}, the server announced ${info.cursor}`);
      continue;
    }
    if (line.startsWith('{"end"')) {
      const end = parsed(SnapshotEnd, json(line, 'end'), 'end');
      await flush();
      if (end.rows !== rows) throw new SnapshotRefusedError(`snapshot: ${rows} rows read, its end line says ${end.rows}`);
      ended = true;
      continue;
    }
    const item = pendingChunk(line, stage);
    pending.push(item);
    pendingRows += item.staged ? item.rows.length : item.chunk.rows.length;
    if (pendingRows >= ROWS_PER_TRANSACTION) await flush();
  }
  if (!ended) throw new SnapshotRefusedError('snapshot: the file ends before its end line');
  // The staged rows and the cursor together: a cut here leaves no cursor and no half copy.
  await inSyncTransaction(context.db, async (trx) => {
    stage?.copyIntoCatalog();
    await setSyncState(trx, SyncKey.cursor, info.deltaFrom, context.now());
    await setSyncState(trx, SyncKey.epoch, info.epoch, context.now());
  });
  return rows;
}
