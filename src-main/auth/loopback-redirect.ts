// The redirect half of a native app's sign-in (RFC 8252 7.3): a one-shot HTTP listener on the
// loopback interface, on a port the OS picks, that receives the browser's redirect with the
// authorization code. Only 127.0.0.1 is bound (RFC 8252 8.3: not "localhost", which may resolve
// elsewhere, and never all interfaces); the first callback ends it, right or wrong.
import { createServer, type ServerResponse } from 'node:http';
import { SignInError } from './auth-errors.js';

export interface LoopbackRedirectOptions {
  host?: '127.0.0.1';
  path?: string;
  /** How long the rep has to finish signing in in the browser. */
  timeoutMs?: number;
}

export interface AuthorizationResponse {
  code: string;
}

export interface ExpectedResponse {
  state: string;
  /** RFC 9207: when the provider names itself (`iss`), it must be the issuer we asked. */
  issuer?: string;
}

export interface LoopbackRedirect {
  /** http://127.0.0.1:<port>/callback: goes into the authorize request and the code exchange. */
  readonly redirectUri: string;
  /** Resolves with the code of the first callback, or rejects with a SignInError. */
  waitForCode(expected: ExpectedResponse): Promise<AuthorizationResponse>;
  close(): Promise<void>;
}

export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;

interface Callback {
  params: URLSearchParams;
  res: ServerResponse;
}

export async function listenForRedirect(options: LoopbackRedirectOptions = {}): Promise<LoopbackRedirect> {
  const host = options.host ?? '127.0.0.1';
  const path = options.path ?? '/callback';
  const timeoutMs = options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS;

  let callback: Callback | undefined;
  let expected: ExpectedResponse | undefined;
  let settle: ((outcome: { code: string } | { error: SignInError }) => void) | undefined;
  let finished = false;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (req.method !== 'GET' || url.pathname !== path || finished || callback) {
      // Browsers also ask for /favicon.ico; nothing else here is for them.
      answer(res, 404, 'Not found', 'This address is only used while signing in to RateDesk.');
      return;
    }
    callback = { params: url.searchParams, res };
    // The browser can come back before the caller starts waiting; then it waits for us.
    if (expected) handle();
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    server.close();
    throw new Error('the sign-in listener has no TCP port');
  }
  const redirectUri = `http://${host}:${address.port}${path}`;

  const timer = setTimeout(() => {
    settle?.({ error: new SignInError('timed-out', `sign-in was not completed in the browser within ${Math.round(timeoutMs / 1000)} seconds`) });
  }, timeoutMs);
  timer.unref();

  const outcome = new Promise<AuthorizationResponse>((resolve, reject) => {
    settle = (result) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      void shutdown();
      if ('code' in result) resolve({ code: result.code });
      else reject(result.error);
    };
  });
  // The caller may never wait (it failed before opening the browser); do not crash on that.
  outcome.catch(() => undefined);
  function handle(): void {
    if (!callback || !expected) return;
    const { params, res } = callback;
    const result = readAuthorizationResponse(params, expected);
    if ('code' in result) {
      answer(res, 200, 'Signed in', 'You can close this tab and return to RateDesk.');
    } else {
      answer(res, 400, 'Sign-in did not complete', `${result.error.message}. Return to RateDesk to try again.`);
    }
    settle?.(result);
  }

  function shutdown(): Promise<void> {
    return new Promise((resolve) => {
      server.close(() => resolve());
      // Let the answer reach the browser first; then drop idle keep-alive sockets.
      server.closeIdleConnections();
    });
  }

  return {
    redirectUri,
    waitForCode(expectation) {
      expected = expectation;
      handle();
      return outcome;
    },
    async close() {
      settle?.({ error: new SignInError('cancelled', 'sign-in was cancelled') });
      await shutdown();
    },
  };
}

function readAuthorizationResponse(params: URLSearchParams, expected: ExpectedResponse): { code: string } | { error: SignInError } {
  // state first: an answer that is not for our request must not even be read as an error report.
  if (params.get('state') !== expected.state) {
    return { error: new SignInError('mismatch', 'the sign-in response does not belong to this sign-in attempt (state mismatch)') };
  }
  const iss = params.get('iss');
  if (iss !== null && expected.issuer !== undefined && trimSlash(iss) !== trimSlash(expected.issuer)) {
    return { error: new SignInError('mismatch', `the sign-in response came from ${iss}, not from ${expected.issuer}`) };
  }
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description');
    return { error: new SignInError('denied', `the identity provider refused the sign-in: ${error}${description ? ` (${description})` : ''}`) };
  }
  const code = params.get('code');
  if (!code) return { error: new SignInError('mismatch', 'the sign-in response has no authorization code') };
  return { code };
}

function answer(res: ServerResponse, status: number, title: string, message: string): void {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>RateDesk: ${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#1f2430}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    // The page shows text only: no scripts, no loads, no framing, no referrer carrying the code.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  res.end(html);
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

function trimSlash(value: string): string {
  return value.replace(/\/+$/, '');
}
