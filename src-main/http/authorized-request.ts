// One request to the RateDesk server with the signed-in session's access token: the bearer
// header, a timeout, one retry with a renewed token after a 401, and every failure turned into
// one of the typed errors of server-errors.ts (no answer: OfflineError; the sign-in refused:
// NeedsSignInError). The sync client and the admin client both send
// through this, so they treat tokens and failures the same way. Tokens never leave main.
import type { z } from 'zod';
import { NeedsSignInError, NeedsSignInReason, OfflineError, OfflineReason } from '../auth/auth-errors.js';
import { ClientHeader, PROTOCOL_VERSION } from '../../src-shared/sync/client-report.js';
import {
  accessRevokedOf,
  BadResponseError,
  ForbiddenError,
  minimumProtocolOf,
  RequestRefusedError,
  ServerUnavailableError,
  UpdateRequiredError,
  type ServerProblem,
  type ServerProblemIssue,
} from './server-errors.js';

export interface AuthorizedRequestOptions {
  /** e.g. https://api.ratedesk.example (no trailing path). */
  baseUrl: string;
  /** AuthSession.getAccessToken: throws NeedsSignInError / OfflineError, which pass through unchanged. */
  getAccessToken(): Promise<string>;
  /** AuthSession.reportRejectedToken: called after a 401 so the next getAccessToken renews. */
  reportRejectedToken(token: string): void;
  /** Per request, headers to end of body; default 60 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Sent as User-Agent ("RateDesk/1.2.0"), which the server keeps in its audit rows. */
  userAgent?: string;
  /** This installation (src-main/settings/installation.ts), stated on every request (issue 14). */
  installation?: Installation;
  /** Sees every answer (any status) as it arrives: the clock check reads the server's time from it. */
  observeResponse?(response: Response, timing: ResponseTiming): void;
}

/** How long the answer's headers took to arrive (a monotonic measure: unaffected by the laptop's clock). */
export interface ResponseTiming {
  roundTripMs: number;
}

export interface Installation {
  deviceId: string;
  appVersion: string;
}

/** The headers every request carries: the protocol always, the device and version when known. */
export function installationHeaders(installation: Installation | undefined): Record<string, string> {
  return {
    [ClientHeader.protocol]: String(PROTOCOL_VERSION),
    ...(installation === undefined ? {} : { [ClientHeader.deviceId]: installation.deviceId, [ClientHeader.appVersion]: installation.appVersion }),
  };
}

export type RequestMethod = 'GET' | 'POST' | 'PATCH' | 'PUT';

export interface AuthorizedRequestInit {
  method: RequestMethod;
  body?: string;
  /** Default application/json when there is a body. */
  contentType?: string;
  headers?: Record<string, string>;
}

export interface AuthorizedAnswer {
  /** A 2xx or 304 answer; everything else was thrown as a typed error. */
  response: Response;
  /** The body as JSON; a cut connection or the timeout surfaces here as OfflineError. */
  json(): Promise<unknown>;
}

export type AuthorizedRequest = (path: string, init: AuthorizedRequestInit) => Promise<AuthorizedAnswer>;

const PROBLEM_CODE = /\/problems\/([a-z-]+)$/;
const PROBLEM_MEMBERS: ReadonlySet<string> = new Set(['type', 'title', 'status', 'detail', 'instance', 'issues']);

export async function readProblem(response: Response): Promise<ServerProblem> {
  const fallback: ServerProblem = { status: response.status, code: null, detail: `HTTP ${response.status}`, issues: [], extensions: {} };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
    return fallback;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fallback;
  const record: Record<string, unknown> = { ...body };
  const type = typeof record['type'] === 'string' ? record['type'] : '';
  const detail = typeof record['detail'] === 'string' ? record['detail'] : typeof record['title'] === 'string' ? record['title'] : '';
  const extensions = Object.fromEntries(Object.entries(record).filter(([key]) => !PROBLEM_MEMBERS.has(key)));
  return {
    status: response.status,
    code: PROBLEM_CODE.exec(type)?.[1] ?? null,
    detail: detail || fallback.detail,
    issues: problemIssues(record['issues']),
    extensions,
  };
}

function problemIssues(value: unknown): ServerProblemIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const path: unknown = 'path' in item ? item.path : undefined;
    const message: unknown = 'message' in item ? item.message : undefined;
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

/** Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(header: string | null, now: Date = new Date()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^[0-9]+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

export function createAuthorizedRequest(options: AuthorizedRequestOptions): AuthorizedRequest {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 60_000;
  const doFetch = options.fetch ?? fetch;

  async function send(path: string, init: AuthorizedRequestInit, retried = false): Promise<AuthorizedAnswer> {
    const token = await options.getAccessToken();
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    const sentAt = performance.now();
    try {
      response = await doFetch(`${base}${path}`, {
        method: init.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'accept-encoding': 'gzip',
          ...(options.userAgent === undefined ? {} : { 'user-agent': options.userAgent }),
          ...installationHeaders(options.installation),
          ...(init.body === undefined ? {} : { 'content-type': init.contentType ?? 'application/json' }),
          ...init.headers,
        },
        ...(init.body === undefined ? {} : { body: init.body }),
        signal,
      });
    } catch (error) {
      throw new OfflineError(OfflineReason.unreachable, `${init.method} ${path}: the server could not be reached (${describe(error)})`, { cause: error });
    }
    options.observeResponse?.(response, { roundTripMs: performance.now() - sentAt });
    if (response.status === 401) {
      await response.body?.cancel();
      options.reportRejectedToken(token);
      // Once: a token refused right after renewal means the sign-in itself is no longer good.
      if (!retried) return send(path, init, true);
      throw new NeedsSignInError(NeedsSignInReason.tokenRefused, `${init.method} ${path}: the server refused the sign-in`);
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
            throw new OfflineError(OfflineReason.unreachable, `${init.method} ${path}: the connection broke while reading the answer (${describe(error)})`, {
              cause: error,
            });
          }
        },
      };
    }
    const problem = await readProblem(response);
    const what = `${init.method} ${path}: ${problem.detail}`;
    // Any 426 means this build is too old; the problem names the minimum when the server says it.
    if (response.status === 426) throw new UpdateRequiredError(what, minimumProtocolOf(problem));
    if (response.status === 403) throw accessRevokedOf(what, problem) ?? new ForbiddenError(what);
    if (response.status >= 500 || response.status === 429) {
      throw new ServerUnavailableError(what, response.status, retryAfterMs(response.headers.get('retry-after')));
    }
    throw new RequestRefusedError(what, response.status, problem);
  }

  return (path, init) => send(path, init);
}

/** The answer checked against its wire schema; a mismatch is a BadResponseError naming the first bad field. */
export function validateAnswer<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new BadResponseError(`${what}: unexpected answer (${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid'})`);
  }
  return result.data;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
