// The admin console's main-process side end to end: the desktop services as the web host composes
// them (scripts/web-host/node-desktop.ts: real sign-in session, SQLite cache, sync engine and admin
// client) against the real API server and PostgreSQL, signed in through the development identity
// provider with the same authorization code + PKCE flow the app uses. The "system browser"
// (test/support/system-browser.ts) follows the sign-in page the session asks to open, as
// test/integration/main/auth/sign-in.test.ts does.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { addDays, businessDate } from '../../../../src-shared/dates.js';
import type { ProductCreateBody } from '../../../../src-shared/desktop-api/index.js';
import { ONLINE_ONLY_MESSAGE, SIGNED_OUT_MESSAGE } from '../../../../src-main/admin/admin-call-errors.js';
import type { NodeDesktop } from '../../../../scripts/web-host/node-desktop.js';
import { databaseDigest, testCusip, type DemoLogin } from '../../../support/api.js';
import { startClientSyncServer, tempFolder, type ClientSyncServer } from '../../../support/client-sync-harness.js';
import { mygaTerms } from '../../../support/catalog-fixtures.js';
import { desktopCall as call, desktopValue as value, openTestDesktop, signInThroughBrowser } from '../../../support/node-desktop-calls.js';

const VERSION = '7.3.1-test';
type ProductCreateBodyInput = z.input<typeof ProductCreateBody>;
const businessToday = (): string => businessDate(new Date(), 'America/New_York');

let server: ClientSyncServer;
let folder: ReturnType<typeof tempFolder>;
const desktops: NodeDesktop[] = [];
let admin: NodeDesktop;
let rep: NodeDesktop;
let compliance: NodeDesktop;

async function signedInDesktop(who: DemoLogin): Promise<NodeDesktop> {
  const desktop = await openTestDesktop(server, { dataDir: `${folder.path}/${who}`, version: VERSION });
  desktops.push(desktop);
  expect(await signInThroughBrowser(desktop, who)).toMatchObject({ ok: true, value: { state: { status: 'signed-in' }, failure: null } });
  return desktop;
}

/** Every row of every table on the server, to prove a refused call wrote nothing. */
const serverDigest = () => databaseDigest(server.api.owner);

function newProduct(n: number, overrides: Partial<ProductCreateBodyInput> = {}): ProductCreateBodyInput {
  return {
    cusip: testCusip(n),
    productName: `Console Product ${n}`,
    productType: 'MYGA',
    issuerName: 'Console Life',
    description: '',
    ...mygaTerms(),
    surrenderSchedule: ['7', '6', '5', '4', '3'],
    freeWithdrawalPercent: '10',
    returnOfPremium: false,
    returnOfPremiumPercentage: null,
    termsAndConditions: null,
    ...overrides,
  };
}

beforeAll(async () => {
  server = await startClientSyncServer(20);
  folder = tempFolder('admin-console-');
  [admin, rep, compliance] = await Promise.all([signedInDesktop('admin'), signedInDesktop('rep'), signedInDesktop('compliance')]);
}, 180_000);

afterAll(async () => {
  for (const desktop of desktops) await desktop.close().catch(() => undefined);
  await server?.close();
  folder?.remove();
});

describe('admin access', () => {
  it('answers the roles the server states for each user', async () => {
    expect(await value(admin, 'adminAccess')).toEqual({
      // The demo admin also sells, so Okta lists them as a rep too.
      roles: ['sales_rep', 'admin'],
      permissions: ['audit:read', 'catalog:publish', 'catalog:read', 'comparisons:read_all', 'comparisons:read_own', 'comparisons:write', 'fleet:manage', 'fleet:read'],
      online: true,
      message: null,
    });
    expect(await value(rep, 'adminAccess')).toMatchObject({ roles: ['sales_rep'], online: true, message: null });
    expect((await value(rep, 'adminAccess')).permissions).not.toContain('catalog:publish');
    const auditor = await value(compliance, 'adminAccess');
    expect(auditor).toMatchObject({ roles: ['compliance'], online: true });
    expect(auditor.permissions).toContain('audit:read');
    expect(auditor.permissions).not.toContain('catalog:publish');
  });
});

describe('products and rates', () => {
  it('creates a product, publishes a future rate, and the admin cache receives both by sync', async () => {
    const product = await value(admin, 'adminCreateProduct', newProduct(501, { baseRate: '4.25', minimumInvestment: '25000' }));
    expect(product).toMatchObject({ cusip: testCusip(501), baseRate: '4.2500', minimumInvestment: '25000.00', isActive: true, createdBy: 'admin@ratedesk.test' });

    const effectiveDate = addDays(businessToday(), 30);
    const change = await value(admin, 'adminPublishRate', { productId: product.productId, baseRate: '4.75', bonusRate: '0.5', effectiveDate });
    expect(change).toMatchObject({
      productId: product.productId,
      current: { baseRate: '4.2500', effectiveDate: businessToday(), endDate: null },
      new: { baseRate: '4.7500', bonusRate: '0.5000', effectiveDate },
      closesCurrentOn: addDays(effectiveDate, -1),
      inForceToday: false,
    });
    const stored = await server.api.owner.selectFrom('rateHistory').selectAll().where('productId', '=', product.productId).orderBy('effectiveDate').execute();
    expect(stored.map((rate) => [rate.baseRate, rate.effectiveDate, rate.endDate])).toEqual([
      ['4.2500', businessToday(), addDays(effectiveDate, -1)],
      ['4.7500', effectiveDate, null],
    ]);

    // The write started a sync run: the admin's own catalog shows the product and its scheduled rate.
    await vi.waitFor(
      async () => {
        const detail = await value(admin, 'productDetail', { productId: product.productId });
        expect(detail?.scheduledChanges.map((rate) => rate.baseRate)).toEqual(['4.7500']);
      },
      { timeout: 30_000, interval: 250 },
    );
  });

  it('sends each field the server refuses back with its own message, and writes nothing', async () => {
    const product = await value(admin, 'adminCreateProduct', newProduct(502));
    const bonusWithoutYears = await value(admin, 'adminCreateProduct', newProduct(505, { bonusYears: 0, bonusRate: '0' }));
    const before = await serverDigest();

    // Field by field the patch is fine; as a whole product the maximum is below the minimum.
    const refused = await call(admin, 'adminUpdateProduct', { productId: product.productId, patch: { maximumInvestment: '5.00' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    if (refused.ok) return;
    expect(refused.error.issues).toEqual([{ path: 'maximumInvestment', message: 'must be greater than or equal to minimumInvestment' }]);
    expect(refused.error.message).toBe('maximumInvestment: must be greater than or equal to minimumInvestment');

    const bonus = await call(admin, 'adminPublishRate', { productId: bonusWithoutYears.productId, baseRate: '5', bonusRate: '1', effectiveDate: addDays(businessToday(), 3) });
    expect(bonus).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', issues: [{ path: 'bonusRate', message: `must be 0: product ${testCusip(505)} has no bonus years (bonusYears is 0)` }] },
    });

    // Checked in main before anything is sent: a bad CUSIP and a rate with five decimals.
    const malformed = await call(admin, 'adminCreateProduct', newProduct(503, { cusip: '123456789', baseRate: '4.12345' }));
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    if (malformed.ok) return;
    expect(malformed.error.issues?.map((issue) => issue.path).sort()).toEqual(['baseRate', 'cusip']);
    // An edit names the product's field, as the server's answers do, not the request's "patch" wrapper.
    const rateEdit = await call(admin, 'adminUpdateProduct', { productId: product.productId, patch: { baseRate: '5.0000' } });
    expect(rateEdit).toMatchObject({ ok: false, error: { code: 'invalid-request', issues: [{ path: 'baseRate', message: expect.stringMatching(/^cannot be changed here/) }] } });

    expect(await serverDigest()).toEqual(before);
  });

  it('answers a clash with stored data as a conflict with the server reason', async () => {
    const result = await call(admin, 'adminCreateProduct', newProduct(501));
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: 'cusip' }] } });
    if (!result.ok) expect(result.error.message).toContain(testCusip(501));

    const product = await value(admin, 'adminCreateProduct', newProduct(506));
    const backdated = await call(admin, 'adminPublishRate', { productId: product.productId, baseRate: '5', effectiveDate: addDays(businessToday(), -3) });
    expect(backdated).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: 'effectiveDate', message: expect.stringMatching(/^must be today/) }, { path: 'effectiveDate' }] } });
  });

  it('deactivates a product and retracts a future rate, with reasons kept in the audit trail', async () => {
    const product = await value(admin, 'adminCreateProduct', newProduct(504));
    const future = await value(admin, 'adminPublishRate', { productId: product.productId, baseRate: '3.9', effectiveDate: addDays(businessToday(), 10) });
    if (future.rateHistoryId === null) throw new Error('the publication has no id');
    const retracted = await value(admin, 'adminRetractRate', { rateHistoryId: future.rateHistoryId, reason: 'typo in the sheet' });
    expect(retracted).toMatchObject({ retracted: { rateHistoryId: future.rateHistoryId, isActive: false }, reopened: { endDate: null } });

    const withdrawn = await value(admin, 'adminSetProductActive', { productId: product.productId, active: false, reason: 'issuer withdrew it' });
    expect(withdrawn.isActive).toBe(false);
    const page = await value(admin, 'auditQuery', { tableName: 'products', recordId: product.productId, actionType: 'DEACTIVATE' });
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({ oldValues: { isActive: true }, newValues: { isActive: false, reason: 'issuer withdrew it' } });

    // A reason box left blank is no reason, not a refusal.
    const restored = await value(admin, 'adminSetProductActive', { productId: product.productId, active: true, reason: '  ' });
    expect(restored.isActive).toBe(true);
    const reactivation = await value(admin, 'auditQuery', { recordId: product.productId, actionType: 'REACTIVATE' });
    expect(reactivation.entries.map((entry) => entry.newValues)).toEqual([{ isActive: true }]);
  });
});

describe('rate sheets', () => {
  it('previews a sheet with bad rows as a list of every bad line and reason, and writes nothing', async () => {
    const product = await value(admin, 'adminCreateProduct', newProduct(510));
    const before = await serverDigest();
    const effective = addDays(businessToday(), 14);
    const csv = [
      'cusip,base_rate,bonus_rate,effective_date',
      `${product.cusip},4.80,0.50,${effective}`,
      `${testCusip(511)},4.10,,${effective}`,
      `${product.cusip},abc,,${addDays(businessToday(), -1)}`,
    ].join('\n');
    const answer = await value(admin, 'adminImportRateSheet', { csv, dryRun: true });
    expect(answer.outcome).toBe('invalid');
    if (answer.outcome !== 'invalid') return;
    expect(answer.badRows.map((row) => row.line)).toEqual([3, 4]);
    expect(answer.badRows[0]).toEqual({ line: 3, cusip: testCusip(511), reasons: [`cusip: ${testCusip(511)} is not in the catalog`] });
    expect(answer.badRows[1]?.reasons.some((reason) => reason.startsWith('base_rate: '))).toBe(true);
    expect(answer.message).toMatch(/^2 of 3 rows have errors; nothing was published/);
    expect(await serverDigest()).toEqual(before);
  });

  it('previews a good sheet, then publishes it', async () => {
    const first = await value(admin, 'adminCreateProduct', newProduct(520));
    const second = await value(admin, 'adminCreateProduct', newProduct(521, { bonusYears: 0, bonusRate: '0' }));
    const effective = addDays(businessToday(), 21);
    const csv = `cusip,base_rate,bonus_rate,effective_date\r\n${first.cusip},4.80,0.50,${effective}\r\n${second.cusip},4.65,,${effective}\r\n`;

    const before = await serverDigest();
    const preview = await value(admin, 'adminImportRateSheet', { csv, dryRun: true });
    expect(preview).toMatchObject({ outcome: 'preview', result: { dryRun: true, committed: false, rowCount: 2 } });
    if (preview.outcome !== 'preview') return;
    expect(preview.result.changes.map((change) => [change.ref, change.cusip, change.new.baseRate, change.rateHistoryId])).toEqual([
      ['line 2', first.cusip, '4.8000', null],
      ['line 3', second.cusip, '4.6500', null],
    ]);
    expect(await serverDigest()).toEqual(before);

    const published = await value(admin, 'adminImportRateSheet', { csv, dryRun: false });
    expect(published).toMatchObject({ outcome: 'published', result: { committed: true, rowCount: 2 } });
    const rates = await server.api.owner
      .selectFrom('rateHistory')
      .select(['productId', 'baseRate'])
      .where('effectiveDate', '=', effective)
      .where('productId', 'in', [first.productId, second.productId])
      .orderBy('baseRate')
      .execute();
    expect(rates.map((rate) => rate.baseRate)).toEqual(['4.6500', '4.8000']);
  });
});

describe('audit trail', () => {
  it('finds the admin own writes with filters, old and new values, and the app as user agent', async () => {
    const product = await value(admin, 'adminCreateProduct', newProduct(530, { maximumInvestment: '1000000' }));
    await value(admin, 'adminUpdateProduct', { productId: product.productId, patch: { maximumInvestment: '2000000' } });

    const page = await value(compliance, 'auditQuery', { tableName: 'products', recordId: product.productId, limit: 10 });
    expect(page.entries.map((entry) => entry.actionType)).toEqual(['UPDATE', 'CREATE']);
    const [update, create] = page.entries;
    expect(update).toMatchObject({
      userEmail: 'admin@ratedesk.test',
      oldValues: { maximumInvestment: '1000000.00' },
      newValues: { maximumInvestment: '2000000.00' },
      userAgent: `RateDesk/${VERSION}`,
    });
    expect(create).toMatchObject({ newValues: { cusip: testCusip(530) }, userAgent: `RateDesk/${VERSION}` });

    const publications = await value(admin, 'auditQuery', { actionType: 'PUBLISH', limit: 2 });
    expect(publications.entries).toHaveLength(2);
    expect(publications.entries.every((entry) => entry.actionType === 'PUBLISH')).toBe(true);
    expect(publications.nextCursor).not.toBeNull();
    const older = await value(admin, 'auditQuery', { actionType: 'PUBLISH', limit: 2, cursor: publications.nextCursor ?? undefined });
    expect(older.entries.map((entry) => entry.auditId)).not.toContain(publications.entries[0]?.auditId);
  });

  it('refuses a time range that ends before it starts, before asking the server', async () => {
    const result = await call(admin, 'auditQuery', { from: '2026-12-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request', issues: [{ path: 'to', message: 'must be after from' }] } });
  });
});

describe('roles', () => {
  it('refuses a rep every admin write with forbidden, and the server writes nothing', async () => {
    await value(rep, 'adminAccess');
    const before = await serverDigest();
    const created = await call(rep, 'adminCreateProduct', newProduct(540));
    expect(created).toEqual({ ok: false, error: { code: 'forbidden', message: 'Your account cannot publish (admin role needed).' } });
    const sheet = await call(rep, 'adminImportRateSheet', { csv: `cusip,base_rate,bonus_rate,effective_date\n${testCusip(540)},4,,${businessToday()}`, dryRun: false });
    expect(sheet).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const audit = await call(rep, 'auditQuery', {});
    expect(audit).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/audit trail/) } });
    expect(await serverDigest()).toEqual(before);
  });

  it('lets compliance read the audit trail but not publish', async () => {
    expect(await call(compliance, 'auditQuery', { limit: 1 })).toMatchObject({ ok: true });
    expect(await call(compliance, 'adminCreateProduct', newProduct(542))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

// Last: stops the server for the rest of the file.
describe('with the server stopped', () => {
  it('answers admin calls with the online-only message and remembers the roles', async () => {
    const product = await value(admin, 'adminCreateProduct', newProduct(550));
    await server.api.app.close();

    const publish = await call(admin, 'adminPublishRate', { productId: product.productId, baseRate: '4', effectiveDate: addDays(businessToday(), 5) });
    expect(publish).toEqual({ ok: false, error: { code: 'offline', message: ONLINE_ONLY_MESSAGE } });
    expect(await call(admin, 'auditQuery', {})).toMatchObject({ ok: false, error: { code: 'offline' } });

    expect(await value(admin, 'adminAccess')).toEqual({
      // The demo admin also sells, so Okta lists them as a rep too.
      roles: ['sales_rep', 'admin'],
      permissions: ['audit:read', 'catalog:publish', 'catalog:read', 'comparisons:read_all', 'comparisons:read_own', 'comparisons:write', 'fleet:manage', 'fleet:read'],
      online: false,
      message: ONLINE_ONLY_MESSAGE,
    });
    expect(await value(rep, 'adminAccess')).toMatchObject({ roles: ['sales_rep'], online: false });
  });

  it('shows no roles once the user has signed out', async () => {
    expect(await call(compliance, 'signOut', {})).toMatchObject({ ok: true });
    expect(await value(compliance, 'adminAccess')).toEqual({ roles: [], permissions: [], online: false, message: SIGNED_OUT_MESSAGE });
    expect(await call(compliance, 'auditQuery', {})).toEqual({ ok: false, error: { code: 'needs-sign-in', message: SIGNED_OUT_MESSAGE } });
  });
});
