// "Prepare for offline" (issue 14): before leaving the network a rep presses one button in the
// status bar; the app uploads what waits, syncs, verifies the copy and answers "Ready: rates as of
// <the business date>, cache valid until <when>" in the status bar. Without the network it lists
// what is missing instead.
import { expect, test } from '@playwright/test';
import { z } from 'zod';
import { formatBusinessDate } from '../../../src-shared/format/display.js';
import { callDesktopApi, hostControl, snapshot } from '../support/desktop-api-page.js';
import { signInThroughApp, signOutAfterEach, syncFromStatusBar } from '../support/sign-in-ui.js';

const BusinessDate = z.object({ ok: z.literal(true), value: z.object({ date: z.string() }) });

signOutAfterEach();
test.afterEach(async ({ request }) => {
  // The host is shared by the run: leave the network up even when an assertion failed midway.
  await hostControl(request, 'network-up');
});

test('"Prepare for offline" reports ready with the rates date and how long the cache may quote', async ({ page, request }, testInfo) => {
  await signInThroughApp(page, testInfo);
  await syncFromStatusBar(page);
  const today = BusinessDate.parse(await callDesktopApi(page, 'businessDate')).value.date;

  const statusBar = page.getByRole('contentinfo', { name: 'Sync status' });
  await statusBar.getByRole('button', { name: 'Prepare for offline' }).click();
  const readiness = statusBar.getByRole('status', { name: 'Offline readiness' });
  await expect(readiness).toHaveText(new RegExp(`^Ready: rates as of ${formatBusinessDate(today)}, cache valid until \\w{3} \\d{1,2}, \\d{4}`), { timeout: 60_000 });
  await snapshot(page, testInfo, '01-ready-for-offline');
  await statusBar.screenshot({ path: testInfo.outputPath('01-status-bar-ready.png') });

  // Off the network the same button says what is missing rather than "ready".
  expect(await hostControl(request, 'network-down')).toBe(200);
  await statusBar.getByRole('button', { name: 'Prepare for offline' }).click();
  await expect(readiness).toContainText('Not ready for offline', { timeout: 60_000 });
  await expect(readiness).toContainText('cannot reach the RateDesk server');
  await snapshot(page, testInfo, '02-not-ready-offline');
  await statusBar.screenshot({ path: testInfo.outputPath('02-status-bar-not-ready.png') });
});
