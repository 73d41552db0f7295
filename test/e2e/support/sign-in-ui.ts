// Signing in and out the way a rep does: the app's own buttons, and the development identity
// provider's page in the tab the app opens.
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { callDesktopApi, snapshot, webHostUrl } from './desktop-api-page.js';

/** The demo users of the development identity provider. */
export const demoUsers = {
  rep: { username: 'rep@ratedesk.test', password: 'rep-password' },
  rep2: { username: 'rep2@ratedesk.test', password: 'rep2-password' },
  admin: { username: 'admin@ratedesk.test', password: 'admin-password' },
  compliance: { username: 'compliance@ratedesk.test', password: 'compliance-password' },
} as const;
export type DemoUser = keyof typeof demoUsers;

/** The host is shared by the run: each test of the spec leaves nobody signed in for whatever runs next. */
export function signOutAfterEach(): void {
  test.afterEach(async ({ page }) => {
    await callDesktopApi(page, 'signOut', { confirmed: true });
  });
}

/** Opens the app signed out (signing a previous test's session out first) and signs `user` (the rep unless told) in with the Sign in button. */
export async function signInThroughApp(page: Page, testInfo: TestInfo, user: DemoUser = 'rep'): Promise<void> {
  await page.goto(`${webHostUrl()}/`);
  const current = JSON.stringify(await callDesktopApi(page, 'authState'));
  if (current.includes('"status":"signed-in"')) {
    await callDesktopApi(page, 'signOut', { confirmed: true });
    await page.reload();
  }
  // The identity provider remembers who signed in last (a session cookie); without this the next
  // user would be signed in as the previous one without seeing the sign-in page.
  await page.context().clearCookies();
  const signInButton = page.getByTestId('sign-in-button');
  await expect(signInButton).toBeVisible();
  const popup = page.waitForEvent('popup');
  await signInButton.click();
  const identityProvider = await popup;
  await expect(identityProvider.locator('#username')).toBeVisible();
  await snapshot(identityProvider, testInfo, user === 'rep' ? 'identity-provider' : `identity-provider-${user}`);
  await identityProvider.locator('#username').fill(demoUsers[user].username);
  await identityProvider.locator('#password').fill(demoUsers[user].password);
  await identityProvider.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sign-out-button')).toBeVisible();
  await identityProvider.close();
}

/**
 * "Sync now" in the status bar when it offers one (it does while the catalog is stale or was never
 * synced; right after a sync it does not), then waits for the catalog to list products.
 */
export async function syncFromStatusBar(page: Page): Promise<void> {
  const syncButton = page.getByTestId('sync-retry');
  const firstRow = page.getByTestId('product-row').first();
  await expect(syncButton.or(firstRow).first()).toBeVisible();
  if (await syncButton.isVisible()) {
    // The sync that signing in or the network coming back started can finish, and take the button
    // away, between the look and the click: then there is nothing left to click.
    try {
      await expect(syncButton).toHaveText(/Sync now|Retry sync/, { timeout: 5_000 });
      await syncButton.click({ timeout: 5_000 });
    } catch (error) {
      if (await syncButton.isVisible()) throw error;
    }
  }
  await expect(firstRow).toBeVisible({ timeout: 30_000 });
}
