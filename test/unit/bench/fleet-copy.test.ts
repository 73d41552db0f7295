// The fleet load's simulated laptops (bench/fleet-copy.ts) must reach the same counts and checksums
// as a whole copy summed from scratch, or the bench would report convergence that did not happen.
import { describe, expect, it } from 'vitest';
import { cursorVersion, FleetCopy, RowVersions, type FleetChecksums } from '../../../bench/fleet-copy.js';
import { checksumsOf, canonicalRowHash, md5Hex } from '../../../server/sync/row-hash.js';
import { canonicalRate, type CanonicalRate } from '../../../src-shared/sync/row-canonical.js';
import type { PullResponse } from '../../../src-shared/sync/protocol.js';

const EPOCH = '7f0c2a4e-58f4-4c1a-9a5e-2b1d3c4e5f60';
const cursor = (version: number) => `v1.${EPOCH}.${version}`;
const PRODUCT = '11111111-1111-4111-8111-111111111111';

function rate(id: number, version: number, changes: Partial<CanonicalRate> = {}): CanonicalRate {
  return {
    rateHistoryId: `00000000-0000-4000-8000-00000000000${id}`,
    productId: PRODUCT,
    baseRate: '4.1000',
    bonusRate: '0.0000',
    effectiveDate: `2026-0${id}-01`,
    endDate: null,
    isActive: true,
    createdBy: 'admin',
    changeVersion: String(version),
    ...changes,
  };
}

const whole = (rates: CanonicalRate[]): FleetChecksums => checksumsOf({ products: [], availability: [], rates, comparisons: [] });

function page(rates: CanonicalRate[], at: number): Pick<PullResponse, 'changes' | 'cursor'> {
  const none: never[] = [];
  return {
    cursor: cursor(at),
    changes: { products: none, availability: none, rates: rates as PullResponse['changes']['rates'], comparisons: none, carriers: none, approvals: none, strategies: none, strategyRates: none, indexLevels: none },
  };
}

function fleetAt(start: CanonicalRate[], at: number) {
  const versions = new RowVersions();
  for (const row of start) versions.addBaseline('rates', row.rateHistoryId, canonicalRowHash(canonicalRate(row)));
  return { versions, client: () => new FleetCopy(cursor(at), whole(start), versions, md5Hex) };
}

describe('a simulated laptop of the fleet load', () => {
  const start = [rate(1, 10), rate(2, 11)];
  // A rate sheet closes rate 1 (a new version of an existing row) and adds rate 3.
  const published = [rate(1, 20, { endDate: '2026-12-31' }), rate(3, 20, { baseRate: '4.5000' })];
  const after = whole([published[0] as CanonicalRate, rate(2, 11), published[1] as CanonicalRate]);

  it('reaches the checksums of the whole new copy by replacing changed rows and adding new ones', () => {
    const { client } = fleetAt(start, 11);
    const laptop = client();
    expect(laptop.applyPage(page(published, 20))).toBe(2);
    expect(laptop.checksums()).toEqual(after);
    expect(laptop.differences(after)).toEqual([]);
    expect(laptop.cursor).toBe(cursor(20));
  });

  it('replaces the version each laptop holds, whatever the others already applied', () => {
    const { client } = fleetAt(start, 11);
    const first = client();
    const late = client();
    first.applyPage(page(published, 20));
    // The first laptop moves on to a second change of rate 1; the late one still holds version 10.
    const again = rate(1, 30, { endDate: '2026-11-30' });
    first.applyPage(page([again], 30));
    late.applyPage(page(published, 20));
    late.applyPage(page([again], 30));
    const expected = whole([again, rate(2, 11), published[1] as CanonicalRate]);
    expect(first.checksums()).toEqual(expected);
    expect(late.checksums()).toEqual(expected);
  });

  it('names the collection of a laptop that missed a row', () => {
    const { client } = fleetAt(start, 11);
    const laptop = client();
    laptop.applyPage(page([published[1] as CanonicalRate], 20));
    expect(laptop.differences(after)).toEqual(['rates']);
  });

  it('reads the version out of a cursor and refuses anything else', () => {
    expect(cursorVersion(cursor(42))).toBe(42n);
    expect(() => cursorVersion('nonsense')).toThrow(RangeError);
  });
});
