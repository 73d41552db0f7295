// The compliance console's main-process side end to end, as the web host composes it, against the
// real API server, PostgreSQL, identity provider and headless Chromium: a rep saves and prints a
// comparison (the print's SHA-256 reaches the server as a record event); compliance finds it,
// opens it with the view the rep's screen renders, regenerates the printed copy's PDF and gets the
// same SHA-256; exports the search as CSV; a rep is refused; offline the console says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeDesktop } from '../../../../scripts/web-host/node-desktop.js';
import { findChromium } from '../../../../scripts/web-host/chromium-pdf-printer.js';
import { COMPLIANCE_FORBIDDEN_MESSAGE, COMPLIANCE_OFFLINE_MESSAGE } from '../../../../src-main/services/compliance-services.js';
import { businessDate } from '../../../../src-shared/dates.js';
import { productBody, testCusip, type DemoLogin } from '../../../support/api.js';
import { startClientSyncServer, tempFolder, type ClientSyncServer } from '../../../support/client-sync-harness.js';
import { desktopCall as call, desktopValue as value, openTestDesktop, signInThroughBrowser } from '../../../support/node-desktop-calls.js';

const chromium = findChromium(process.env);
if (chromium === null) console.warn('skipped: the compliance console services test needs a Chromium (CHROMIUM_PATH) to print and regenerate PDFs');

let server: ClientSyncServer;
let folder: ReturnType<typeof tempFolder>;
const desktops: NodeDesktop[] = [];

async function signedInDesktop(who: DemoLogin, serverUrl = server.baseUrl): Promise<NodeDesktop> {
  const desktop = await openTestDesktop(server, {
    dataDir: `${folder.path}/${who}-${desktops.length}`,
    version: '9.1.0-test',
    env: { RATEDESK_SERVER_URL: serverUrl, ...(chromium === null ? {} : { CHROMIUM_PATH: chromium }) },
  });
  desktops.push(desktop);
  expect(await signInThroughBrowser(desktop, who)).toMatchObject({ ok: true, value: { state: { status: 'signed-in' } } });
  return desktop;
}

describe.skipIf(chromium === null)('the compliance console in main', () => {
  let rep: NodeDesktop;
  let compliance: NodeDesktop;
  let comparisonId: string;
  let printedSha: string | undefined;
  const cusip = testCusip(777);

  beforeAll(async () => {
    server = await startClientSyncServer(5);
    folder = tempFolder('compliance-console-');
    const created = await server.api.call(server.api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip, productName: 'Console Harbor 5' }));
    expect(created.status, created.body).toBe(201);
    const productId = (created.json as { productId: string }).productId;
    [rep, compliance] = await Promise.all([signedInDesktop('rep'), signedInDesktop('compliance')]);

    // The rep's side, as the app does it: sync, compare, save, upload, print, upload the print.
    await value(rep, 'syncNow');
    const today = (await value(rep, 'businessDate')).date;
    const comparison = await value(rep, 'compare', { premium: '150000', years: 5, startDate: today, asOfDate: today, productIds: [productId] });
    comparisonId = (await value(rep, 'saveComparison', { comparison, clientReference: 'Eleanor Whitfield' })).comparisonId;
    await value(rep, 'syncNow');
    const printed = await value(rep, 'saveIllustrationPdf', { comparisonId, historical: false });
    expect(printed.saved).toBe(true);
    printedSha = printed.pdfSha256;
    await value(rep, 'syncNow');
  }, 240_000);

  afterAll(async () => {
    for (const desktop of desktops) await desktop.close().catch(() => undefined);
    await server?.close();
    folder?.remove();
  });

  it('finds the rep’s comparison by client reference and by CUSIP', async () => {
    const byClient = await value(compliance, 'complianceSearch', { clientReference: 'whitfield' });
    expect(byClient.rows.map((row) => row.comparisonId)).toEqual([comparisonId]);
    expect(byClient.rows[0]).toMatchObject({ rep: { email: 'rep@ratedesk.test' }, products: [{ cusip, productName: 'Console Harbor 5' }], investmentAmount: '150000.00' });
    const byCusip = await value(compliance, 'complianceSearch', { cusip: cusip.toLowerCase() });
    expect(byCusip.rows.map((row) => row.comparisonId)).toEqual([comparisonId]);
  });

  it('opens the record with what the rep saw, and regenerates the printed copy with the same SHA-256', async () => {
    const { record, view } = await value(compliance, 'complianceRecord', { comparisonId });
    expect(view.shown?.products.map((column) => column.productId)).toEqual(record.items.map((item) => item.productId));
    expect(record.appVersion).toBe('9.1.0-test');
    expect(record.preparedOn).toBe(businessDate(new Date(record.comparisonDate), 'America/New_York'));
    expect(record.printEvents).toHaveLength(1);
    const [copy] = record.printEvents;
    expect(copy?.pdfSha256).toBe(printedSha);
    const regenerated = await value(compliance, 'complianceRegeneratePdf', { comparisonId, eventId: copy?.eventId ?? '' });
    expect(regenerated).toMatchObject({ matches: true, printedSha256: printedSha, regeneratedSha256: printedSha, copyNumber: 1 });
  });

  it('exports the search as CSV text for the renderer to save', async () => {
    const file = await value(compliance, 'complianceExportCsv', { cusip });
    expect(file.rows).toBe(1);
    expect(file.fileName).toMatch(/^ratedesk-comparisons-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.csv).toContain('"Eleanor Whitfield"');
  });

  it('refuses a rep with words a person understands', async () => {
    expect(await call(rep, 'complianceSearch', {})).toEqual({ ok: false, error: { code: 'forbidden', message: COMPLIANCE_FORBIDDEN_MESSAGE } });
  });

  it('answers offline, never from an older copy, when the server cannot be reached', async () => {
    // Signed in, then the server is gone (a port nothing listens on).
    const cut = await signedInDesktop('compliance', 'http://127.0.0.1:9');
    expect(await call(cut, 'complianceSearch', {})).toEqual({ ok: false, error: { code: 'offline', message: COMPLIANCE_OFFLINE_MESSAGE } });
    expect(await call(cut, 'complianceRecord', { comparisonId })).toMatchObject({ ok: false, error: { code: 'offline' } });
  });
});
