// The lock sampler finds the sync writers' lock in pg_locks by the two halves of its key; wrong
// halves would report no waits at all, an optimistic figure that looks fine.
import { describe, expect, it } from 'vitest';
import { advisoryKeyParts } from '../../../bench/pg-sampler.js';
import { SYNC_LOCK_KEY } from '../../../server/sync/write-lock.js';

describe('advisoryKeyParts', () => {
  it('splits the sync lock key ("RATESYNC") into the classid and objid pg_locks shows', () => {
    // "RATE" and "SYNC" as big-endian 32-bit numbers.
    expect(advisoryKeyParts(BigInt(SYNC_LOCK_KEY))).toEqual({ classid: 0x52415445, objid: 0x5359_4e43 });
  });

  it('reads a negative key as PostgreSQL does, two unsigned halves', () => {
    expect(advisoryKeyParts(-1n)).toEqual({ classid: 0xffff_ffff, objid: 0xffff_ffff });
  });
});
