// The web host's HTTP server on 127.0.0.1: the built renderer as static files, the desktop
// channels as POST /desktop-api/<channel>, the desktop events as Server-Sent Events.
//
// Who may call: any local program can reach a loopback port, and any web page the developer has
// open can make the browser send requests to it. So every call must prove it comes from the page
// this host served: that page carries a random per-run token (a <meta> in index.html, which other
// origins cannot read), and calls send it in a header. A header other origins could only add
// after a CORS preflight this server never approves; the Origin and Host checks refuse other pages
// and DNS rebinding (a foreign name resolving to 127.0.0.1) even before the token is compared.
// Tokens of the sign-in session never leave Node: the channels' results are checked against the
// contract (src-main/ipc/desktop-call.ts), which has no field for one.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dispatchDesktopCall } from '../../src-main/ipc/desktop-call.js';
import { appHost, appScheme } from '../../src-main/security/app-origin.js';
import { contentTypeFor, resolveRendererAssetPath } from '../../src-main/security/renderer-assets.js';
import type { DesktopServices } from '../../src-main/services/desktop-services.js';
import { forwardDesktopEvents } from '../../src-main/ipc/desktop-events.js';
import { channelOf, desktopEventContract } from '../../src-shared/desktop-api/index.js';
import {
  DESKTOP_CALL_PREFIX,
  DESKTOP_EVENTS_PATH,
  HOST_TOKEN_HEADER,
  HOST_TOKEN_META,
  HOST_TOKEN_QUERY,
  OPEN_EXTERNAL_EVENT,
} from '../../src-renderer/host/web-host-protocol.js';

// An illustration request may carry up to 2,000,000 characters of HTML.
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const KEEPALIVE_MS = 15_000;
const HOST = '127.0.0.1';

export interface HttpHostOptions {
  rendererRoot: string;
  services: DesktopServices;
  onOpenExternal(listener: (url: string) => void): () => void;
  /** 0 picks a free port. */
  port: number;
  /** Extra routes under /host-control/ for the e2e harness; absent in normal use. */
  control?: Readonly<Record<string, () => Promise<unknown>>>;
}

export interface HttpHost {
  url: string;
  close(): Promise<void>;
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = randomBytes(32).toString('base64url');
  const streams = new Set<ServerResponse>();
  let origin = '';

  const broadcast = (event: string, data: unknown): void => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const stream of streams) stream.write(frame);
  };
  const unsubscribe = [
    forwardDesktopEvents(options.services, (event, value) => {
      // The same check main makes before webContents.send; the SSE event is named by the channel.
      const checked = desktopEventContract[event].safeParse(value);
      if (checked.success) broadcast(channelOf(event), checked.data);
      else console.error(`[web-host] ${channelOf(event)} payload outside its contract; not sent`);
    }),
    options.onOpenExternal((url) => broadcast(OPEN_EXTERNAL_EVENT, { url })),
  ];

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[web-host] request failed', error);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'internal error');
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.host !== new URL(origin).host) return send(response, 421, 'text/plain; charset=utf-8', 'wrong Host');
    const url = new URL(request.url ?? '/', origin);

    if (url.pathname === DESKTOP_EVENTS_PATH) {
      if (request.method !== 'GET') return send(response, 405, 'text/plain; charset=utf-8', 'GET only');
      if (!tokenMatches(url.searchParams.get(HOST_TOKEN_QUERY), token)) return send(response, 403, 'text/plain; charset=utf-8', 'forbidden');
      return openEventStream(request, response);
    }
    if (url.pathname.startsWith(DESKTOP_CALL_PREFIX) || url.pathname.startsWith('/host-control/')) {
      if (request.method !== 'POST') return send(response, 405, 'text/plain; charset=utf-8', 'POST only');
      if (request.headers.origin !== origin || !tokenMatches(headerValue(request.headers[HOST_TOKEN_HEADER]), token)) {
        return send(response, 403, 'text/plain; charset=utf-8', 'forbidden');
      }
      if (url.pathname.startsWith('/host-control/')) return control(url.pathname.slice('/host-control/'.length), response);
      return desktopCall(decodeURIComponent(url.pathname.slice(DESKTOP_CALL_PREFIX.length)), request, response);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'GET only');
    return staticFile(url, request, response);
  }

  async function desktopCall(channel: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (body === null) return send(response, 413, 'text/plain; charset=utf-8', 'request too large');
    let args: unknown;
    try {
      args = body.length === 0 ? [] : JSON.parse(body);
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', 'the body is not JSON');
    }
    if (!Array.isArray(args)) return send(response, 400, 'text/plain; charset=utf-8', 'the body must be a JSON array of arguments');
    // The Origin check above stands for Electron's sender check: the caller is this host's page.
    const result = await dispatchDesktopCall(options.services.handlers, channel, { frameUrl: `${origin}/`, isMainFrame: true }, args, origin);
    send(response, 200, 'application/json; charset=utf-8', JSON.stringify(result));
  }

  async function control(name: string, response: ServerResponse): Promise<void> {
    const action = options.control !== undefined && Object.hasOwn(options.control, name) ? options.control[name] : undefined;
    if (action === undefined) return send(response, 404, 'text/plain; charset=utf-8', 'not found');
    send(response, 200, 'application/json; charset=utf-8', JSON.stringify((await action()) ?? null));
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write(': connected\n\n');
    streams.add(response);
    // Comments keep idle proxies and the browser from dropping a quiet stream.
    const keepalive = setInterval(() => response.write(': keepalive\n\n'), KEEPALIVE_MS);
    request.on('close', () => {
      clearInterval(keepalive);
      streams.delete(response);
    });
  }

  async function staticFile(url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const filePath = resolveRendererAssetPath(options.rendererRoot, `${appScheme}://${appHost}${url.pathname}`);
    if (filePath === null) return send(response, 404, 'text/plain; charset=utf-8', 'not found');
    let content: Buffer;
    try {
      content = await readFile(filePath);
    } catch {
      return send(response, 404, 'text/plain; charset=utf-8', 'not found');
    }
    const type = contentTypeFor(filePath);
    const body = type.startsWith('text/html') ? withToken(content.toString('utf8'), token) : content;
    send(response, 200, type, request.method === 'HEAD' ? '' : body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the web host is not listening on a TCP port');
  origin = `http://${HOST}:${address.port}`;

  return {
    url: origin,
    async close() {
      for (const stop of unsubscribe) stop();
      for (const stream of streams) stream.end();
      streams.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function withToken(html: string, token: string): string {
  if (!html.includes('<head>')) throw new Error('index.html has no <head> to carry the web host token');
  return html.replace('<head>', `<head>\n    <meta name="${HOST_TOKEN_META}" content="${token}" />`);
}

function tokenMatches(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function headerValue(value: string | string[] | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // The app's own policy is the <meta> in index.html; frame-ancestors only works as a header,
    // as the app:// scheme sends it in Electron.
    'Content-Security-Policy': "frame-ancestors 'none'",
    'Referrer-Policy': 'no-referrer',
  });
  response.end(body);
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
