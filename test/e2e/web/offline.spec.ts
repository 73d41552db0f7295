// A rep saves a comparison while the laptop is off the network; it waits in the outbox and reaches
// the server on the next sync once the network is back. The host's test-only relay stands for the
// network (POST /host-control/network-down|up); the API server itself keeps running.
import { expect, test } from '@playwright/test';
import { z } from 'zod';
import { Product } from '../../../src-shared/catalog.js';
import { Comparison } from '../../../src-shared/comparison.js';
import { ComparisonSaveResult, ComparisonSummaryView, desktopResultSchema } from '../../../src-shared/desktop-api/index.js';
import { callDesktopApi, hostControl, signInAsRep, snapshot, webHostUrl, valueOf } from '../support/desktop-api-page.js';

const ProductList = desktopResultSchema(z.array(Product));
const CompareResult = desktopResultSchema(Comparison);
const SaveResult = desktopResultSchema(ComparisonSaveResult);
const SavedList = desktopResultSchema(z.array(ComparisonSummaryView));

test.afterEach(async ({ page, request }) => {
  // The host is shared by the run: leave the network up and the rep signed out for whatever runs
  // next, even when an assertion failed midway.
  await hostControl(request, 'network-up');
  await callDesktopApi(page, 'signOut', { confirmed: true });
});

test('a comparison saved offline is uploaded by the next sync after the network returns', async ({ page, request }, testInfo) => {
  await page.goto(`${webHostUrl()}/`);
  expect(await signInAsRep(page, testInfo)).toMatchObject({ ok: true });
  expect(await callDesktopApi(page, 'syncNow')).toMatchObject({ ok: true, value: { state: 'idle' } });

  const products = valueOf(ProductList.parse(await callDesktopApi(page, 'catalogList', { productType: 'MYGA', limit: 2 })));
  expect(products).toHaveLength(2);
  // The business date from the app (New York's), not this machine's: a save as of another day is refused.
  const today = z.object({ ok: z.literal(true), value: z.object({ date: z.string() }) }).parse(await callDesktopApi(page, 'businessDate')).value.date;
  const comparison = valueOf(
    CompareResult.parse(
      await callDesktopApi(page, 'compare', {
        premium: '100000.00',
        years: 5,
        startDate: today,
        asOfDate: today,
        productIds: products.map((product) => product.productId),
      }),
    ),
  );

  expect(await hostControl(request, 'network-down')).toBe(200);

  const { comparisonId } = valueOf(SaveResult.parse(await callDesktopApi(page, 'saveComparison', { comparison, clientReference: 'E2E offline client' })));
  const whileOffline = valueOf(SavedList.parse(await callDesktopApi(page, 'listComparisons', {}))).find((saved) => saved.comparisonId === comparisonId);
  // Saving starts an upload at once, so it may still be failing against the cut network when listed.
  expect(whileOffline).toMatchObject({ clientReference: 'E2E offline client', serverChangeVersion: null, upload: { status: expect.stringMatching(/^(pending|uploading)$/) } });
  // The rep's "sync now" while off the network: nothing lost, one upload waiting.
  expect(await callDesktopApi(page, 'syncNow')).toMatchObject({ ok: true, value: { state: 'offline', pendingUploads: 1 } });
  // The rep sees it among the saved comparisons straight away.
  await page.reload();
  await page.getByRole('link', { name: 'Saved comparisons' }).click();
  await expect(page.getByText('E2E offline client').first()).toBeVisible();
  await snapshot(page, testInfo, '01-saved-offline-pending-upload');

  expect(await hostControl(request, 'network-up')).toBe(200);
  // Network failures back off (5 s, then doubling, with jitter), so the upload lands within
  // seconds of the network returning rather than on the very first attempt; the rep's "sync now"
  // keeps trying.
  let afterSync: z.infer<typeof ComparisonSummaryView> | undefined;
  await expect
    .poll(
      async () => {
        await callDesktopApi(page, 'syncNow');
        afterSync = valueOf(SavedList.parse(await callDesktopApi(page, 'listComparisons', {}))).find((saved) => saved.comparisonId === comparisonId);
        return afterSync?.upload?.status;
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe('applied');
  expect(await callDesktopApi(page, 'syncStatus')).toMatchObject({ ok: true, value: { state: 'idle', pendingUploads: 0, rejectedUploads: 0 } });
  expect(afterSync?.serverChangeVersion).toEqual(expect.stringMatching(/^\d+$/));
  await page.reload();
  await page.getByRole('link', { name: 'Saved comparisons' }).click();
  await expect(page.getByText('E2E offline client').first()).toBeVisible();
  await snapshot(page, testInfo, '02-back-online-uploaded');
});
