// The sync HTTP client against a real local HTTP server that answers like the API does when
// things go wrong: each failure becomes the typed error the engine decides on.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineError } from '../../../../src-main/auth/auth-errors.js';
import {
  BadResponseError,
  ForbiddenError,
  RequestRefusedError,
  ResyncRequiredError,
  ServerUnavailableError,
  createSyncApiClient,
  retryAfterMs,
} from '../../../../src-main/sync/api-client.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
let handler: Handler = (_request, response) => response.end();
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  server = createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function problem(status: number, code: string, detail: string, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
    response.end(JSON.stringify({ type: `https://ratedesk.example/problems/${code}`, title: code, status, detail }));
  };
}

function client(timeoutMs = 5_000) {
  return createSyncApiClient({ baseUrl, getAccessToken: async () => 'token-1', reportRejectedToken: () => undefined, timeoutMs });
}

describe('sync API client', () => {
  it('maps 409 resync-required, 403, 429/503 with Retry-After and other 4xx to typed errors', async () => {
    handler = problem(409, 'resync-required', 'The server was restored; download again.');
    await expect(client().pull({ cursor: null, limit: 10 })).rejects.toBeInstanceOf(ResyncRequiredError);

    handler = problem(403, 'forbidden', 'No RateDesk role.');
    await expect(client().checksums()).rejects.toBeInstanceOf(ForbiddenError);

    handler = problem(503, 'service-unavailable', 'Database unavailable.', { 'retry-after': '7' });
    const unavailable = await client().pull({ cursor: null, limit: 10 }).catch((error: unknown) => error);
    expect(unavailable).toBeInstanceOf(ServerUnavailableError);
    expect(unavailable).toMatchObject({ status: 503, retryAfterMs: 7_000 });
    expect((unavailable as Error).message).toContain('Database unavailable.');

    handler = problem(429, 'rate-limited', 'Slow down.');
    await expect(client().pull({ cursor: null, limit: 10 })).rejects.toMatchObject({ status: 429, retryAfterMs: undefined });

    handler = problem(400, 'validation-failed', 'query.cursor: is not a cursor returned by this server');
    const refused = await client().pull({ cursor: 'nonsense', limit: 10 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RequestRefusedError);
    expect((refused as Error).message).toContain('query.cursor');
  });

  it('sends the token, cursor, limit and ETag, and reads 304 as not modified', async () => {
    const seen: IncomingMessage[] = [];
    handler = (request, response) => {
      seen.push(request);
      response.writeHead(304).end();
    };
    expect(await client().pull({ cursor: 'v1.x.1', limit: 50, etag: '"abc"' })).toEqual({ kind: 'not-modified' });
    expect(seen[0]?.url).toBe('/v1/sync/pull?limit=50&cursor=v1.x.1');
    expect(seen[0]?.headers).toMatchObject({ authorization: 'Bearer token-1', 'if-none-match': '"abc"' });
  });

  it('refuses an answer that does not match the protocol, naming the field', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ results: [], writeCheckpoint: 42 }));
    };
    const error = await client().push({ comparisons: [] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadResponseError);
    expect((error as Error).message).toContain('writeCheckpoint');

    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>captive portal</html>');
    };
    await expect(client().checksums()).rejects.toBeInstanceOf(BadResponseError);
  });

  it('turns a refused connection and a server that never answers into OfflineError', async () => {
    await expect(
      createSyncApiClient({ baseUrl: 'http://127.0.0.1:9', getAccessToken: async () => 't', reportRejectedToken: () => undefined }).checksums(),
    ).rejects.toBeInstanceOf(OfflineError);
    handler = () => undefined;
    await expect(client(200).checksums()).rejects.toBeInstanceOf(OfflineError);
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    const now = new Date('2026-11-24T12:00:00.000Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Tue, 24 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
