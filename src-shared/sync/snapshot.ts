// The catalog snapshot (issue 15; docs/adr/0001-sync-cursor.md, addendum): the whole catalog at one
// change version, built once by the server and downloaded by a client's first sync instead of
// hundreds of pull pages. The file is gzip'd NDJSON: one header line, then chunks of rows of one
// collection each, then an end line. Its SHA-256 (the strong ETag) is checked before anything is
// applied; after it the client pulls pages from `deltaFrom`, as any other client.
import { z } from 'zod';
import { Sha256Hex } from '../records/record-events.js';
import { UuidString } from '../validation/decimal-strings.js';
import { CursorString, PullResponse, SyncCollection, TableChecksum, VersionString } from './protocol.js';

export const SNAPSHOT_FORMAT = 'ratedesk-catalog-snapshot/1';

/** The collections a snapshot holds: the catalog; comparisons are per rep and stay on pages. */
export const SNAPSHOT_COLLECTIONS = [
  SyncCollection.products,
  SyncCollection.availability,
  SyncCollection.rates,
  SyncCollection.carriers,
  SyncCollection.approvals,
  SyncCollection.strategies,
  SyncCollection.strategyRates,
  SyncCollection.indexLevels,
] as const;
export type SnapshotCollection = (typeof SNAPSHOT_COLLECTIONS)[number];

/** A snapshot's id in its URL: its version and the start of its SHA-256. */
export const SNAPSHOT_ID_PATTERN = /^(0|[1-9][0-9]{0,18})-[0-9a-f]{16}$/;
export const SnapshotId = z.string().regex(SNAPSHOT_ID_PATTERN, 'must be a snapshot id as returned by GET /v1/sync/snapshot');

const SnapshotChecksums = z.object(Object.fromEntries(SNAPSHOT_COLLECTIONS.map((collection) => [collection, TableChecksum])) as Record<SnapshotCollection, typeof TableChecksum>);

/** The file's first line. */
export const SnapshotHeader = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  epoch: UuidString,
  /** The catalog's cursor at the snapshot's version. */
  cursor: CursorString,
  version: VersionString,
  /** The server's sums of each collection at that version (what the rows of the file add up to). */
  checksums: SnapshotChecksums,
});
export type SnapshotHeader = z.infer<typeof SnapshotHeader>;

const changes = PullResponse.shape.changes.shape;
/** A chunk line: rows of one collection, validated with the same schemas as a pull page. */
export const SnapshotChunk = z.discriminatedUnion(
  'collection',
  SNAPSHOT_COLLECTIONS.map((collection) => z.object({ collection: z.literal(collection), rows: changes[collection] })) as unknown as [
    z.ZodObject<{ collection: z.ZodLiteral<SnapshotCollection>; rows: z.ZodArray<z.ZodType> }>,
  ],
);
export type SnapshotChunk = { [C in SnapshotCollection]: { collection: C; rows: z.infer<(typeof changes)[C]> } }[SnapshotCollection];

/** The last line: how many rows the chunks held, so a file cut at a line boundary is not taken as whole. */
export const SnapshotEnd = z.object({ end: z.literal(true), rows: z.int().nonnegative() });

/** GET /v1/sync/snapshot. */
export const SnapshotInfo = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(false),
    /** Why the client should pull pages instead (small catalog, first build running). */
    reason: z.string(),
  }),
  z.object({
    available: z.literal(true),
    id: SnapshotId,
    epoch: UuidString,
    cursor: CursorString,
    version: VersionString,
    bytes: z.int().nonnegative(),
    sha256: Sha256Hex,
    checksums: SnapshotChecksums,
    /** Where the bytes are (GET, same authorization; Range and If-Range supported). */
    url: z.string().min(1),
    builtAt: z.string(),
    /**
     * The cursor to pull pages from once the snapshot is applied: its cursor, or earlier when the
     * caller has saved comparisons at or below its version (they travel on pages only).
     */
    deltaFrom: CursorString,
  }),
]);
export type SnapshotInfo = z.infer<typeof SnapshotInfo>;
