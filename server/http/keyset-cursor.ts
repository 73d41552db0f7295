// The keyset cursor of a paged search (the audit log, the compliance search): the last row's
// (timestamp, uuid). Keyset paging stays exact while rows are appended (an OFFSET would shift).
// The cursor keeps microseconds (the API's timestamps have milliseconds only, and two rows of one
// millisecond would skip or repeat across pages) and is opaque to clients: base64url of
// "<timestamp>|<uuid>".
import { z } from 'zod';
import { PageCursorText } from '../../src-shared/validation/page-cursor.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const CURSOR_SHAPE = new RegExp(`^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z)\\|(${UUID})(?:\\|(${UUID}))?$`);

export interface KeysetCursor {
  /** The last row's timestamp: ISO-8601 UTC with microseconds. */
  at: string;
  /** The last row's id, which breaks ties between rows of the same microsecond. */
  id: string;
  /** A second id, for rows keyed by two (a device receipt: device and user). */
  id2?: string | undefined;
}

export function encodeKeysetCursor(cursor: KeysetCursor): string {
  const text = cursor.id2 === undefined ? `${cursor.at}|${cursor.id}` : `${cursor.at}|${cursor.id}|${cursor.id2}`;
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function decodeKeysetCursor(text: string): KeysetCursor | null {
  if (!PageCursorText.safeParse(text).success) return null;
  const match = CURSOR_SHAPE.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match?.[1] || !match[2]) return null;
  return match[3] === undefined ? { at: match[1], id: match[2] } : { at: match[1], id: match[2], id2: match[3] };
}

/**
 * The cursor query parameter of a paged route. Only the server can decode a cursor, so its query
 * schema swaps the shared wire schema's shape check for the decoding.
 */
export const KeysetCursorParam = z
  .string()
  .refine((value) => decodeKeysetCursor(value) !== null, 'is not a cursor from a previous page (use nextCursor as given)')
  .optional();
