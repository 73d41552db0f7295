// The byte ranges a resuming laptop or a CDN asks a snapshot for: the part it lacks, the whole file
// when its half belongs to another file (If-Range), a 416 past the end.
import { describe, expect, it } from 'vitest';
import { requestedRange } from '../../../../server/sync/snapshot-range.js';

const ETAG = '"abc"';

describe('requestedRange', () => {
  it('answers the rest of the file to a client resuming at an offset', () => {
    expect(requestedRange('bytes=600-', ETAG, ETAG, 1000)).toEqual({ kind: 'part', start: 600, end: 999 });
    expect(requestedRange('bytes=10-19', undefined, ETAG, 1000)).toEqual({ kind: 'part', start: 10, end: 19 });
    expect(requestedRange('bytes=-100', undefined, ETAG, 1000)).toEqual({ kind: 'part', start: 900, end: 999 });
    expect(requestedRange('bytes=990-5000', undefined, ETAG, 1000)).toEqual({ kind: 'part', start: 990, end: 999 });
  });

  it('sends the whole file when the client holds part of another one, or asks for no single range', () => {
    expect(requestedRange('bytes=600-', '"older"', ETAG, 1000)).toEqual({ kind: 'whole' });
    expect(requestedRange(undefined, undefined, ETAG, 1000)).toEqual({ kind: 'whole' });
    expect(requestedRange('bytes=0-1,5-9', undefined, ETAG, 1000)).toEqual({ kind: 'whole' });
    expect(requestedRange('items=0-5', undefined, ETAG, 1000)).toEqual({ kind: 'whole' });
  });

  it('refuses a range that starts past the end', () => {
    expect(requestedRange('bytes=1000-', undefined, ETAG, 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(requestedRange('bytes=20-10', undefined, ETAG, 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(requestedRange('bytes=-0', undefined, ETAG, 1000)).toEqual({ kind: 'unsatisfiable' });
  });
});
