// A full download through the catalog snapshot (issue 15; docs/adr/0001-sync-cursor.md, addendum):
// when the server offers one, download it (resuming a cut download), check its SHA-256, apply it,
// and hand back the cursor to pull pages from. The pages then bring everything after it, a
// retraction that tombstones a row the snapshot still has active included, and the verification
// that ends every sync checks the result as usual. When there is none, or it is refused, the
// download is pages from the start, as before.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestRefusedError } from '../http/server-errors.js';
import type { PullContext } from './pull-pages.js';
import { applySnapshotFile } from './snapshot-apply.js';
import { downloadSnapshot, SnapshotRefusedError } from './snapshot-download.js';

/** What happened to the snapshot in a full download (tests and npm run bench observe it). */
export type SnapshotEvent =
  | { kind: 'unavailable'; reason: string }
  | { kind: 'downloaded'; id: string; bytes: number; resumedFrom: number; received: number; downloadMs: number }
  | { kind: 'refused'; reason: string }
  | { kind: 'applied'; id: string; rows: number; applyMs: number; deltaFrom: string };

export interface SnapshotOptions {
  /** Where the download is kept until applied (a cut one resumes from it, in a later run too). */
  snapshotFolder: () => Promise<string>;
  onSnapshot?: ((event: SnapshotEvent) => void) | undefined;
  /** Set for a repair's download: pages only. */
  skipSnapshot?: boolean | undefined;
}

/** The engine's download folder: `folder`, or a temporary one made on first use (one per engine, so two engines never share a file). */
export function snapshotFolderOf(folder: string | undefined): () => Promise<string> {
  let made: Promise<string> | null = null;
  return () => (folder === undefined ? (made ??= mkdtemp(join(tmpdir(), 'ratedesk-snapshot-'))) : Promise.resolve(folder));
}

/** Refused by the server: no such route (an older server), or the snapshot was retired meanwhile. */
function notServed(error: unknown): boolean {
  return error instanceof RequestRefusedError && (error.status === 404 || error.status === 416);
}

/** Downloads and applies the offered snapshot; the cursor to pull pages from, or null to pull them all. */
export async function startFromSnapshot(context: PullContext): Promise<string | null> {
  const { api } = context;
  if (api.snapshotInfo === undefined || api.snapshotBytes === undefined || context.skipSnapshot === true) return null;
  const snapshotApi = { snapshotInfo: api.snapshotInfo, snapshotBytes: api.snapshotBytes };
  const info = await api.snapshotInfo().catch((error: unknown) => {
    if (notServed(error)) return { available: false as const, reason: 'This server has no snapshot route.' };
    throw error;
  });
  if (!info.available) {
    context.onSnapshot?.({ kind: 'unavailable', reason: info.reason });
    return null;
  }
  const file = join(await context.snapshotFolder(), `snapshot-${info.epoch}-${info.id}.part`);
  try {
    const started = performance.now();
    const figures = await downloadSnapshot(snapshotApi, info, file);
    context.onSnapshot?.({ kind: 'downloaded', id: info.id, bytes: info.bytes, ...figures, downloadMs: performance.now() - started });
    const applyStarted = performance.now();
    const rows = await applySnapshotFile(context, info, file);
    context.onSnapshot?.({ kind: 'applied', id: info.id, rows, applyMs: performance.now() - applyStarted, deltaFrom: info.deltaFrom });
    await rm(file, { force: true });
    return info.deltaFrom;
  } catch (error) {
    if (!(error instanceof SnapshotRefusedError) && !notServed(error)) throw error;
    // Pages from the start instead: a wrong file is never retried as is, and a retired one is gone.
    await rm(file, { force: true });
    context.onSnapshot?.({ kind: 'refused', reason: error instanceof Error ? error.message : String(error) });
    return null;
  }
}
