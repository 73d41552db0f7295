// Item 1 and 5 of issue 11 as the renderer reaches them: the services' one "today" is the business
// date (not the laptop's), the renderer reads it from main, and a save or a PDF as of another day
// is refused unless it is marked as a historical view, which is then recorded and watermarked.
// Also: a successful sign-in starts a sync at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthSession } from '../../../../src-main/auth/session.js';
import { runDesktopCall, type DesktopSender } from '../../../../src-main/ipc/desktop-call.js';
import { createDesktopServices, type DesktopServices } from '../../../../src-main/services/desktop-services.js';
import type { AuthLike } from '../../../../src-main/services/session-services.js';
import { createMemoryKeyValueStore } from '../../../../src-main/settings/key-value-store.js';
import { createSettingsStore } from '../../../../src-main/settings/settings.js';
import { upsertAvailability, upsertProducts, upsertRates } from '../../../../src-main/store/catalog-upserts.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { generateCatalog, type GeneratedProduct } from '../../../../server/seed/catalog-generator.js';
import type { DesktopArgsInput, DesktopMethod, DesktopResult, DesktopValue } from '../../../../src-shared/desktop-api/index.js';
import { SavedComparison } from '../../../../src-shared/sync/protocol.js';
import { businessCalendar } from '../../../../src-shared/time/business-calendar.js';
import { migratedDatabase, tempFolder, type TempFolder } from '../../../support/store-fixtures.js';
import { recordingPrinter } from '../../../support/recording-printer.js';

const ORIGIN = 'app://ratedesk';
const WINDOW: DesktopSender = { frameUrl: 'app://ratedesk/index.html', isMainFrame: true };

let folder: TempFolder;
let handle: ClientDatabaseHandle;
let services: DesktopServices;
let catalog: GeneratedProduct[];
// 05:30 UTC on Nov 25: the laptop may be anywhere; New York is on Nov 25.
let instant = new Date('2026-11-25T05:30:00Z');
const printed: string[] = [];
const syncRuns: string[] = [];
let signedIn = false;

async function call<C extends DesktopMethod>(channel: C, ...args: DesktopArgsInput<C>): Promise<DesktopResult<DesktopValue<C>>> {
  return runDesktopCall(channel, services.handlers[channel], WINDOW, args, ORIGIN);
}

async function value<C extends DesktopMethod>(channel: C, ...args: DesktopArgsInput<C>): Promise<DesktopValue<C>> {
  const result = await call(channel, ...args);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value;
}

// Just enough of a session for the handlers: sign-in succeeds at once.
const auth = {
  get state() {
    return signedIn
      ? { status: 'signed-in' as const, offline: false, user: { subject: '00u-rep', name: 'Pat Rep', email: 'pat@example.com', groups: [] }, accessTokenExpiresAt: '2026-11-25T06:30:00.000Z', tokenPersistence: 'memory-only' as const }
      : { status: 'signed-out' as const };
  },
  onStateChange: () => () => undefined,
  // The rep who signed in last on this laptop, also while working offline.
  currentUser: () => ({ subject: '00u-rep', name: 'Pat Rep', email: 'pat@example.com', groups: [] }),
  signIn: async () => {
    signedIn = true;
    return { user: { subject: '00u-rep', name: 'Pat Rep', email: 'pat@example.com', groups: [] }, accessTokenExpiresAt: '2026-11-25T06:30:00.000Z', tokenPersistence: 'memory-only' as const };
  },
  signOut: async () => ({ needsConfirmation: false as const, revoked: true, cacheCleared: false }),
} as unknown as Pick<AuthSession, keyof AuthLike> as AuthLike;

beforeAll(async () => {
  folder = tempFolder();
  handle = await migratedDatabase(folder.file('cache.sqlite'));
  catalog = [...generateCatalog({ seed: 11, products: 20, rateRowsPerProduct: 4, today: '2026-11-24' })];
  const versioned = <T>(rows: readonly T[]) => rows.map((row) => ({ ...row, changeVersion: '1' }));
  await handle.db.transaction().execute(async (trx) => {
    await upsertRates(trx, versioned(catalog.flatMap((entry) => entry.rates)));
    await upsertAvailability(trx, versioned(catalog.flatMap((entry) => entry.availability)));
    await upsertProducts(trx, versioned(catalog.map((entry) => entry.product)));
  });
  const now = () => instant;
  services = createDesktopServices({
    appInfo: { name: 'RateDesk', version: '0.1.0' },
    store: handle,
    auth,
    sync: {
      runNow: async (reason) => {
        syncRuns.push(reason);
        return undefined;
      },
      status: () => ({ state: 'idle', lastSuccessfulSyncAt: null, pendingUploads: 0, rejectedUploads: 0, cacheAgeDays: null, stale: true }),
      onStatus: () => () => undefined,
    },
    settings: createSettingsStore(createMemoryKeyValueStore(), { env: {} }),
    printer: recordingPrinter(printed),
    now,
    calendar: businessCalendar({ now, timeZone: () => 'America/New_York' }),
    confirmConnectionChange: async () => false,
  });
});

afterAll(async () => {
  await handle.close();
  folder.remove();
});

function compareRequest(asOfDate: string) {
  const picked = catalog.filter((entry) => entry.product.isActive && entry.product.productType === 'MYGA').slice(0, 2);
  return { premium: '100000', years: 5, startDate: '2026-11-25', asOfDate, productIds: picked.map((entry) => entry.product.productId) };
}

describe('the business date', () => {
  it('is what the renderer reads, and what the catalog uses when no date is named', async () => {
    // 04:30 UTC: Nov 25 in UTC and Tokyo, still Nov 24 in New York.
    instant = new Date('2026-11-25T04:30:00Z');
    expect(await value('businessDate')).toEqual({ date: '2026-11-24', timeZone: 'America/New_York' });
    const detail = await value('productDetail', { productId: catalog[0]!.product.productId });
    expect(detail?.asOfDate).toBe('2026-11-24');
    instant = new Date('2026-11-25T05:30:00Z');
    expect(await value('businessDate')).toEqual({ date: '2026-11-25', timeZone: 'America/New_York' });
  });
});

describe('saving a comparison', () => {
  it('as of today: saved as the current view', async () => {
    const shown = await value('compare', compareRequest('2026-11-25'));
    const { comparisonId } = await value('saveComparison', { comparison: shown, clientReference: null });
    const record = SavedComparison.parse(JSON.parse(String(handle.sqlite.prepare('SELECT payload FROM saved_comparisons WHERE comparison_id = ?').pluck().get(comparisonId))));
    expect(record.historical).toBeUndefined();
    expect((await value('getComparison', { comparisonId }))?.historical).toBe(false);
  });

  it('as of another day unmarked: refused, naming the as-of field, nothing written', async () => {
    const before = handle.sqlite.prepare('SELECT count(*) FROM saved_comparisons').pluck().get();
    const shown = await value('compare', compareRequest('2026-11-20'));
    const refused = await call('saveComparison', { comparison: shown, clientReference: null });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        issues: [{ path: 'comparison.asOfDate', message: "is Nov 20, 2026, not today's business date (Nov 25, 2026): compare as of today, or mark it as a historical view" }],
      },
    });
    expect(handle.sqlite.prepare('SELECT count(*) FROM saved_comparisons').pluck().get()).toBe(before);
  });

  it('as of today marked historical: refused, naming the mark', async () => {
    const shown = await value('compare', compareRequest('2026-11-25'));
    const refused = await call('saveComparison', { comparison: shown, clientReference: null, historical: true });
    expect(refused).toMatchObject({ ok: false, error: { issues: [{ path: 'historical', message: expect.stringMatching(/^must be false/) }] } });
  });

  it('as of another day marked historical: saved and recorded as such, and its PDF is watermarked on every page', async () => {
    const shown = await value('compare', compareRequest('2026-11-20'));
    const { comparisonId } = await value('saveComparison', { comparison: shown, clientReference: 'Look back', historical: true });
    const record = SavedComparison.parse(JSON.parse(String(handle.sqlite.prepare('SELECT payload FROM saved_comparisons WHERE comparison_id = ?').pluck().get(comparisonId))));
    expect(record).toMatchObject({ historical: true, asOfDate: '2026-11-20' });
    const listed = (await value('listComparisons', {})).find((saved) => saved.comparisonId === comparisonId);
    expect(listed?.historical).toBe(true);

    const unmarked = await call('saveIllustrationPdf', { comparisonId });
    expect(unmarked).toMatchObject({ ok: false, error: { issues: [{ path: 'historical', message: expect.stringMatching(/^must be true: this comparison was saved as a historical view/) }] } });
    expect(await value('saveIllustrationPdf', { comparisonId, historical: true })).toMatchObject({ saved: true, filePath: '/tmp/illustration.pdf', copyNumber: 1, reprint: false });
    const html = printed.at(-1) ?? '';
    // In the page margin (every page) and across each page (position: fixed repeats when printed).
    expect(html).toContain('@bottom-center { content: "HISTORICAL VIEW — rates as of Nov 20, 2026, not current"');
    expect(html).toContain('class="historical-watermark"');
    expect(html).toContain('prepared Nov 25, 2026');
  });
});

describe('printing a saved comparison later', () => {
  it('needs the historical mark once its rates are not today’s, and has no watermark while they are', async () => {
    instant = new Date('2026-11-25T15:00:00Z');
    const shown = await value('compare', compareRequest('2026-11-25'));
    const { comparisonId } = await value('saveComparison', { comparison: shown, clientReference: null });
    expect(await call('saveIllustrationPdf', { comparisonId, historical: true })).toMatchObject({ ok: false, error: { issues: [{ path: 'historical' }] } });
    await value('saveIllustrationPdf', { comparisonId });
    expect(printed.at(-1)).not.toContain('HISTORICAL VIEW');

    // The next business day (05:30 UTC on Nov 26 is 00:30 in New York).
    instant = new Date('2026-11-26T05:30:00Z');
    expect(await call('saveIllustrationPdf', { comparisonId })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'historical', message: expect.stringMatching(/its rates are as of Nov 25, 2026, not today's business date \(Nov 26, 2026\)/) }] },
    });
    await value('saveIllustrationPdf', { comparisonId, historical: true });
    expect(printed.at(-1)).toContain('HISTORICAL VIEW — rates as of Nov 25, 2026, not current');
    // A second copy of the record: its own prepared date (the saving day), marked as a reprint.
    expect(printed.at(-1)).toContain('Prepared Nov 25, 2026');
    expect(printed.at(-1)).toContain('Reprint printed on Nov 26, 2026; prepared on Nov 25, 2026');
  });
});

describe('signing in', () => {
  it('starts a sync at once', async () => {
    syncRuns.length = 0;
    const answer = await value('signIn');
    expect(answer.failure).toBeNull();
    expect(syncRuns).toEqual(['signed-in']);
  });
});
