// The development web host's HTTP surface over the real desktop services (SQLite cache, settings
// file, sign-in session with no saved tokens): only the page it served may call, with the same
// contract checks as Electron's IPC.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../../../scripts/web-host/http-host.js';
import { openNodeDesktop, type NodeDesktop } from '../../../../scripts/web-host/node-desktop.js';

let dir: string;
let desktop: NodeDesktop;
let host: HttpHost;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ratedesk-web-host-'));
  const rendererRoot = join(dir, 'renderer');
  mkdirSync(rendererRoot);
  writeFileSync(join(rendererRoot, 'index.html'), '<!doctype html><html><head><title>RateDesk</title></head><body></body></html>');
  writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
  desktop = await openNodeDesktop({
    dataDir: join(dir, 'client'),
    appInfo: { name: 'RateDesk', version: '9.9.9' },
    // Nothing listens there: these tests never reach a server or identity provider.
    env: { OKTA_ISSUER: 'http://127.0.0.1:9/oauth2/default', OKTA_CLIENT_ID: 'ratedesk-desktop', RATEDESK_SERVER_URL: 'http://127.0.0.1:9' },
    syncIntervalMs: 0,
  });
  host = await startHttpHost({ rendererRoot, services: desktop.services, onOpenExternal: (listener) => desktop.onOpenExternal(listener), port: 0 });
  const html = await (await fetch(`${host.url}/`)).text();
  token = /name="ratedesk-web-host-token" content="([^"]+)"/.exec(html)?.[1] ?? '';
});

afterAll(async () => {
  await host.close();
  await desktop.close();
  rmSync(dir, { recursive: true, force: true });
});

function call(channel: string, body: unknown, headers: Record<string, string> = { Origin: host.url, 'x-ratedesk-host-token': token }): Promise<Response> {
  return fetch(`${host.url}/desktop-api/${encodeURIComponent(channel)}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

function rawGet(path: string, hostHeader?: string): Promise<number> {
  const url = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, headers: hostHeader === undefined ? {} : { Host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web host', () => {
  it('serves the page with a per-run token and the frame-ancestors policy', async () => {
    const response = await fetch(`${host.url}/`);
    expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(token).toMatch(/^[\w-]{43}$/);
  });

  it('answers the page that carries the token with the contract result', async () => {
    const response = await call('app-info', []);
    expect(await response.json()).toEqual({ ok: true, value: { name: 'RateDesk', version: '9.9.9' } });
    expect(await (await call('auth-state', [])).json()).toEqual({ ok: true, value: { status: 'signed-out' } });
  });

  it('refuses calls without the token, with a wrong one, or from another origin', async () => {
    expect((await call('app-info', [], { Origin: host.url })).status).toBe(403);
    expect((await call('app-info', [], { Origin: host.url, 'x-ratedesk-host-token': `${token.slice(1)}x` })).status).toBe(403);
    expect((await call('app-info', [], { Origin: 'http://127.0.0.1:1', 'x-ratedesk-host-token': token })).status).toBe(403);
    expect((await fetch(`${host.url}/desktop-api/events`)).status).toBe(403);
  });

  it('refuses a foreign Host name (DNS rebinding)', async () => {
    expect(await rawGet('/', 'attacker.example')).toBe(421);
  });

  it('names the field and the reason for bad arguments, and refuses unknown channels', async () => {
    const bad = await (await call('catalog-search', [{ text: 42 }])).json();
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('text') } });
    const unknown = await (await call('shell-exec', [])).json();
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('does not offer that') } });
    expect((await call('app-info', { not: 'an array' })).status).toBe(400);
  });

  it('serves nothing outside the renderer folder', async () => {
    expect(await rawGet('/%2e%2e/secret.txt')).toBe(404);
    expect(await rawGet('/..%2fsecret.txt')).toBe(404);
  });

  it('has no test controls unless the harness asks for them', async () => {
    const response = await fetch(`${host.url}/host-control/network-down`, { method: 'POST', headers: { Origin: host.url, 'x-ratedesk-host-token': token } });
    expect(response.status).toBe(404);
  });
});
