// Two reps share one laptop (issue 12, "Owned on the laptop"). Rep A saves a comparison while off
// the network and signs out, told that it has not been uploaded and choosing to sign out anyway.
// Rep B signs in on the same app and never sees A's comparison, neither in the saved list nor
// after a sync. A signs in again and it uploads as A: the server's row and its COMPARISON_SAVED
// audit row name A. The stack is this spec's own web host, so the test can read the server
// database (the embedded PostgreSQL on a port chosen here).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { z } from 'zod';
import { Product } from '../../../src-shared/catalog.js';
import { Comparison } from '../../../src-shared/comparison.js';
import { ComparisonSaveResult, ComparisonSummaryView, desktopResultSchema } from '../../../src-shared/desktop-api/index.js';
import { freePort } from '../../../server/db/embedded.js';
import { loadDatabaseConfig } from '../../../server/db/config.js';
import { callDesktopApi, hostControl, snapshot, valueOf } from '../support/desktop-api-page.js';
import { signInThroughApp, syncFromStatusBar } from '../support/sign-in-ui.js';
import { ownWebHost } from '../support/web-host-process.js';

const ProductList = desktopResultSchema(z.array(Product));
const CompareResult = desktopResultSchema(Comparison);
const SaveResult = desktopResultSchema(ComparisonSaveResult);
const SavedList = desktopResultSchema(z.array(ComparisonSummaryView));
const REP_A_SUBJECT = '00u-demo-rep';

async function savedList(page: Page): Promise<z.infer<typeof ComparisonSummaryView>[]> {
  return valueOf(SavedList.parse(await callDesktopApi(page, 'listComparisons', {})));
}

let dataDir = '';
let pgPort = '';
const host = ownWebHost();

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dataDir = mkdtempSync(join(tmpdir(), 'ratedesk-shared-laptop-'));
  pgPort = String(await freePort());
  await host.start({ dataDir, env: { EMBEDDED_PG_PORT: pgPort } });
});

test.afterAll(async () => {
  await host.release();
  rmSync(dataDir, { recursive: true, force: true });
});

test('rep A’s comparison saved offline stays A’s: rep B never sees it, and it uploads as A when A signs in again', async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  const clientReference = `REP A client: Margaret Smith ${Date.now()}`;

  // Rep A: signed in, catalog synced, then off the network, saves a comparison.
  await signInThroughApp(page, testInfo, 'rep');
  await syncFromStatusBar(page);
  const products = valueOf(ProductList.parse(await callDesktopApi(page, 'catalogList', { productType: 'MYGA', limit: 2 })));
  const today = z.object({ ok: z.literal(true), value: z.object({ date: z.string() }) }).parse(await callDesktopApi(page, 'businessDate')).value.date;
  const comparison = valueOf(
    CompareResult.parse(
      await callDesktopApi(page, 'compare', { premium: '100000.00', years: 5, startDate: today, asOfDate: today, productIds: products.map((product) => product.productId) }),
    ),
  );
  expect(await hostControl(request, 'network-down')).toBe(200);
  const { comparisonId } = valueOf(SaveResult.parse(await callDesktopApi(page, 'saveComparison', { comparison, clientReference })));
  expect((await savedList(page)).map((saved) => saved.clientReference)).toContain(clientReference);

  // A signs out: told the comparison has not been uploaded, A signs out anyway.
  await page.reload();
  await page.getByTestId('sign-out-button').click();
  await expect(page.getByTestId('sign-out-confirm')).toBeVisible();
  await expect(page.getByTestId('sign-out-pending')).toContainText('1 comparison you saved has not been uploaded yet.');
  await expect(page.getByTestId('sign-out-upload-first')).toBeVisible();
  await snapshot(page, testInfo, '01-sign-out-with-pending-upload');
  await page.getByTestId('sign-out-anyway').click();
  await expect(page.getByTestId('sign-in-button')).toBeVisible();
  expect(await hostControl(request, 'network-up')).toBe(200);

  // Rep B on the same app: A's comparison is nowhere, before and after a sync.
  await signInThroughApp(page, testInfo, 'rep2');
  await syncFromStatusBar(page);
  await page.getByRole('link', { name: 'Saved comparisons' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Saved comparisons' })).toBeVisible();
  await expect(page.getByText(clientReference)).toHaveCount(0);
  expect(await savedList(page)).toEqual([]);
  expect(valueOf(desktopResultSchema(ComparisonSummaryView.nullable()).parse(await callDesktopApi(page, 'getComparison', { comparisonId })))).toBeNull();
  expect(await callDesktopApi(page, 'syncNow')).toMatchObject({ ok: true, value: { state: 'idle', pendingUploads: 0 } });
  expect((await savedList(page)).map((saved) => saved.comparisonId)).not.toContain(comparisonId);
  await page.reload();
  await page.getByRole('link', { name: 'Saved comparisons' }).click();
  await expect(page.getByTestId('saved-empty')).toBeVisible();
  await expect(page.getByText(clientReference)).toHaveCount(0);
  await snapshot(page, testInfo, '02-rep-b-sees-nothing-of-rep-a');
  // B has nothing pending: signing out asks nothing.
  await page.getByTestId('sign-out-button').click();
  await expect(page.getByTestId('sign-in-button')).toBeVisible();

  // A again: the comparison uploads as A.
  await signInThroughApp(page, testInfo, 'rep');
  await expect
    .poll(
      async () => {
        await callDesktopApi(page, 'syncNow');
        return (await savedList(page)).find((saved) => saved.comparisonId === comparisonId)?.upload?.status;
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe('applied');
  await page.getByRole('link', { name: 'Saved comparisons' }).click();
  await expect(page.getByText(clientReference)).toBeVisible();
  await snapshot(page, testInfo, '03-rep-a-uploaded');

  // The server filed it, and audited it, under A.
  const database = new pg.Client({ connectionString: loadDatabaseConfig({ EMBEDDED_PG_PORT: pgPort }).writerConnection.url });
  await database.connect();
  try {
    const stored = await database.query<{ okta_user_id: string; client_reference: string | null }>(
      `SELECT u.okta_user_id, c.client_reference FROM product_comparisons c JOIN users u ON u.user_id = c.user_id WHERE c.comparison_id = $1`,
      [comparisonId],
    );
    expect(stored.rows).toEqual([{ okta_user_id: REP_A_SUBJECT, client_reference: clientReference }]);
    const audited = await database.query<{ okta_user_id: string }>(
      `SELECT u.okta_user_id FROM audit_log a JOIN users u ON u.user_id = a.user_id
       WHERE a.action_type = 'COMPARISON_SAVED' AND a.table_name = 'product_comparisons' AND a.record_id = $1`,
      [comparisonId],
    );
    expect(audited.rows).toEqual([{ okta_user_id: REP_A_SUBJECT }]);
  } finally {
    await database.end();
  }
});
