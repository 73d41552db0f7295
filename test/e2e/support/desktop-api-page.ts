// Calls window.ratedesk inside a page served by the web host, from tests that compile without DOM
// types: the page side reaches the API through Reflect, and callers check what comes back.
import { expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import type { desktopApiFunctionNames } from '../../../src-shared/desktop-api/index.js';

export type DesktopFunctionName = (typeof desktopApiFunctionNames)[number];

export function webHostUrl(): string {
  const url = process.env.RATEDESK_WEB_URL;
  if (url === undefined) throw new Error('RATEDESK_WEB_URL is not set: run through playwright.config.ts (its globalSetup starts the web host).');
  return url;
}

/** Where the host saves exported illustration PDFs (web-global-setup.ts, or a spec's own host). */
export function webHostDownloadsDir(): string {
  const dir = process.env.RATEDESK_WEB_DOWNLOADS_DIR;
  if (dir === undefined) throw new Error('RATEDESK_WEB_DOWNLOADS_DIR is not set: run through playwright.config.ts');
  return dir;
}

/** The value of a desktop API result already parsed with desktopResultSchema; a refusal fails the test with its message. */
export function valueOf<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export function callDesktopApi(page: Page, name: DesktopFunctionName, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    ({ name: fnName, args: fnArgs }) => {
      const api: unknown = Reflect.get(globalThis, 'ratedesk');
      const fn: unknown = typeof api === 'object' && api !== null ? Reflect.get(api, fnName) : undefined;
      if (typeof fn !== 'function') throw new Error(`window.ratedesk.${fnName} is missing`);
      return Reflect.apply(fn, api, fnArgs);
    },
    { name, args },
  );
}

/** The names window.ratedesk exposes in the page, sorted; null when it is missing. */
export function exposedFunctionNames(page: Page): Promise<string[] | null> {
  return page.evaluate(() => {
    const api: unknown = Reflect.get(globalThis, 'ratedesk');
    return typeof api === 'object' && api !== null ? Object.keys(api).sort() : null;
  });
}

/** Resolves with the first auth state the host pushes whose status is `status`. */
export function nextAuthStatus(page: Page, status: string): Promise<string> {
  return page.evaluate(
    (wanted) =>
      new Promise<string>((resolve) => {
        const api: unknown = Reflect.get(globalThis, 'ratedesk');
        const subscribe: unknown = typeof api === 'object' && api !== null ? Reflect.get(api, 'onAuthState') : undefined;
        if (typeof subscribe !== 'function') throw new Error('window.ratedesk.onAuthState is missing');
        const stop: unknown = Reflect.apply(subscribe, api, [
          (state: unknown) => {
            const seen: unknown = typeof state === 'object' && state !== null ? Reflect.get(state, 'status') : undefined;
            if (seen !== wanted) return;
            if (typeof stop === 'function') stop();
            resolve(wanted);
          },
        ]);
      }),
    status,
  );
}

/** The per-run token the host wrote into index.html (what its own page sends with every call). */
export async function pageToken(request: APIRequestContext): Promise<string> {
  const html = await (await request.get(`${webHostUrl()}/`)).text();
  const token = /name="ratedesk-web-host-token" content="([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error('index.html carries no web host token');
  return token;
}

/** POST /host-control/<name> as the host's own page would. */
export async function hostControl(request: APIRequestContext, name: 'network-down' | 'network-up'): Promise<number> {
  const url = webHostUrl();
  const response = await request.post(`${url}/host-control/${name}`, { headers: { Origin: url, 'x-ratedesk-host-token': await pageToken(request) } });
  return response.status();
}

export async function snapshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

/** Signs the rep in through the development identity provider's page, unless already signed in. */
export async function signInAsRep(page: Page, testInfo: TestInfo): Promise<unknown> {
  const current = await callDesktopApi(page, 'authState');
  if (typeof current === 'object' && current !== null && JSON.stringify(current).includes('"status":"signed-in"')) return current;
  const popup = page.waitForEvent('popup');
  const signIn = callDesktopApi(page, 'signIn');
  const signInPage = await popup;
  await expect(signInPage.locator('#username')).toBeVisible();
  await snapshot(signInPage, testInfo, 'identity-provider-sign-in');
  await signInPage.locator('#username').fill('rep@ratedesk.test');
  await signInPage.locator('#password').fill('rep-password');
  await signInPage.getByRole('button', { name: 'Sign in' }).click();
  return signIn;
}
