// The byte range a snapshot download asks for (RFC 9110 §14): one range only (`bytes=a-b`,
// `bytes=a-`, `bytes=-n`), which is what a resuming client or a CDN sends. If-Range with another
// ETag (the file changed under a client that kept half of an older one) means the whole file.

export type RangeAnswer = { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

/** Strong comparison, as If-Range requires. */
function ifRangeMatches(ifRange: string | undefined, etag: string): boolean {
  return ifRange === undefined || ifRange.trim() === etag;
}

export function requestedRange(header: string | undefined, ifRange: string | undefined, etag: string, size: number): RangeAnswer {
  if (header === undefined || !ifRangeMatches(ifRange, etag)) return { kind: 'whole' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  // Several ranges, or another unit: RFC 9110 lets a server ignore Range and send the whole.
  if (match === null) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end };
}
