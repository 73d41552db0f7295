// Real SQLite cache files in a temporary folder for the store tests, and catalog rows with change
// versions for the upserts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { CachedAvailability, CachedProduct, CachedRate } from '../../src-main/store/catalog-rows.js';
import { migrateClientDatabase } from '../../src-main/store/migrate.js';
import { openClientDatabase, type ClientDatabaseHandle } from '../../src-main/store/open-database.js';
import type { ComparisonToSaveInput } from '../../src-main/store/saved-comparisons.js';
import { cusipCheckDigit } from '../../src-shared/cusip.js';
import { availability, myga, rate } from './catalog-fixtures.js';

export interface TempFolder {
  path: string;
  file(name: string): string;
  remove(): void;
}

export function tempFolder(): TempFolder {
  const path = mkdtempSync(join(tmpdir(), 'ratedesk-store-'));
  return { path, file: (name) => join(path, name), remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function migratedDatabase(file: string): Promise<ClientDatabaseHandle> {
  const handle = openClientDatabase({ file });
  await migrateClientDatabase(handle);
  return handle;
}

/**
 * Registers beforeAll/afterAll for a test file's cache: a migrated `cache.sqlite` in a temporary
 * folder, handed to `opened` before the first test (which may fill it), closed and removed after the last.
 */
export function useMigratedCache(opened: (handle: ClientDatabaseHandle, folder: TempFolder) => void | Promise<void>): void {
  let folder: TempFolder | undefined;
  let handle: ClientDatabaseHandle | undefined;
  beforeAll(async () => {
    folder = tempFolder();
    handle = await migratedDatabase(folder.file('cache.sqlite'));
    await opened(handle, folder);
  });
  afterAll(async () => {
    await handle?.close();
    folder?.remove();
  });
}

/** The rep the store fixtures save for (the development identity provider's rep@ subject). */
export const REP_SUBJECT = '00u-demo-rep';
/** A second rep on the same laptop. */
export const REP2_SUBJECT = '00u-demo-rep2';

let counter = 0;
/** A fresh UUID-shaped id, different on every call. */
export function uniqueId(): string {
  counter += 1;
  return `10000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
}

/** What the server sends for a product without issue ages or an MVA. */
export const NO_AGE_LIMITS_NO_MVA = {
  minimumIssueAge: null,
  maximumIssueAge: null,
  mvaApplies: false,
  mvaSpread: null,
  mvaReferenceIndex: null,
  mvaFactorFloor: null,
  mvaFactorCap: null,
} as const;

/** A product with a valid CUSIP of its own (check digits precomputed for the bodies used here). */
export function cachedProduct(overrides: Partial<CachedProduct> = {}): CachedProduct {
  // As the current server sends it: with the fields of migrations 20261203200000 (issue 11) and 20261204000700 (issue 13),
  // and the carrier and MVA reference rate (20261204000800, 20261204001200) the pull sends since 20261204001300.
  return { ...myga(), nonforfeitureRate: '1.0000', brokered: false, earlyWithdrawalPenaltyMonths: null, ...NO_AGE_LIMITS_NO_MVA, carrierId: null, mvaReferenceRate: null, changeVersion: '1', ...overrides };
}

export function cachedRate(overrides: Partial<CachedRate> & Pick<CachedRate, 'effectiveDate'>): CachedRate {
  return { ...rate(overrides), changeVersion: '1', ...overrides };
}

export function cachedWindow(overrides: Partial<CachedAvailability> & Pick<CachedAvailability, 'startDate'>): CachedAvailability {
  return { ...availability(overrides), changeVersion: '1', ...overrides };
}

export function comparisonToSave(overrides: Partial<ComparisonToSaveInput> = {}): ComparisonToSaveInput {
  return {
    ownerSubject: REP_SUBJECT,
    comparisonId: uniqueId(),
    createdAt: '2026-11-24T15:04:05.000Z',
    asOfDate: '2026-11-24',
    investmentAmount: '250000.00',
    horizonYears: 5,
    clientReference: 'Client A-17',
    payload: {
      inputs: { premium: '250000.00', years: 5 },
      results: { products: [{ productId: '6b1d3c2e-8f4a-4b5c-9d6e-7f8a9b0c1d2e', endingValue: '321012.34' }] },
      items: [{ position: 1, productId: '6b1d3c2e-8f4a-4b5c-9d6e-7f8a9b0c1d2e', baseRate: '4.5000', bonusRate: '1.0000' }],
    },
    ...overrides,
  };
}

/** A valid CUSIP numbered n (body "RD" + 6 digits, then its check digit). */
export function cusipNumber(n: number): string {
  const body = `RD${String(n).padStart(6, '0')}`;
  return `${body}${cusipCheckDigit(body)}`;
}
