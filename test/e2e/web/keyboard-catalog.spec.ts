// A rep who works from the keyboard alone: Tab to the catalog search, type, Tab to a product and
// open it with Enter; focus lands on the product's heading so a screen reader announces it.
import { expect, test } from '@playwright/test';
import { tabUntilFocused } from '../support/keyboard-focus.js';
import { signInThroughApp, signOutAfterEach, syncFromStatusBar } from '../support/sign-in-ui.js';

signOutAfterEach();

test('keyboard only: Tab to the search, type, Tab to a product and press Enter to open it', async ({ page }, testInfo) => {
  await signInThroughApp(page, testInfo);
  await syncFromStatusBar(page);
  // Start from the top of the page, as a rep who has just opened the app.
  await page.reload();
  const rows = page.getByTestId('product-row');
  await expect(rows.first()).toBeVisible();
  // The app syncs when it opens; count once that refresh has settled.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const rowsBefore = await rows.count();
  const firstName = (await rows.first().getByRole('link').textContent()) ?? '';
  const word = firstName.split(/\s+/).find((part) => /^[A-Za-z]{4,}$/.test(part));
  if (word === undefined) throw new Error(`no searchable word in "${firstName}"`);

  const search = page.getByTestId('catalog-search');
  await tabUntilFocused(page, search);
  await page.keyboard.type(word);
  await expect(search).toHaveValue(word);
  await expect.poll(() => rows.count()).toBeLessThan(rowsBefore);
  await expect(rows.first()).toContainText(word);

  const firstRowLink = rows.first().getByRole('link');
  const productName = (await firstRowLink.textContent()) ?? '';
  await tabUntilFocused(page, firstRowLink);
  await expect(firstRowLink).toBeFocused();
  await page.keyboard.press('Enter');

  const heading = page.getByRole('heading', { level: 1, name: productName, exact: true });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(page.getByTestId('product-terms')).toBeVisible();
});
