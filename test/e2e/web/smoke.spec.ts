// RateDesk in a browser through the development web host: the same services as the desktop app,
// reached over HTTP. A rep loads the app, signs in at the development identity provider, syncs
// and gets the catalog.
import { expect, test } from '@playwright/test';
import { z } from 'zod';
import { Product } from '../../../src-shared/catalog.js';
import { desktopApiFunctionNames, desktopResultSchema } from '../../../src-shared/desktop-api/index.js';
import { callDesktopApi, exposedFunctionNames, nextAuthStatus, pageToken, signInAsRep, snapshot, webHostUrl } from '../support/desktop-api-page.js';

const ProductList = desktopResultSchema(z.array(Product));

test('a rep opens RateDesk in the browser, signs in, syncs and has the catalog', async ({ page }, testInfo) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // A Content-Security-Policy violation shows up only here; failed requests are checked below.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
  });
  page.on('response', (response) => {
    // Browsers ask for /favicon.ico on their own; the app has none (Electron never asks).
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') pageErrors.push(`${response.status()} ${response.url()}`);
  });

  await page.goto(`${webHostUrl()}/`);
  await expect(page).toHaveTitle('RateDesk');
  await expect(page.locator('#root')).not.toBeEmpty();
  await snapshot(page, testInfo, '01-app-signed-out');

  // The page sees exactly the desktop API, as in the Electron window.
  expect(await exposedFunctionNames(page)).toEqual([...desktopApiFunctionNames].sort());
  expect(await callDesktopApi(page, 'appInfo')).toEqual({ ok: true, value: { name: 'RateDesk', version: expect.stringMatching(/^\d+\.\d+\.\d+/) } });
  // Signed out (the shared web host may remember who signed in last: its name only, never a token).
  expect(await callDesktopApi(page, 'authState')).toMatchObject({ ok: true, value: { status: 'signed-out' } });

  // Signing in opens the identity provider's page in a tab of its own, as Electron opens the
  // system browser; the host's loopback listener receives the redirect.
  const pushed = nextAuthStatus(page, 'signed-in');
  const signedIn = await signInAsRep(page, testInfo);
  expect(signedIn).toMatchObject({ ok: true, value: { failure: null, state: { status: 'signed-in', user: { email: 'rep@ratedesk.test' } } } });
  expect(await pushed).toBe('signed-in');
  // The session's tokens stay in the host: nothing JWT-shaped reaches the page.
  expect(JSON.stringify(signedIn)).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
  expect(await callDesktopApi(page, 'authState')).toMatchObject({ ok: true, value: { status: 'signed-in', offline: false } });

  expect(await callDesktopApi(page, 'syncNow')).toMatchObject({ ok: true, value: { state: 'idle', pendingUploads: 0 } });
  expect(await callDesktopApi(page, 'syncStatus')).toMatchObject({ ok: true, value: { lastSuccessfulSyncAt: expect.any(String), stale: false } });

  const products = ProductList.parse(await callDesktopApi(page, 'catalogList', { limit: 1000 }));
  if (!products.ok) throw new Error(products.error.message);
  expect(products.value.length).toBeGreaterThan(0);

  // The catalog screen lists what was synced, best rate first.
  await page.reload();
  const top = products.value[0];
  if (top === undefined) throw new Error('the catalog is empty');
  await expect(page.getByText(top.productName, { exact: true }).first()).toBeVisible();
  await snapshot(page, testInfo, '02-catalog-after-sync');

  expect(pageErrors).toEqual([]);
});

test('other pages cannot call the host: calls without the page token are refused', async ({ request }) => {
  const url = webHostUrl();
  const noToken = await request.post(`${url}/desktop-api/auth-state`, { headers: { Origin: url }, data: [] });
  expect(noToken.status()).toBe(403);
  const wrongToken = await request.post(`${url}/desktop-api/auth-state`, { headers: { Origin: url, 'x-ratedesk-host-token': 'guess' }, data: [] });
  expect(wrongToken.status()).toBe(403);
  expect((await request.get(`${url}/desktop-api/events`)).status()).toBe(403);

  const token = await pageToken(request);
  const foreignOrigin = await request.post(`${url}/desktop-api/auth-state`, { headers: { Origin: 'http://127.0.0.1:1', 'x-ratedesk-host-token': token }, data: [] });
  expect(foreignOrigin.status()).toBe(403);
  // A foreign name that resolves here (DNS rebinding) is refused by its Host header.
  const rebound = await request.post(`${url}/desktop-api/auth-state`, { headers: { Host: 'attacker.example', Origin: url, 'x-ratedesk-host-token': token }, data: [] });
  expect(rebound.status()).toBe(421);
  const own = await request.post(`${url}/desktop-api/auth-state`, { headers: { Origin: url, 'x-ratedesk-host-token': token }, data: [] });
  expect(own.status()).toBe(200);
  expect(await own.json()).toMatchObject({ ok: true });
});
