// The desktop's sign-out asks the server to end the session of its token (POST
// /v1/session/sign-out), against a local HTTP server: the right request, and never a long wait or
// an error that would hold the sign-out up.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { endServerSession } from '../../../../src-main/auth/end-server-session.js';

let server: Server | undefined;

async function serve(handler: (request: IncomingMessage, respond: (status: number) => void) => void): Promise<string> {
  server = createServer((request, response) => handler(request, (status) => response.writeHead(status, { 'content-type': 'application/json' }).end('{}')));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('endServerSession', () => {
  it('posts to the sign-out route with the bearer token and the installation headers', async () => {
    const seen: { method?: string; url?: string; headers?: IncomingMessage['headers'] } = {};
    const baseUrl = await serve((request, respond) => {
      Object.assign(seen, { method: request.method, url: request.url, headers: request.headers });
      respond(200);
    });
    const ended = await endServerSession({ baseUrl, accessToken: 'token-1', installation: { deviceId: 'd-1', appVersion: '1.2.3' }, userAgent: 'RateDesk/1.2.3' });
    expect(ended).toBe(true);
    expect(seen).toMatchObject({ method: 'POST', url: '/v1/session/sign-out' });
    expect(seen.headers).toMatchObject({ authorization: 'Bearer token-1', 'x-ratedesk-device': 'd-1', 'user-agent': 'RateDesk/1.2.3' });
  });

  it('answers false, without throwing, for a refusal, a server that hangs, or no server at all', async () => {
    const refusing = await serve((_request, respond) => respond(401));
    expect(await endServerSession({ baseUrl: refusing, accessToken: 't' })).toBe(false);
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));

    const hanging = await serve(() => undefined);
    const started = Date.now();
    expect(await endServerSession({ baseUrl: hanging, accessToken: 't', timeoutMs: 200 })).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);

    expect(await endServerSession({ baseUrl: 'http://127.0.0.1:9', accessToken: 't' })).toBe(false);
  });
});
