// The loopback listener that receives the sign-in redirect, over real HTTP on 127.0.0.1: it
// hands over the code only for our state, shows the browser a plain answer, and gives up on time.
import { describe, expect, it } from 'vitest';
import { SignInError } from '../../../../src-main/auth/auth-errors.js';
import { listenForRedirect } from '../../../../src-main/auth/loopback-redirect.js';
import { rejectionOf } from '../../../support/rejection.js';

const ISSUER = 'https://acme.okta.com/oauth2/default';

async function visit(url: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

const failureOf = (promise: Promise<unknown>): Promise<SignInError> => rejectionOf(promise, SignInError);

describe('loopback redirect listener', () => {
  it('listens on 127.0.0.1 on a port of its own and returns the code for our state', async () => {
    const listener = await listenForRedirect();
    expect(listener.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const code = listener.waitForCode({ state: 'our-state', issuer: ISSUER });
    const page = await visit(`${listener.redirectUri}?code=the-code&state=our-state&iss=${encodeURIComponent(ISSUER)}`);
    expect(await code).toEqual({ code: 'the-code' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('You can close this tab and return to RateDesk.');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('holds a redirect that arrives before anyone waits, and answers once the state is known', async () => {
    const listener = await listenForRedirect();
    const page = visit(`${listener.redirectUri}?code=early&state=s1`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await listener.waitForCode({ state: 's1' })).toEqual({ code: 'early' });
    expect((await page).status).toBe(200);
  });

  it('refuses a redirect with another state and tells the browser why', async () => {
    const listener = await listenForRedirect();
    const code = listener.waitForCode({ state: 'our-state' });
    const page = await visit(`${listener.redirectUri}?code=stolen&state=their-state`);
    const error = await failureOf(code);
    expect(error.code).toBe('mismatch');
    expect(error.message).toContain('state mismatch');
    expect(page.status).toBe(400);
    expect(page.text).toContain('state mismatch');
  });

  it('refuses a response from another issuer (mix-up defence)', async () => {
    const listener = await listenForRedirect();
    const code = listener.waitForCode({ state: 's', issuer: ISSUER });
    await visit(`${listener.redirectUri}?code=c&state=s&iss=${encodeURIComponent('https://evil.example/oauth2/default')}`);
    const error = await failureOf(code);
    expect(error).toMatchObject({ code: 'mismatch' });
    expect(error.message).toContain('https://evil.example/oauth2/default');
  });

  it('reports error=access_denied with the provider description, escaped in the page', async () => {
    const listener = await listenForRedirect();
    const code = listener.waitForCode({ state: 's' });
    const page = await visit(`${listener.redirectUri}?error=access_denied&error_description=${encodeURIComponent('<b>Not assigned</b>')}&state=s`);
    const error = await failureOf(code);
    expect(error.code).toBe('denied');
    expect(error.message).toBe('the identity provider refused the sign-in: access_denied (<b>Not assigned</b>)');
    expect(page.status).toBe(400);
    expect(page.text).toContain('&lt;b&gt;Not assigned&lt;/b&gt;');
    expect(page.text).not.toContain('<b>Not assigned');
  });

  it('answers only its callback path, and only once', async () => {
    const listener = await listenForRedirect();
    const code = listener.waitForCode({ state: 's' });
    expect((await visit(listener.redirectUri.replace('/callback', '/favicon.ico'))).status).toBe(404);
    await visit(`${listener.redirectUri}?code=c&state=s`);
    await code;
    // Closed after the first answer: a second redirect finds nobody listening.
    await expect(fetch(`${listener.redirectUri}?code=again&state=s`)).rejects.toThrow();
  });

  it('gives up when the sign-in is not finished in time', async () => {
    const listener = await listenForRedirect({ timeoutMs: 100 });
    const error = await failureOf(listener.waitForCode({ state: 's' }));
    expect(error.code).toBe('timed-out');
    await expect(fetch(`${listener.redirectUri}?code=late&state=s`)).rejects.toThrow();
  });

  it('can be cancelled', async () => {
    const listener = await listenForRedirect();
    const code = listener.waitForCode({ state: 's' });
    await listener.close();
    expect((await failureOf(code)).code).toBe('cancelled');
  });
});
