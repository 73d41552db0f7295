// The compliance search's keyset cursor: the last row's (listed at, row id). It keeps microseconds
// (timestamps from the API have milliseconds only, and two rows of one millisecond would skip or
// repeat across pages) and is opaque to clients: base64url of "<timestamp>|<uuid>".
const CURSOR_SHAPE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export interface ComplianceCursor {
  /** ISO-8601 UTC with microseconds. */
  listedAt: string;
  rowId: string;
}

export function encodeComplianceCursor(cursor: ComplianceCursor): string {
  return Buffer.from(`${cursor.listedAt}|${cursor.rowId}`, 'utf8').toString('base64url');
}

export function decodeComplianceCursor(text: string): ComplianceCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  const match = CURSOR_SHAPE.exec(Buffer.from(text, 'base64url').toString('utf8'));
  return match?.[1] && match[2] ? { listedAt: match[1], rowId: match[2] } : null;
}
