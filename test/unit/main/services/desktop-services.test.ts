// The desktop services as the renderer reaches them: every call goes through runDesktopCall (the
// same argument and result contract checks IPC applies) against a real SQLite cache loaded with
// generated products, a real sign-in session restored from an encrypted vault, and a real
// settings store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuthSession, type AuthSession } from '../../../../src-main/auth/session.js';
import { TokenVault } from '../../../../src-main/auth/token-vault.js';
import { runDesktopCall } from '../../../../src-main/ipc/desktop-call.js';
import { clearLocalCache } from '../../../../src-main/services/clear-local-cache.js';
import { createDesktopServices, type DesktopServices } from '../../../../src-main/services/desktop-services.js';
import { SYNC_UNAVAILABLE, type SyncEngineLike } from '../../../../src-main/services/sync-status-services.js';
import { createMemoryKeyValueStore } from '../../../../src-main/settings/key-value-store.js';
import { createSettingsStore } from '../../../../src-main/settings/settings.js';
import { loadProductDetail } from '../../../../src-main/store/catalog-queries.js';
import { upsertAvailability, upsertProducts, upsertRates } from '../../../../src-main/store/catalog-upserts.js';
import { pendingUploadCount } from '../../../../src-main/store/outbox.js';
import { listComparisons, saveComparison } from '../../../../src-main/store/saved-comparisons.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { generateCatalog, type GeneratedProduct } from '../../../../server/seed/catalog-generator.js';
import { Decimal } from '../../../../src-shared/decimal.js';
import { formatPercentText } from '../../../../src-shared/format/display.js';
import {
  AuthState,
  type DesktopArgsInput,
  type DesktopMethod,
  type DesktopResult,
  type DesktopValue,
  type SyncStatus,
} from '../../../../src-shared/desktop-api/index.js';
import { SavedComparison } from '../../../../src-shared/sync/protocol.js';
import { createTestCipher } from '../../../support/client-test-cipher.js';
import { comparisonToSave, migratedDatabase, tempFolder, type TempFolder } from '../../../support/store-fixtures.js';
import { ORIGIN, WINDOW } from '../../../support/desktop-sender.js';
import { recordingPrinter } from '../../../support/recording-printer.js';

const TODAY = '2026-11-24';
const NOW = new Date('2026-11-24T15:00:00.000Z');
const ISSUER = 'http://127.0.0.1:9/oauth2/default';
const REP = '00u-rep-1';
const SECRETS = {
  accessToken: 'access-token-SECRET-7f3a9c',
  refreshToken: 'refresh-token-SECRET-1b2c3d',
  idToken: 'id-token-SECRET-9e8d7c',
};

let folder: TempFolder;
let handle: ClientDatabaseHandle;
let auth: AuthSession;
let services: DesktopServices;
let catalog: GeneratedProduct[];
const printed: string[] = [];
const confirmations: string[][] = [];
let confirmAnswer = true;
// Every value any call answered with, to check that no token ever left main.
const answers: unknown[] = [];

async function call<C extends DesktopMethod>(channel: C, ...args: DesktopArgsInput<C>): Promise<DesktopResult<DesktopValue<C>>> {
  const result = await runDesktopCall(channel, services.handlers[channel], WINDOW, args, ORIGIN);
  answers.push(result);
  return result;
}

async function value<C extends DesktopMethod>(channel: C, ...args: DesktopArgsInput<C>): Promise<DesktopValue<C>> {
  const result = await call(channel, ...args);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value;
}

function versioned<T>(rows: readonly T[], changeVersion: string): Array<T & { changeVersion: string }> {
  return rows.map((row) => ({ ...row, changeVersion }));
}

beforeAll(async () => {
  folder = tempFolder();
  handle = await migratedDatabase(folder.file('cache.sqlite'));
  catalog = [...generateCatalog({ seed: 7, products: 30, rateRowsPerProduct: 6, today: TODAY })];
  await handle.db.transaction().execute(async (trx) => {
    await upsertRates(trx, versioned(catalog.flatMap((entry) => entry.rates), '1'));
    await upsertAvailability(trx, versioned(catalog.flatMap((entry) => entry.availability), '1'));
    await upsertProducts(trx, versioned(catalog.map((entry) => entry.product), '1'));
  });

  const vault = new TokenVault(createMemoryKeyValueStore(), createTestCipher());
  await vault.save({
    issuer: ISSUER,
    clientId: 'ratedesk-desktop',
    ...SECRETS,
    accessTokenExpiresAt: Math.floor(NOW.getTime() / 1000) + 3600,
    scopes: ['openid', 'offline_access'],
    user: { subject: '00u-rep-1', name: 'Pat Rep', email: 'pat@example.com', groups: ['ratedesk-reps'] },
  });
  auth = await openAuthSession({
    issuer: ISSUER,
    clientId: 'ratedesk-desktop',
    vault,
    openExternal: async () => undefined,
    pendingUploads: (subject) => pendingUploadCount(handle.db, subject),
    clearCache: (subject) => clearLocalCache(handle.db, subject),
    now: () => NOW.getTime(),
  });

  services = createDesktopServices({
    appInfo: { name: 'RateDesk', version: '0.1.0' },
    store: handle,
    auth,
    sync: null,
    settings: createSettingsStore(createMemoryKeyValueStore(), { env: {} }),
    printer: recordingPrinter(printed),
    now: () => NOW,
    timeZone: 'America/New_York',
    confirmConnectionChange: async (changes) => {
      confirmations.push(changes.map((change) => `${change.key}: ${change.from} -> ${change.to}`));
      return confirmAnswer;
    },
  });
});

afterAll(async () => {
  await handle.close();
  folder.remove();
});

function withFutureRate(): GeneratedProduct {
  const found = catalog.find((entry) => entry.product.isActive && entry.rates.some((rate) => rate.isActive && rate.effectiveDate > TODAY));
  if (found === undefined) throw new Error('the generated catalog has no future-dated rate; change the seed');
  return found;
}

/** The whole answer to a call refused for one field: the message names the field, and so does the issue. */
function refusedField(path: string, message: string) {
  return { ok: false, error: { code: 'invalid-request', message: `${path}: ${message}`, issues: [{ path, message }] } };
}

describe('catalog channels', () => {
  it('searches by name words and by exact CUSIP', async () => {
    const target = catalog[3]!.product;
    const byName = await value('catalogSearch', { text: target.productName, limit: 10 });
    expect(byName.map((product) => product.productId)).toContain(target.productId);

    const byCusip = await value('catalogSearch', { text: ` ${target.cusip.toLowerCase()} ` });
    expect(byCusip[0]?.productId).toBe(target.productId);
  });

  it('lists with filters and sort, and names the bad field', async () => {
    const cds = await value('catalogList', { productType: 'CD', sort: 'rate' });
    expect(cds.length).toBeGreaterThan(0);
    expect(cds.every((product) => product.productType === 'CD')).toBe(true);
    const rates = cds.map((product) => new Decimal(product.baseRate));
    expect(rates.every((rate, index) => index === 0 || rates[index - 1]!.greaterThanOrEqualTo(rate))).toBe(true);

    const refused = await call('catalogList', { termYears: 0 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!refused.ok && refused.error.message).toMatch(/termYears/);
  });

  it('shows a product with the rate in force today and the future-dated change', async () => {
    const { product, rates } = withFutureRate();
    const future = rates.filter((rate) => rate.isActive && rate.effectiveDate > TODAY).sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : 1));

    const today = await value('productDetail', { productId: product.productId });
    expect(today).not.toBeNull();
    expect(today?.asOfDate).toBe(TODAY);
    expect((today?.rateInForce?.effectiveDate ?? '9999-12-31') <= TODAY).toBe(true);
    expect(today?.rateInForce?.baseRate).toBe(product.baseRate);
    expect(today?.scheduledChanges.map((rate) => rate.rateHistoryId)).toEqual(future.map((rate) => rate.rateHistoryId));

    const later = await value('productDetail', { productId: product.productId, asOfDate: future[0]!.effectiveDate });
    expect(later?.rateInForce?.rateHistoryId).toBe(future[0]!.rateHistoryId);

    expect(await value('productDetail', { productId: '00000000-0000-4000-8000-000000000000' })).toBeNull();
  });
});

function request() {
  const picked = catalog.filter((entry) => entry.product.isActive && entry.product.productType !== 'FIA').slice(0, 3);
  return {
    premium: '100000',
    years: 5,
    startDate: TODAY,
    asOfDate: TODAY,
    productIds: picked.map((entry) => entry.product.productId),
  };
}

describe('comparisons', () => {

  it('compares three products from the cache, in the order given, with the rates in force', async () => {
    const input = request();
    const comparison = await value('compare', input);
    expect(comparison.premium).toBe('100000.00');
    expect(comparison.products.map((column) => column.productId)).toEqual(input.productIds);
    for (const column of comparison.products) {
      const detail = await loadProductDetail(handle.db, column.productId);
      expect(column.ratesUsed?.baseRate).toBe(detail?.product.baseRate);
      expect(column.projection?.rows).toHaveLength(5);
    }
  });

  it('refuses an unknown product, naming which one', async () => {
    const input = request();
    const refused = await call('compare', { ...input, productIds: [input.productIds[0]!, '00000000-0000-4000-8000-000000000000'] });
    expect(refused).toEqual(refusedField('productIds.1', 'is not in the local catalog (sync, or choose another product)'));
  });

  it('saves with its outbox entry, lists it, and reopens it as shown even after the rates change', async () => {
    const input = request();
    const shown = await value('compare', input);
    const { comparisonId } = await value('saveComparison', { comparison: shown, clientReference: 'Client <b>A</b>-17' });

    expect(await pendingUploadCount(handle.db, REP)).toBe(1);
    const outbox = handle.sqlite.prepare('SELECT comparison_id AS id, status FROM outbox').all();
    expect(outbox).toEqual([{ id: comparisonId, status: 'pending' }]);
    // What the sync engine will upload is a valid protocol record with the exact rates used.
    const payload = handle.sqlite.prepare('SELECT payload FROM saved_comparisons WHERE comparison_id = ?').pluck().get(comparisonId);
    const record = SavedComparison.parse(JSON.parse(String(payload)));
    expect(record.items.map((item) => [item.productId, item.rateHistoryId, item.baseRate])).toEqual(
      shown.products.map((column) => [column.productId, column.ratesUsed?.rateHistoryId, column.ratesUsed?.baseRate]),
    );

    const listed = await value('listComparisons', {});
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ comparisonId, clientReference: 'Client <b>A</b>-17', investmentAmount: '100000.00', upload: { status: 'pending' } });

    // An admin corrects the first product's rate; sync brings the correction.
    const firstId = input.productIds[0]!;
    const detail = await loadProductDetail(handle.db, firstId);
    const old = shown.products[0]!.ratesUsed!;
    const current = detail!.rates.find((rate) => rate.rateHistoryId === old.rateHistoryId)!;
    const corrected = {
      ...current,
      rateHistoryId: '20000000-0000-4000-8000-000000000001',
      baseRate: new Decimal(current.baseRate).plus('0.2500').toFixed(4),
      createdAt: '2026-11-24T14:00:00.000Z',
    };
    await handle.db.transaction().execute(async (trx) => {
      await upsertRates(trx, versioned([{ ...current, isActive: false }, corrected], '2'));
    });
    const recompared = await value('compare', input);
    expect(recompared.products[0]!.ratesUsed?.baseRate).toBe(corrected.baseRate);

    const reopened = await value('getComparison', { comparisonId });
    expect(reopened?.shown).toEqual(shown);
    expect(reopened?.items[0]).toMatchObject({ rateHistoryId: old.rateHistoryId, baseRate: old.baseRate });
    expect(reopened?.shown).not.toEqual(recompared);

    // The illustration prints the record as saved: the old rate, the client reference escaped.
    const pdf = await value('saveIllustrationPdf', { comparisonId });
    expect(pdf).toMatchObject({ saved: true, filePath: '/tmp/illustration.pdf', copyNumber: 1, reprint: false, pageCount: 1 });
    expect(pdf.saved && pdf.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
    // Percents print as on screen (src-shared/format/display.ts): "4.45%", not the engine's "4.4500".
    expect(printed.at(-1)).toContain(`${formatPercentText(old.baseRate)} base`);
    expect(printed.at(-1)).toContain('Client &lt;b&gt;A&lt;/b&gt;-17');
    expect(printed.at(-1)).not.toContain('<b>A</b>');

    // The comparison shown before the correction can no longer be saved as if it were current.
    const stale = await call('saveComparison', { comparison: shown, clientReference: null });
    expect(stale).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!stale.ok && stale.error.message).toMatch(/^comparison: no longer matches the local catalog/);
    expect(await pendingUploadCount(handle.db, REP)).toBe(1);
  });

  it('refuses a Social Security number as client reference and writes nothing', async () => {
    const shown = await value('compare', request());
    const refused = await call('saveComparison', { comparison: shown, clientReference: 'Jo Doe 123-45-6789' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!refused.ok && refused.error.message).toMatch(/clientReference: must not contain a Social Security number/);
    expect(handle.sqlite.prepare('SELECT count(*) FROM saved_comparisons').pluck().get()).toBe(1);
  });

  it('answers null for a comparison that is not on this computer', async () => {
    expect(await value('getComparison', { comparisonId: '00000000-0000-4000-8000-000000000000' })).toBeNull();
  });
});

describe('sync channels', () => {
  it('reports sync as unavailable, with the pending uploads, when no sync engine is wired', async () => {
    const status = await value('syncNow');
    expect(status).toMatchObject({ state: 'offline', reason: SYNC_UNAVAILABLE, lastSuccessfulSyncAt: null, pendingUploads: 1, rejectedUploads: 0 });
  });

  it('runs the engine on sync-now and forwards its status changes', async () => {
    let status: SyncStatus = { state: 'idle', lastSuccessfulSyncAt: null, pendingUploads: 0, rejectedUploads: 0, cacheAgeDays: null, stale: true };
    const listeners = new Set<(next: SyncStatus) => void>();
    const reasons: string[] = [];
    const engine: SyncEngineLike = {
      async runNow(reason) {
        reasons.push(reason);
        status = { ...status, lastSuccessfulSyncAt: NOW.toISOString(), cacheAgeDays: 0, stale: false };
        for (const listener of listeners) listener(status);
      },
      status: () => status,
      onStatus(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const withSync = createDesktopServices({
      appInfo: { name: 'RateDesk', version: '0.1.0' },
      store: handle,
      auth,
      sync: engine,
      settings: createSettingsStore(createMemoryKeyValueStore(), { env: {} }),
      confirmConnectionChange: async () => false,
    });
    const seen: SyncStatus[] = [];
    const stop = withSync.onSyncStatus((next) => seen.push(next));
    const result = await runDesktopCall('syncNow', withSync.handlers.syncNow, WINDOW, [], ORIGIN);
    stop();
    expect(reasons).toEqual(['manual']);
    expect(result).toEqual({ ok: true, value: status });
    expect(result.ok && result.value.lastSuccessfulSyncAt).toBe(NOW.toISOString());
    expect(seen).toHaveLength(1);
  });
});

describe('settings channels', () => {
  it('names the bad field and keeps the old value', async () => {
    const refused = await call('updateSettings', { serverUrl: 'http://rates.example.com', stalenessWarningDays: 5 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!refused.ok && refused.error.message).toMatch(/serverUrl: must use https/);
    expect((await value('getSettings')).settings.stalenessWarningDays).toBe(3);
    expect(confirmations).toEqual([]);
  });

  it('saves a valid change and says when a restart is needed', async () => {
    const days = await value('updateSettings', { stalenessWarningDays: 5 });
    expect(days).toMatchObject({ settings: { stalenessWarningDays: 5 }, restartRequired: false });
    expect(confirmations).toEqual([]);

    // A new server receives the rep's tokens, so main asks the rep itself; a refusal changes nothing.
    confirmAnswer = false;
    const refused = await call('updateSettings', { serverUrl: 'https://rates.example.com/', stalenessWarningDays: 9 });
    expect(refused).toEqual(refusedField('serverUrl', 'was not changed: the change was not confirmed'));
    expect(await value('getSettings')).toMatchObject({ settings: { serverUrl: 'http://127.0.0.1:8787', stalenessWarningDays: 5 } });

    confirmAnswer = true;
    const server = await value('updateSettings', { serverUrl: 'https://rates.example.com/' });
    expect(server).toMatchObject({ settings: { serverUrl: 'https://rates.example.com' }, restartRequired: true });
    expect(confirmations).toEqual([
      ['serverUrl: http://127.0.0.1:8787 -> https://rates.example.com'],
      ['serverUrl: http://127.0.0.1:8787 -> https://rates.example.com'],
    ]);
  });
});

describe('auth channels never hand a token to the renderer', () => {
  let shownBeforeSignOut: DesktopValue<'compare'> | null = null;

  it('shows who is signed in without any token', async () => {
    const state = await value('authState');
    expect(state).toMatchObject({ status: 'signed-in', user: { subject: '00u-rep-1', name: 'Pat Rep' }, offline: false });
    // The contract itself refuses a state carrying a token, so a leak fails the call instead.
    expect(AuthState.safeParse({ ...state, accessToken: SECRETS.accessToken }).success).toBe(false);
  });

  it('says so before any sign-out while the rep has uploads pending, and signs out nobody meanwhile', async () => {
    const events: string[] = [];
    const stop = services.onAuthState((state) => events.push(state.status));
    expect(await value('signOut', { clearCache: true })).toEqual({ needsConfirmation: true, pendingUploads: 1 });
    expect(await value('signOut', { clearCache: false })).toEqual({ needsConfirmation: true, pendingUploads: 1 });
    stop();
    shownBeforeSignOut = await value('compare', request());
    expect((await value('authState')).status).toBe('signed-in');
    expect(events).toEqual([]);
  });

  it('clears the rep’s part of the cache on a confirmed sign-out, and keeps another rep’s unsent comparison', async () => {
    await saveComparison(handle.db, comparisonToSave({ ownerSubject: '00u-rep-2', clientReference: 'Other rep client' }));
    const done = await value('signOut', { clearCache: true, confirmed: true });
    expect(done).toMatchObject({ needsConfirmation: false, cacheCleared: true });
    expect(await value('authState')).toEqual({ status: 'signed-out' });
    expect(await value('catalogList', {})).toEqual([]);
    expect(await value('catalogSearch', { text: catalog[3]!.product.productName })).toEqual([]);
    expect(await value('listComparisons', {})).toEqual([]);
    expect(await pendingUploadCount(handle.db, REP)).toBe(0);
    expect(handle.sqlite.prepare('SELECT count(*) FROM saved_comparisons WHERE owner_subject = ?').pluck().get(REP)).toBe(0);
    expect(await pendingUploadCount(handle.db, '00u-rep-2')).toBe(1);
    expect((await listComparisons(handle.db, { ownerSubject: '00u-rep-2' })).map((row) => row.clientReference)).toEqual(['Other rep client']);
  });

  it('after the sign-out nobody is known: saving is refused and nothing is listed', async () => {
    if (shownBeforeSignOut === null) throw new Error('nothing was compared before the sign-out');
    const refused = await call('saveComparison', { comparison: shownBeforeSignOut, clientReference: 'After sign-out' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request', message: 'Sign in to save: every saved comparison is filed under the signed-in rep' } });
    expect(handle.sqlite.prepare(`SELECT count(*) FROM saved_comparisons WHERE client_reference = 'After sign-out'`).pluck().get()).toBe(0);
    expect(await value('listComparisons', {})).toEqual([]);
    expect(await value('syncStatus')).toMatchObject({ pendingUploads: 0 });
  });

  it('no answer on any channel contained a token (checked last, over every call above)', async () => {
    answers.push(await call('appInfo'), await call('syncStatus'), await call('getSettings'));
    const everything = JSON.stringify(answers);
    expect(answers.length).toBeGreaterThan(20);
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
  });
});
