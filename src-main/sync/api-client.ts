// The desktop app's HTTP client for the sync API (server/routes/sync.ts). Every answer is validated
// with the wire schemas of src-shared/sync/protocol.ts, and every failure becomes one of the typed
// errors below, so the engine decides by class (retry later, resync, ask for sign-in) and never by
// parsing messages.
import type { z } from 'zod';
import { PullResponse, PushResponse, ChecksumReport, type PushRequestInput } from '../../src-shared/sync/protocol.js';

/** Base class: `kind` says what the engine should do about it. */
export class SyncApiError extends Error {
  constructor(
    readonly kind: 'resync-required' | 'unauthorized' | 'forbidden' | 'unavailable' | 'network' | 'bad-response' | 'refused',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SyncApiError';
  }
}

/** 409 resync-required: a new server epoch, or a cursor ahead of the server (a restore). */
export class ResyncRequiredError extends SyncApiError {
  constructor(message: string) {
    super('resync-required', message);
    this.name = 'ResyncRequiredError';
  }
}

/** 401 even after a fresh token: the sign-in is no longer accepted. */
export class UnauthorizedError extends SyncApiError {
  constructor(message: string) {
    super('unauthorized', message);
    this.name = 'UnauthorizedError';
  }
}

/** 403: signed in, but not allowed to sync (no RateDesk role). */
export class ForbiddenError extends SyncApiError {
  constructor(message: string) {
    super('forbidden', message);
    this.name = 'ForbiddenError';
  }
}

/** 5xx or 429: try again later, not before retryAfterMs when the server said so. */
export class ServerUnavailableError extends SyncApiError {
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super('unavailable', message);
    this.name = 'ServerUnavailableError';
  }
}

/** No answer: connection refused or cut, DNS, timeout. */
export class NetworkError extends SyncApiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('network', message, options);
    this.name = 'NetworkError';
  }
}

/** An answer that does not match the protocol (a proxy's HTML page, an incompatible server). */
export class BadResponseError extends SyncApiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('bad-response', message, options);
    this.name = 'BadResponseError';
  }
}

/** Any other 4xx: the request itself was refused (a client bug); `detail` is the server's reason. */
export class RequestRefusedError extends SyncApiError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super('refused', message);
    this.name = 'RequestRefusedError';
  }
}

export type PullAnswer = { kind: 'page'; page: PullResponse; etag: string | null } | { kind: 'not-modified' };

export interface SyncApi {
  pull(args: { cursor: string | null; limit: number; etag?: string | null }): Promise<PullAnswer>;
  push(body: PushRequestInput): Promise<PushResponse>;
  checksums(): Promise<ChecksumReport>;
}

export interface SyncApiClientOptions {
  /** e.g. https://api.ratedesk.example (no trailing path). */
  baseUrl: string;
  /** AuthSession.getAccessToken: throws NeedsSignInError / OfflineError, which pass through unchanged. */
  getAccessToken(): Promise<string>;
  /** AuthSession.reportRejectedToken: called after a 401 so the next getAccessToken renews. */
  reportRejectedToken(token: string): void;
  /** Per request, headers to end of body; default 60 s (a first page of a big catalog is a few MB). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const PROBLEM_CODE = /\/problems\/([a-z-]+)$/;

interface Problem {
  code: string | null;
  detail: string;
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null) {
      const record = body as Record<string, unknown>;
      const type = typeof record['type'] === 'string' ? record['type'] : '';
      const detail = typeof record['detail'] === 'string' ? record['detail'] : typeof record['title'] === 'string' ? record['title'] : '';
      return { code: PROBLEM_CODE.exec(type)?.[1] ?? null, detail: detail || `HTTP ${response.status}` };
    }
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return { code: null, detail: `HTTP ${response.status}` };
}

/** Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(header: string | null, now: Date = new Date()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^[0-9]+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

export function createSyncApiClient(options: SyncApiClientOptions): SyncApi {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 60_000;
  const doFetch = options.fetch ?? fetch;

  async function send(path: string, init: { method: 'GET' | 'POST'; body?: string; headers?: Record<string, string> }, retried = false): Promise<{ response: Response; json: () => Promise<unknown> }> {
    const token = await options.getAccessToken();
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method: init.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'accept-encoding': 'gzip',
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...init.headers,
        },
        ...(init.body === undefined ? {} : { body: init.body }),
        signal,
      });
    } catch (error) {
      throw new NetworkError(`${init.method} ${path}: the server could not be reached (${describe(error)})`, { cause: error });
    }
    if (response.status === 401) {
      await response.body?.cancel();
      options.reportRejectedToken(token);
      // Once: a token refused right after renewal means the sign-in itself is no longer good.
      if (!retried) return send(path, init, true);
      throw new UnauthorizedError(`${init.method} ${path}: the server refused the sign-in`);
    }
    if (response.status === 304 || response.ok) {
      return {
        response,
        json: async () => {
          // The body arrives after the headers: a cut connection or the timeout surfaces here.
          try {
            return await response.json();
          } catch (error) {
            if (error instanceof SyntaxError) throw new BadResponseError(`${init.method} ${path}: the answer is not JSON`, { cause: error });
            throw new NetworkError(`${init.method} ${path}: the connection broke while reading the answer (${describe(error)})`, { cause: error });
          }
        },
      };
    }
    const problem = await readProblem(response);
    const what = `${init.method} ${path}: ${problem.detail}`;
    if (response.status === 409 && problem.code === 'resync-required') throw new ResyncRequiredError(what);
    if (response.status === 403) throw new ForbiddenError(what);
    if (response.status >= 500 || response.status === 429) {
      throw new ServerUnavailableError(what, response.status, retryAfterMs(response.headers.get('retry-after')));
    }
    throw new RequestRefusedError(what, response.status);
  }

  function validate<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
    const result = schema.safeParse(body);
    if (!result.success) {
      const first = result.error.issues[0];
      throw new BadResponseError(`${what}: unexpected answer (${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid'})`);
    }
    return result.data;
  }

  return {
    async pull({ cursor, limit, etag }) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== null) query.set('cursor', cursor);
      const { response, json } = await send(`/v1/sync/pull?${query.toString()}`, {
        method: 'GET',
        ...(etag ? { headers: { 'if-none-match': etag } } : {}),
      });
      if (response.status === 304) return { kind: 'not-modified' };
      return { kind: 'page', page: validate(PullResponse, await json(), 'pull'), etag: response.headers.get('etag') };
    },
    async push(body) {
      const { json } = await send('/v1/sync/push', { method: 'POST', body: JSON.stringify(body) });
      return validate(PushResponse, await json(), 'push');
    },
    async checksums() {
      const { json } = await send('/v1/sync/checksums', { method: 'GET' });
      return validate(ChecksumReport, await json(), 'checksums');
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
