// Builds one catalog snapshot file (src-shared/sync/snapshot.ts): the catalog read with the pull
// itself (the biggest pages the protocol allows, for nobody's comparisons), so the rows are exactly
// what pages would carry, written as gzip'd NDJSON and hashed as it is written.
//
// Why the pages and not one big SELECT: every pull is one statement on one snapshot, and pages
// continue from each other's cursor, so the concatenation is every row's latest version at the last
// page's cursor (a row written during the build comes again, newer: the client's upserts are
// version-guarded). The last page's checksums are the sums at that cursor: the header states them.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { parseCursor } from '../../src-shared/sync/cursor.js';
import { MAX_PULL_LIMIT, type ChecksumReport, type PullResponse } from '../../src-shared/sync/protocol.js';
import { SNAPSHOT_COLLECTIONS, SNAPSHOT_FORMAT, type SnapshotHeader } from '../../src-shared/sync/snapshot.js';
import { pullFromReplica, type ReaderAndWriter } from './pull.js';

/** Nobody's user id: the pull then carries the catalog alone and its high water is the catalog's. */
export const CATALOG_ONLY_USER = '00000000-0000-0000-0000-000000000000';

export interface BuiltSnapshot {
  id: string;
  file: string;
  epoch: string;
  cursor: string;
  version: string;
  bytes: number;
  sha256: string;
  checksums: SnapshotHeader['checksums'];
  builtAt: Date;
  /** Wall time of the build, for the bench and the log. */
  buildMs: number;
}

function headerChecksums(report: ChecksumReport): SnapshotHeader['checksums'] {
  return Object.fromEntries(SNAPSHOT_COLLECTIONS.map((collection) => [collection, report.tables[collection]])) as SnapshotHeader['checksums'];
}

/** The snapshot's lines: the pages' rows as chunks, then the header's facts at the end (known only then). */
async function* pageLines(sources: ReaderAndWriter, last: { page: PullResponse | null; rows: number }): AsyncGenerator<string> {
  let cursor: string | undefined;
  for (;;) {
    const page = await pullFromReplica(sources, { cursor, limit: MAX_PULL_LIMIT, userId: CATALOG_ONLY_USER });
    for (const collection of SNAPSHOT_COLLECTIONS) {
      const rows = page.changes[collection];
      if (rows.length > 0) yield `${JSON.stringify({ collection, rows })}\n`;
      last.rows += rows.length;
    }
    cursor = page.cursor;
    if (!page.hasMore) {
      last.page = page;
      yield `${JSON.stringify({ end: true, rows: last.rows })}\n`;
      return;
    }
  }
}

/**
 * Writes a snapshot into `dir` (through a temporary name, renamed when whole, so a reader never
 * sees half a file). The header goes first in the file but its cursor is known only at the end,
 * so the chunks are written to a body file first and the two are joined in one gzip stream.
 */
export async function buildSnapshot(sources: ReaderAndWriter, dir: string): Promise<BuiltSnapshot> {
  const started = performance.now();
  await mkdir(dir, { recursive: true });
  const unique = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const body = join(dir, `.body-${unique}.ndjson`);
  const partial = join(dir, `.build-${unique}.gz`);
  try {
    const last: { page: PullResponse | null; rows: number } = { page: null, rows: 0 };
    await pipeline(Readable.from(pageLines(sources, last)), createWriteStream(body));
    const page = last.page;
    if (page?.checksums === undefined) throw new Error('snapshot build: the last page carried no checksums');
    const position = parseCursor(page.cursor);
    if (position.kind !== 'current') throw new Error(`snapshot build: the pull answered an unexpected cursor ${page.cursor}`);
    const header: SnapshotHeader = { format: SNAPSHOT_FORMAT, epoch: page.epoch, cursor: page.cursor, version: position.version, checksums: headerChecksums(page.checksums) };

    const hash = createHash('sha256');
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    async function* whole(): AsyncGenerator<Buffer | string> {
      yield `${JSON.stringify(header)}\n`;
      yield* createReadStream(body) as AsyncIterable<Buffer>;
    }
    // Level 5: about as small as the default, noticeably faster to build; clients inflate either as fast.
    await pipeline(Readable.from(whole()), createGzip({ level: 5 }), hashing, createWriteStream(partial));
    const sha256 = hash.digest('hex');
    const id = `${position.version}-${sha256.slice(0, 16)}`;
    const file = join(dir, `${page.epoch}-${id}.ndjson.gz`);
    await rename(partial, file);
    const { size } = await stat(file);
    return { id, file, epoch: page.epoch, cursor: page.cursor, version: position.version, bytes: size, sha256, checksums: header.checksums, builtAt: new Date(), buildMs: performance.now() - started };
  } finally {
    await rm(body, { force: true });
    await rm(partial, { force: true });
  }
}
