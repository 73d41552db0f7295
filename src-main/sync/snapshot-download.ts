// Downloads a catalog snapshot into a file next to the cache, resuming a cut download with Range
// from the bytes already on disk, and checks its SHA-256 before anyone reads it: a file that does
// not hash to what the server announced is deleted and refused (SnapshotRefusedError), so nothing
// of it is ever applied.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, stat, truncate } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { SnapshotInfo } from '../../src-shared/sync/snapshot.js';
import { OfflineError, OfflineReason } from '../auth/auth-errors.js';
import type { SnapshotApi } from './snapshot-api.js';

export type AvailableSnapshot = Extract<SnapshotInfo, { available: true }>;

/** The snapshot cannot be used (wrong hash, unreadable content): the client pulls pages instead. */
export class SnapshotRefusedError extends Error {
  override readonly name = 'SnapshotRefusedError';
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface DownloadFigures {
  /** Bytes already on disk from an earlier, cut download. */
  resumedFrom: number;
  /** Bytes received this time. */
  received: number;
}

export async function downloadSnapshot(api: SnapshotApi, info: AvailableSnapshot, file: string): Promise<DownloadFigures> {
  let held = await sizeOf(file);
  // Longer than the file announced: not a prefix of it.
  if (held > info.bytes) {
    await truncate(file, 0);
    held = 0;
  }
  let received = 0;
  if (held < info.bytes) {
    const answer = await api.snapshotBytes(info.url, { from: held, sha256: info.sha256 });
    const resumed = held > 0 && answer.partial;
    if (!resumed) held = 0;
    // Appending keeps what a cut download left: the next attempt asks only for the rest. Each
    // chunk is written before the next is read, so whatever arrived before a cut is on disk.
    const output = await open(file, resumed ? 'a' : 'w');
    try {
      for await (const chunk of Readable.fromWeb(answer.body as WebReadableStream<Uint8Array>)) {
        await output.write(chunk as Buffer);
        received += (chunk as Buffer).length;
      }
    } catch (error) {
      throw new OfflineError(OfflineReason.unreachable, `GET ${info.url}: the download broke after ${held + received} of ${info.bytes} bytes; it resumes from there`, {
        cause: error,
      });
    } finally {
      await output.close();
    }
  }
  const sha256 = await sha256Of(file);
  if (sha256 !== info.sha256) {
    await rm(file, { force: true });
    throw new SnapshotRefusedError(`snapshot ${info.id}: its SHA-256 is ${sha256}, the server announced ${info.sha256}`);
  }
  return { resumedFrom: held, received };
}
