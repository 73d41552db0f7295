// The admin console's carriers and state approvals, through their screens (issue 13): an admin adds
// a carrier (a bad NAIC code refused under its field first), then approves a product in a state it
// was not approved in, and withdraws that approval with a reason; each change shows in the tables.
import { expect, test } from '@playwright/test';
import { z } from 'zod';
import { STATE_CODES } from '../../../src-shared/catalog/us-states.js';
import { CatalogListRow, desktopResultSchema, StateApprovalList } from '../../../src-shared/desktop-api/index.js';
import { addDays } from '../../../src-shared/dates.js';
import { formatBusinessDate } from '../../../src-shared/format/display.js';
import { businessToday, openAdmin } from '../support/admin-console.js';
import { callDesktopApi, snapshot, valueOf } from '../support/desktop-api-page.js';
import { signInThroughApp, syncFromStatusBar } from '../support/sign-in-ui.js';

const Rows = desktopResultSchema(z.array(CatalogListRow));
const Approvals = desktopResultSchema(StateApprovalList);

test.afterEach(async ({ page }) => {
  await callDesktopApi(page, 'signOut', { confirmed: true });
});

test('an admin adds a carrier, approves a product in a state and withdraws the approval', async ({ page }, testInfo) => {
  await signInThroughApp(page, testInfo, 'admin');
  await syncFromStatusBar(page);
  await openAdmin(page, 'Products and rates');
  const admin = page.getByRole('navigation', { name: 'Admin' });

  await admin.getByRole('link', { name: 'Carriers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Carriers' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Add a carrier' });
  // A NAIC code of this run's own, so a rerun on the same stack does not collide.
  const naicCode = String(Date.now() % 90_000 + 10_000);
  await form.getByLabel('Carrier name').fill('E2E Console Mutual Life');
  await form.getByLabel('NAIC company code').fill(naicCode.slice(0, 4));
  await form.getByLabel('AM Best rating').selectOption('A-');
  await form.getByRole('button', { name: 'Add carrier' }).click();
  await expect(form.getByLabel('NAIC company code')).toHaveAccessibleDescription(/must be the five-digit NAIC company code/);
  await expect(form.getByLabel('Outlook')).toHaveAccessibleDescription(/is required when amBestRating is given/);
  await form.getByLabel('NAIC company code').fill(naicCode);
  await form.getByLabel('Outlook').selectOption('stable');
  await form.getByLabel('Rating as of').fill('2026-06-30');
  await form.getByRole('button', { name: 'Add carrier' }).click();
  const carrierRow = page.getByTestId('carrier-row').filter({ hasText: naicCode });
  await expect(carrierRow).toContainText('A- (stable), AM Best as of 2026-06-30');
  await snapshot(page, testInfo, 'admin-carriers');

  // A MYGA and a state where it is approved with no end: the demo catalog approves most products
  // almost everywhere. The last such state, so the common ones (NY, CA) stay as they were.
  const today = businessToday();
  const [myga] = valueOf(Rows.parse(await callDesktopApi(page, 'catalogList', { productType: 'MYGA', sort: 'name', limit: 5, yields: false })));
  if (myga === undefined) throw new Error('no MYGA in the catalog');
  const held = valueOf(Approvals.parse(await callDesktopApi(page, 'adminListStateApprovals', { productId: myga.productId }))).approvals;
  const open = held.filter((approval) => approval.isActive && approval.approvedUntil === null && approval.approvedFrom <= today).map((approval) => approval.stateCode);
  const state = [...STATE_CODES].reverse().find((code) => open.includes(code));
  if (state === undefined) throw new Error(`${myga.productName} has no open approval to withdraw`);

  await admin.getByRole('link', { name: 'Products and rates' }).click();
  await page.getByTestId('admin-product-search').fill(myga.cusip);
  await page.getByRole('link', { name: `Edit ${myga.productName} (${myga.cusip})` }).click();
  const panel = page.getByTestId('approvals-panel');
  const rows = panel.locator(`[data-testid="approval-row"][data-state="${state}"]`);
  const current = rows.filter({ hasText: 'Open ended' });
  await expect(current).toHaveCount(1);

  // Withdrawn with today as the last day approved, and a reason.
  await current.getByRole('button', { name: /^Withdraw the/ }).click();
  await current.getByLabel('Last day approved').fill(today);
  await current.getByLabel('Reason (kept in the audit log)').fill('E2E: filing withdrawn');
  await current.getByRole('button', { name: 'Withdraw', exact: true }).click();
  await expect(panel.getByTestId('approvals-status')).toContainText(`the last day approved is ${formatBusinessDate(today)}`);
  await expect(rows.filter({ hasText: formatBusinessDate(today) })).toContainText('Ending');

  // Overlapping the withdrawn period is refused under the field; after it, approved again.
  const add = panel.getByRole('form', { name: 'Add a state approval' });
  await add.getByLabel('State').selectOption(state);
  await add.getByLabel('Approved from').fill(today);
  await add.getByRole('button', { name: 'Add approval' }).click();
  await expect(add.getByLabel('Approved from')).toHaveAccessibleDescription(/overlaps the .* approval/);
  const later = addDays(today, 10);
  await add.getByLabel('Approved from').fill(later);
  await add.getByRole('button', { name: 'Add approval' }).click();
  await expect(rows.filter({ hasText: formatBusinessDate(later) })).toContainText('Scheduled');
  await snapshot(page, testInfo, 'admin-state-approvals');

  // The CSV import: a bad line refuses the sheet, naming its line and column; a line with the start
  // date of the new approval sets its last day.
  await admin.getByRole('link', { name: 'State approvals import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'State approvals import' })).toBeVisible();
  const sheet = page.getByRole('form', { name: 'State approvals sheet' });
  const header = 'cusip,state,approved_from,approved_until';
  await sheet.getByLabel('CSV text').fill(`${header}\n${myga.cusip},${state},${later},\n${myga.cusip},XX,${later},`);
  await sheet.getByRole('button', { name: 'Check' }).click();
  await expect(page.locator('[data-testid="bad-row"][data-line="3"]')).toContainText('state: must be a two-letter USPS code');
  const lastDay = addDays(later, 100);
  await sheet.getByLabel('CSV text').fill(`${header}\n${myga.cusip},${state},${later},${lastDay}`);
  await sheet.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByTestId('approval-sheet-preview')).toContainText(`End date open → ${lastDay}`);
  await sheet.getByRole('button', { name: 'Publish 1 approval change' }).click();
  await expect(page.getByTestId('approval-sheet-published')).toContainText('Published 1 approval change');
});
