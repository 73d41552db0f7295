// The "system browser" of the desktop sign-in tests: does what a browser does with the authorize URL
// the app hands to shell.openExternal (GET it, fill in the development IdP's sign-in form, follow
// redirects) and finally requests the app's loopback redirect URI with real HTTP.
import { CookieJar } from '../../server/dev-idp/cookie-jar.js';

export interface BrowserVisit {
  finalUrl: string;
  status: number;
  text: string;
}

/** Follows the sign-in from the authorize URL to the app's redirect URI; answers the last page seen. */
export async function browse(authorizeUrl: string, credentials: { username: string; password: string }): Promise<BrowserVisit> {
  const jar = new CookieJar();
  const idpHost = new URL(authorizeUrl).host;
  let url = new URL(authorizeUrl);
  let init: RequestInit = { method: 'GET' };
  let submitted = false;
  for (let hop = 0; hop < 15; hop += 1) {
    const headers = new Headers(init.headers);
    const cookie = url.host === idpHost ? jar.headerFor(url.pathname) : undefined;
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    if (url.host === idpHost) jar.storeFrom(response, url.pathname);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      init = { method: 'GET' };
      continue;
    }
    const text = await response.text();
    const action = /<form\b[^>]*\baction="([^"]+)"[^>]*>[\s\S]*?type="password"/i.exec(text)?.[1];
    if (action && !submitted) {
      submitted = true;
      url = new URL(action.replaceAll('&amp;', '&'), url);
      init = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(credentials).toString(),
      };
      continue;
    }
    return { finalUrl: url.toString(), status: response.status, text };
  }
  throw new Error('the sign-in took more than 15 hops');
}
