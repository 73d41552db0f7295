// The delivery receipt of a pull (issue 14): the device and what its pull reported, kept as one row
// per (device, rep) by ONE statement that inserts the device when it is new and upserts the
// receipt. It runs after the page is read (it needs to know whether the page completes the pull),
// in the same request, so it costs the client no round trip; a failure is logged, never fails the pull.
//
// cursor_version is the version the device's copy is complete to once it applies the answer: the
// cursor the request sent, or, when the answer completes the pull (hasMore false), the answered
// cursor (the route decides; a client applies a page and its cursor in one transaction). A device
// that crashes before applying sends its older cursor next time and the receipt goes back to it.
// Recorded only when known: a cursor of the server's current epoch (compared in the statement, so
// no extra read). A first page of a full download names nothing (null); a cursor of another epoch
// or format is about to be refused with resync-required, and is null as well.
import { sql, type Kysely } from 'kysely';
import type { ClientReport } from '../../src-shared/sync/client-report.js';
import { parseCursor } from '../../src-shared/sync/cursor.js';
import type { Database } from '../db/schema.js';

export interface DeviceReceipt {
  report: ClientReport;
  userId: string;
  /** The cursor the device holds once this answer is applied; undefined at the start of a full download. */
  cursor: string | undefined;
  now: Date;
}

interface Logger {
  warn(object: object, message: string): void;
}

/** The cursor's position, or nulls when it names none. */
function cursorPosition(cursor: string | undefined): { epoch: string | null; version: string | null } {
  const parsed = cursor === undefined ? null : parseCursor(cursor);
  return parsed?.kind === 'current' ? { epoch: parsed.epoch, version: parsed.version } : { epoch: null, version: null };
}

/** Writes the receipt; false when the request names no device (a protocol 1 client) or the write failed. */
export async function recordDeviceReceipt(db: Kysely<Database>, receipt: DeviceReceipt, log: Logger): Promise<boolean> {
  const { report, userId, now } = receipt;
  if (report.deviceId === undefined) return false;
  const { epoch, version } = cursorPosition(receipt.cursor);
  try {
    // The device insert and the receipt's foreign key check run in the same statement: the
    // referential check fires at the end of the statement, after the CTE inserted the device.
    await sql`
      WITH device AS (
        INSERT INTO devices (device_id, first_seen_at) VALUES (${report.deviceId}::uuid, ${now}::timestamptz)
        ON CONFLICT (device_id) DO NOTHING
      )
      INSERT INTO device_receipts AS r (
        device_id, user_id, first_pull_at, last_pull_at, app_version, protocol_version, cursor_version,
        checksums, pending_uploads, rejected_uploads)
      VALUES (
        ${report.deviceId}::uuid, ${userId}::uuid, ${now}::timestamptz, ${now}::timestamptz, ${report.appVersion ?? null},
        ${report.protocolVersion},
        CASE WHEN ${epoch}::uuid = (SELECT e.epoch FROM sync_epoch e) THEN ${version}::bigint END,
        ${report.checksums ?? 'unknown'}, ${report.pendingUploads ?? 0}, ${report.rejectedUploads ?? 0})
      ON CONFLICT (device_id, user_id) DO UPDATE SET
        last_pull_at = greatest(r.last_pull_at, excluded.last_pull_at),
        app_version = excluded.app_version,
        protocol_version = excluded.protocol_version,
        cursor_version = excluded.cursor_version,
        checksums = excluded.checksums,
        pending_uploads = excluded.pending_uploads,
        rejected_uploads = excluded.rejected_uploads`.execute(db);
    return true;
  } catch (error) {
    log.warn({ err: error, deviceId: report.deviceId }, 'could not record the delivery receipt of a pull; the pull goes on');
    return false;
  }
}
