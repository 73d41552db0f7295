// The fleet view's reads (issue 14): the delivery receipts with their reps, stalest first, keyset
// paged on (last_pull_at, device_id, user_id), which is the device_receipts_last_pull index: a page
// reads its rows and stops, however large the fleet. "Who has publication V" is the same walk
// filtered on cursor_version >= V; the two counts are index range counts.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { FLEET_PAGE_DEFAULT, FLEET_STALE_DAYS_DEFAULT, type FleetDeliveryPage, type FleetDevice, type FleetDevicePage } from '../../src-shared/admin/fleet.js';
import type { Database } from '../db/schema.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../http/keyset-cursor.js';

interface PageArgs {
  staleDays?: number | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

const DAY_MS = 86_400_000;

/** Microseconds, for the keyset cursor (two pulls of one millisecond must not skip or repeat). */
const US = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

interface ReceiptRow {
  deviceId: string;
  userId: string;
  userEmail: string;
  firstName: string;
  lastName: string;
  firstPullAt: string;
  lastPullAt: string;
  lastPullKey: string;
  appVersion: string | null;
  protocolVersion: number;
  cursorVersion: string | null;
  checksums: FleetDevice['checksums'];
  pendingUploads: number;
  rejectedUploads: number;
  deviceRevoked: boolean;
  userRevoked: boolean;
}

/** The receipts after `cursor` matching `filter`, stalest first, one more than `limit` (to know if more follow). */
async function receiptsPage(db: Kysely<Database>, filter: RawBuilder<boolean>, cursor: string | undefined, limit: number): Promise<ReceiptRow[]> {
  const after = cursor === undefined ? null : decodeKeysetCursor(cursor);
  const keyset = after
    ? sql`AND (r.last_pull_at, r.device_id, r.user_id) > (${after.at}::timestamptz, ${after.id}::uuid, ${after.id2 ?? after.id}::uuid)`
    : sql``;
  const { rows } = await sql<ReceiptRow>`
    SELECT r.device_id, r.user_id, u.email AS user_email, u.first_name, u.last_name,
      to_char(r.first_pull_at AT TIME ZONE 'UTC', ${sql.raw(MS)}) AS first_pull_at,
      to_char(r.last_pull_at AT TIME ZONE 'UTC', ${sql.raw(MS)}) AS last_pull_at,
      to_char(r.last_pull_at AT TIME ZONE 'UTC', ${sql.raw(US)}) AS last_pull_key,
      r.app_version, r.protocol_version, r.cursor_version::text AS cursor_version, r.checksums,
      r.pending_uploads, r.rejected_uploads,
      d.revoked_at IS NOT NULL AS device_revoked, u.access_revoked_at IS NOT NULL AS user_revoked
    FROM device_receipts r
    JOIN users u ON u.user_id = r.user_id
    JOIN devices d ON d.device_id = r.device_id
    WHERE ${filter} ${keyset}
    ORDER BY r.last_pull_at, r.device_id, r.user_id
    LIMIT ${limit + 1}`.execute(db);
  return rows;
}

function deviceOf(row: ReceiptRow, now: Date, staleBefore: Date): FleetDevice {
  const lastPull = Date.parse(row.lastPullAt);
  const name = `${row.firstName} ${row.lastName}`.trim();
  return {
    deviceId: row.deviceId,
    userId: row.userId,
    userEmail: row.userEmail,
    userName: name === '' ? null : name,
    firstPullAt: row.firstPullAt,
    lastPullAt: row.lastPullAt,
    cacheAgeDays: Math.max(0, Math.floor((now.getTime() - lastPull) / DAY_MS)),
    stale: lastPull < staleBefore.getTime(),
    appVersion: row.appVersion,
    protocolVersion: row.protocolVersion,
    cursorVersion: row.cursorVersion,
    checksums: row.checksums,
    pendingUploads: row.pendingUploads,
    rejectedUploads: row.rejectedUploads,
    deviceRevoked: row.deviceRevoked,
    userRevoked: row.userRevoked,
  };
}

interface Paged {
  asOf: string;
  staleDays: number;
  staleBefore: Date;
  limit: number;
  now: Date;
}

function paging(args: PageArgs, now: Date): Paged {
  const staleDays = args.staleDays ?? FLEET_STALE_DAYS_DEFAULT;
  return { asOf: now.toISOString(), staleDays, staleBefore: new Date(now.getTime() - staleDays * DAY_MS), limit: args.limit ?? FLEET_PAGE_DEFAULT, now };
}

function pageOf(rows: ReceiptRow[], paged: Paged): { devices: FleetDevice[]; nextCursor: string | null } {
  const page = rows.slice(0, paged.limit);
  const last = page.at(-1);
  return {
    devices: page.map((row) => deviceOf(row, paged.now, paged.staleBefore)),
    nextCursor: rows.length > paged.limit && last ? encodeKeysetCursor({ at: last.lastPullKey, id: last.deviceId, id2: last.userId }) : null,
  };
}

async function countOf(db: Kysely<Database>, filter: RawBuilder<boolean>): Promise<number> {
  const { rows } = await sql<{ count: string }>`SELECT count(*) AS count FROM device_receipts r WHERE ${filter}`.execute(db);
  return Number(rows[0]?.count ?? 0);
}

/** Every device, stalest first; `staleOnly` keeps the ones without a pull for more than staleDays. */
export async function fleetDevices(db: Kysely<Database>, args: PageArgs & { staleOnly?: boolean | undefined }, now: Date): Promise<FleetDevicePage> {
  const paged = paging(args, now);
  const stale = sql<boolean>`r.last_pull_at < ${paged.staleBefore}::timestamptz`;
  const [rows, total, staleCount] = await Promise.all([
    receiptsPage(db, args.staleOnly === true ? stale : sql<boolean>`true`, args.cursor, paged.limit),
    countOf(db, sql<boolean>`true`),
    countOf(db, stale),
  ]);
  return { asOf: paged.asOf, staleDays: paged.staleDays, total, staleCount, ...pageOf(rows, paged) };
}

/** The devices whose copy has (or has not yet) reached change version `version`, stalest first, with both counts. */
export async function fleetDelivery(db: Kysely<Database>, args: PageArgs & { version: string; has: boolean }, now: Date): Promise<FleetDeliveryPage> {
  const paged = paging(args, now);
  const hasIt = sql<boolean>`r.cursor_version >= ${args.version}::bigint`;
  // A device without a cursor (mid first download) does not have it.
  const lacksIt = sql<boolean>`(r.cursor_version < ${args.version}::bigint OR r.cursor_version IS NULL)`;
  const [rows, withIt, withoutIt] = await Promise.all([
    receiptsPage(db, args.has ? hasIt : lacksIt, args.cursor, paged.limit),
    countOf(db, hasIt),
    countOf(db, lacksIt),
  ]);
  return { asOf: paged.asOf, version: args.version, has: args.has, staleDays: paged.staleDays, withIt, withoutIt, ...pageOf(rows, paged) };
}
