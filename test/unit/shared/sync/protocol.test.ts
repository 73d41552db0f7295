// The sync wire contract and the client-side verification arithmetic (src-shared/sync), without a
// database: what a malformed request is told, how cursors compare, and the checksum math pinned to
// values PostgreSQL computes (sync_row_hash('') = -3162216497309240828).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseOrThrow, ValidationError } from '../../../../src-shared/errors.js';
import { ChecksumAccumulator, replicaChecksums, rowHash, rowHashFromMd5Hex } from '../../../../src-shared/sync/checksum.js';
import { compareVersions, cursorReached, encodeCursor, parseCursor } from '../../../../src-shared/sync/cursor.js';
import { PullQuery, PushRequest, SavedComparison, SyncedProduct } from '../../../../src-shared/sync/protocol.js';
import { canonicalAvailability, canonicalComparisonItem, canonicalProduct } from '../../../../src-shared/sync/row-canonical.js';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const EPOCH = '0d3c5a9e-7c1f-4b7a-9a51-2f0f3f6c8e11';

function issues(schema: Parameters<typeof parseOrThrow>[0], input: unknown): { path: string; message: string }[] {
  try {
    parseOrThrow(schema, input);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  return [];
}

const comparison = () => ({
  comparisonId: '6f1c2b7e-3d4a-4f5b-8c6d-7e8f9a0b1c2d',
  comparisonDate: '2026-11-24T15:04:05.000Z',
  asOfDate: '2026-11-24',
  investmentAmount: '100000.00',
  horizonYears: 5,
  clientReference: 'Smith household',
  inputs: { premium: '100000.00' },
  results: { rows: [] },
  engineVersion: 'projection-rules-1',
  items: [
    { position: 1, productId: '11111111-1111-4111-8111-111111111111', rateHistoryId: null, baseRate: '4.5000', bonusRate: '0.0000', productSnapshot: {} },
    { position: 2, productId: '22222222-2222-4222-8222-222222222222', rateHistoryId: null, baseRate: '4.2500', bonusRate: '1.0000', productSnapshot: {} },
  ],
});

describe('cursor', () => {
  it('round-trips, and compares versions as 64-bit integers, not strings', () => {
    const cursor = encodeCursor({ epoch: EPOCH.toUpperCase(), version: '9223372036854775807' });
    expect(cursor).toBe(`v1.${EPOCH}.9223372036854775807`);
    expect(parseCursor(cursor)).toEqual({ kind: 'current', epoch: EPOCH, version: '9223372036854775807' });
    expect(compareVersions('10', '9')).toBe(1);
    expect(compareVersions('9007199254740993', '9007199254740992')).toBe(1);
  });

  it('tells an older format (resync) from garbage (bad request)', () => {
    expect(parseCursor(`v0.${EPOCH}.5`)).toEqual({ kind: 'outdated', format: 'v0' });
    expect(parseCursor('v2.anything')).toEqual({ kind: 'outdated', format: 'v2' });
    expect(parseCursor(`v1.${EPOCH}.05`).kind).toBe('invalid');
    expect(parseCursor(`v1.${EPOCH}.9223372036854775808`).kind).toBe('invalid');
    expect(parseCursor('2026-11-24T00:00:00Z').kind).toBe('invalid');
    expect(() => encodeCursor({ epoch: 'not-a-uuid', version: '1' })).toThrow(RangeError);
  });

  it('says when a pull has reached a push checkpoint', () => {
    const at = (version: string, epoch = EPOCH) => encodeCursor({ epoch, version });
    expect(cursorReached(at('120'), at('120'))).toBe(true);
    expect(cursorReached(at('121'), at('120'))).toBe(true);
    expect(cursorReached(at('99'), at('120'))).toBe(false);
    expect(cursorReached(at('500', '1d3c5a9e-7c1f-4b7a-9a51-2f0f3f6c8e11'), at('120'))).toBe(false);
  });
});

describe('PullQuery', () => {
  it('defaults and coerces the limit from a query string, and refuses what it cannot use', () => {
    expect(PullQuery.parse({})).toEqual({ limit: 1000 });
    expect(PullQuery.parse({ limit: '25', cursor: 'x' })).toEqual({ limit: 25, cursor: 'x' });
    expect(issues(PullQuery, { limit: '0' })).toEqual([{ path: 'limit', message: 'must be a whole number between 1 and 5000' }]);
    expect(issues(PullQuery, { limit: '2.5' })).toEqual([{ path: 'limit', message: 'must be a whole number between 1 and 5000' }]);
    expect(issues(PullQuery, { since: '5' })).toEqual([{ path: '', message: 'unknown field: since' }]);
  });
});

describe('SavedComparison', () => {
  it('accepts a well-formed comparison and refuses unknown fields', () => {
    expect(SavedComparison.parse(comparison()).items).toHaveLength(2);
    expect(issues(SavedComparison, { ...comparison(), userId: 'someone' })).toEqual([{ path: '', message: 'unknown field: userId' }]);
  });

  it.each(['John 123-45-6789', '123 45 6789', 'ssn 123456789'])('refuses a client reference with an SSN: %s', (reference) => {
    expect(issues(SavedComparison, { ...comparison(), clientReference: reference })).toEqual([
      { path: 'clientReference', message: "must not contain a Social Security number; use the client's name or a CRM reference" },
    ]);
  });

  it.each(['Smith household', 'CRM-1234567890', 'Policy 12-345', "O'Brien"])('accepts a client reference like %s', (reference) => {
    expect(issues(SavedComparison, { ...comparison(), clientReference: reference })).toEqual([]);
  });

  it('names each bad item field', () => {
    const value = comparison();
    const [first] = value.items;
    if (!first) throw new Error('no item');
    value.items.push({ ...first, productId: '33333333-3333-4333-8333-333333333333', position: 5 });
    expect(issues(SavedComparison, { ...value, horizonYears: 51, engineVersion: '  ' })).toEqual([
      { path: 'horizonYears', message: 'must be between 1 and 50' },
      { path: 'engineVersion', message: 'must not be blank' },
      { path: 'items.2.position', message: 'must be between 1 and 4' },
    ]);
    expect(issues(SavedComparison, { ...comparison(), items: [first, { ...first, position: 2 }] })).toEqual([
      { path: 'items.1.productId', message: 'duplicates items.0.productId: each product can be compared once' },
    ]);
    expect(issues(SavedComparison, { ...comparison(), items: [] })).toEqual([{ path: 'items', message: 'must contain at least 1 product' }]);
  });

  it('limits a push to 100 comparisons', () => {
    const many = Array.from({ length: 101 }, () => comparison());
    expect(issues(PushRequest, { comparisons: many })).toEqual([
      { path: 'comparisons', message: 'must contain at most 100 comparisons; upload the rest in another request' },
    ]);
  });
});

describe('SyncedProduct', () => {
  it('is the catalog Product plus changeVersion, with the product rules kept', () => {
    const product = {
      productId: '11111111-1111-4111-8111-111111111111',
      cusip: '037833100',
      productName: 'Summit 5',
      productType: 'MYGA',
      issuerName: 'Summit Ridge Life',
      description: '',
      minimumInvestment: '10000.00',
      maximumInvestment: '5000.00',
      baseRate: '4.5000',
      bonusRate: '0.0000',
      bonusYears: 0,
      termYears: 5,
      guaranteedMinimumRate: '1.0000',
      compounding: 'annual',
      surrenderSchedule: ['7.0000', '6.0000'],
      freeWithdrawalPercent: '10.0000',
      returnOfPremium: false,
      returnOfPremiumPercentage: null,
      termsAndConditions: null,
      isActive: true,
      createdAt: '2026-11-24T00:00:00.000Z',
      updatedAt: '2026-11-24T00:00:00.000Z',
      createdBy: 'admin',
      updatedBy: 'admin',
      changeVersion: '42',
    };
    expect(issues(SyncedProduct, product)).toEqual([{ path: 'maximumInvestment', message: 'must be greater than or equal to minimumInvestment' }]);
    expect(issues(SyncedProduct, { ...product, maximumInvestment: null, changeVersion: 42 })[0]?.path).toBe('changeVersion');
    expect(canonicalProduct(SyncedProduct.parse({ ...product, maximumInvestment: null, description: 'a\\b\u001fc' }))).toBe(
      [
        product.productId, '037833100', 'Summit 5', 'MYGA', 'Summit Ridge Life', 'a\\\\b\\sc', '10000.00', '\\N', '4.5000', '0.0000', '0', '5',
        // Issue 11 added nonforfeitureRate, brokered and earlyWithdrawalPenaltyMonths after
        // termsAndConditions (migration 20261203200000); absent here, so written as their defaults.
        // Issue 13 added the issue ages and MVA terms after them (migration 20261204000700): no limits, no MVA;
        // then the MVA reference rate and the carrier after those (20261204001300): none.
        '1.0000', 'annual', '{7.0000,6.0000}', '10.0000', 'f', '\\N', '\\N', '1.0000', 'f', '\\N',
        '\\N', '\\N', 'f', '\\N', '\\N', '\\N', '\\N', '\\N', '\\N', 't', 'admin', 'admin', '42',
      ].join('\u001f'),
    );
  });
});

describe('checksums', () => {
  it('hash exactly as PostgreSQL does (values from sync_row_hash)', () => {
    expect(rowHash('', md5)).toBe(-3162216497309240828n);
    expect(rowHash('abc', md5)).toBe(-8070080442485551184n);
    expect(rowHashFromMd5Hex('00000000000000010000000000000000')).toBe(1n);
    expect(() => rowHashFromMd5Hex('xyz')).toThrow(RangeError);
  });

  it('are order-independent sums modulo 2^64 that a removal undoes', () => {
    const texts = ['a', 'b', 'c', 'd'];
    const forward = new ChecksumAccumulator();
    const backward = new ChecksumAccumulator();
    for (const text of texts) forward.add(rowHash(text, md5));
    for (const text of [...texts].reverse()) backward.add(rowHash(text, md5));
    expect(forward.value).toEqual(backward.value);
    expect(forward.value.count).toBe(4);
    expect(BigInt(forward.value.checksum)).toBeLessThan(2n ** 64n);
    for (const text of texts) forward.remove(rowHash(text, md5));
    expect(forward.value).toEqual({ count: 0, checksum: '0' });
  });

  it('count comparisons but add their items to the checksum', () => {
    const availability = {
      availabilityId: 'AAAAAAAA-1111-4111-8111-111111111111',
      productId: '22222222-2222-4222-8222-222222222222',
      startDate: '2026-01-01',
      endDate: null,
      isActive: true,
      createdBy: 'admin',
      changeVersion: '7',
    };
    expect(canonicalAvailability(availability)).toBe(
      'aaaaaaaa-1111-4111-8111-111111111111\u001f22222222-2222-4222-8222-222222222222\u001f2026-01-01\u001f\\N\u001ft\u001fadmin\u001f7',
    );
    const item = { position: 1, productId: availability.productId, rateHistoryId: null, baseRate: '4.5000', bonusRate: '0.0000', changeVersion: '9' };
    const header = {
      comparisonId: '33333333-3333-4333-8333-333333333333',
      investmentAmount: '100000.00',
      horizonYears: 5,
      asOfDate: '2026-11-24',
      clientReference: null,
      engineVersion: 'e1',
      changeVersion: '8',
    };
    const sums = replicaChecksums({ products: [], availability: [availability], rates: [], comparisons: [{ ...header, items: [item] }] }, md5);
    expect(sums.availability.count).toBe(1);
    expect(sums.comparisons.count).toBe(1);
    const withoutItem = replicaChecksums({ products: [], availability: [], rates: [], comparisons: [{ ...header, items: [] }] }, md5);
    const itemHash = rowHash(canonicalComparisonItem(header.comparisonId, item), md5);
    expect(BigInt.asUintN(64, BigInt(withoutItem.comparisons.checksum) + itemHash).toString()).toBe(sums.comparisons.checksum);
  });
});
