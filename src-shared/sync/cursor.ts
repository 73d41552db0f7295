// The sync cursor: where a client is in the server's change history (docs/adr/0001-sync-cursor.md).
// Clients store it and send it back unchanged; only the server reads it. It names the history
// (the epoch, a UUID that changes when the database is reset or restored) and the highest change
// version the client holds, e.g. "v1.0d3c5a9e-7c1f-4b7a-9a51-2f0f3f6c8e11.1234".

/** Format tag of the cursors this code writes. A cursor with another tag predates a format change. */
export const CURSOR_FORMAT = 'v1';

/** Largest bigint PostgreSQL can hold, the ceiling of change_version. */
const MAX_VERSION = 9_223_372_036_854_775_807n;

const CURRENT_CURSOR = /^v1\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(0|[1-9][0-9]{0,18})$/;
const ANY_FORMAT = /^v([0-9]{1,4})\./;

/** A change_version as sent on the wire: a non-negative int8 in decimal, no leading zeros. */
export const VERSION_PATTERN = /^(0|[1-9][0-9]{0,18})$/;

export interface CursorPosition {
  /** sync_epoch.epoch, lowercase UUID. */
  epoch: string;
  /** The highest change_version the holder has, as a decimal string. */
  version: string;
}

export type ParsedCursor =
  | ({ kind: 'current' } & CursorPosition)
  /** Written by a server with another cursor format: the client must re-download. */
  | { kind: 'outdated'; format: string }
  /** Not a cursor this or any server wrote. */
  | { kind: 'invalid'; reason: string };

export function encodeCursor({ epoch, version }: CursorPosition): string {
  const text = `${CURSOR_FORMAT}.${epoch.toLowerCase()}.${version}`;
  if (!CURRENT_CURSOR.test(text) || BigInt(version) > MAX_VERSION) {
    throw new RangeError(`cannot encode a cursor from epoch ${JSON.stringify(epoch)} and version ${JSON.stringify(version)}`);
  }
  return text;
}

export function parseCursor(text: string): ParsedCursor {
  const match = CURRENT_CURSOR.exec(text);
  if (match) {
    const [, epoch = '', version = ''] = match;
    if (BigInt(version) > MAX_VERSION) return { kind: 'invalid', reason: 'has a version beyond the largest change version' };
    return { kind: 'current', epoch, version };
  }
  const format = ANY_FORMAT.exec(text);
  if (format && `v${format[1]}` !== CURSOR_FORMAT) return { kind: 'outdated', format: `v${format[1]}` };
  return { kind: 'invalid', reason: 'is not a cursor returned by this server; send the cursor of the last pull unchanged, or none for a full download' };
}

/** -1, 0 or 1 for two wire versions (decimal int8 strings). */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The later of two wire versions. */
export function maxVersion(a: string, b: string): string {
  return compareVersions(a, b) >= 0 ? a : b;
}

/**
 * True when `cursor` (from a pull) has reached `checkpoint` (from a push): same epoch and a version
 * at or past it. Cursors of different epochs never reach each other: after a reset the client
 * re-downloads anyway.
 */
export function cursorReached(cursor: string, checkpoint: string): boolean {
  const at = parseCursor(cursor);
  const target = parseCursor(checkpoint);
  return at.kind === 'current' && target.kind === 'current' && at.epoch === target.epoch && compareVersions(at.version, target.version) >= 0;
}
