// Structured request logs (pino, one JSON line per request) that never contain a secret: no
// headers at all (Authorization and cookies live there), no bodies, no query strings (a client
// that wrongly sends a token as ?access_token= must not have it logged). Each line carries the
// server's request id, which the client also gets back as x-request-id and a 500 quotes, so a
// report can be matched to its log line; the caller's own x-request-id rides along apart.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { LogLevel } from '../config.js';

export interface RequestLogOptions {
  level: LogLevel;
  /** Where lines go (default stdout); tests pass a stream to read them. */
  stream?: { write(line: string): void };
}

/** A caller-supplied request id is kept only when it is short and plain (it is logged and audited). */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function pathOnly(url: string): string {
  const question = url.indexOf('?');
  return question === -1 ? url : url.slice(0, question);
}

export function loggerOptions(options: RequestLogOptions | false): FastifyServerOptions['logger'] {
  if (options === false) return false;
  return {
    level: options.level,
    ...(options.stream ? { stream: options.stream } : {}),
    // Belt and braces: should anything ever log a request or headers, these paths are masked.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie', '*.authorization', 'token', 'accessToken'],
      censor: '[redacted]',
    },
    serializers: {
      req: (request: { method?: string; url?: string; id?: string }) => ({ method: request.method, path: pathOnly(request.url ?? ''), id: request.id }),
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}

/** The server's own id for a request: what the log, the x-request-id answer and audit_log.request_id carry. */
export function genRequestId(): string {
  return randomUUID();
}

/**
 * The id the caller sent in x-request-id, when it is short and plain; null otherwise. It is only
 * the caller's word (anyone can send any id), so it is logged and audited beside the server's id
 * (audit_log.client_request_id), never in its place.
 */
export function clientRequestIdOf(request: FastifyRequest): string | null {
  const incoming = request.headers['x-request-id'];
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  return candidate !== undefined && SAFE_REQUEST_ID.test(candidate) ? candidate : null;
}

/** Where a request came from, as its audit rows record it. */
export function requestAuditMeta(request: FastifyRequest): { ipAddress: string | null; userAgent: string | null; requestId: string; clientRequestId: string | null } {
  return { ipAddress: request.ip || null, userAgent: request.headers['user-agent'] ?? null, requestId: request.id, clientRequestId: clientRequestIdOf(request) };
}

export function requestLogPlugin(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const clientRequestId = clientRequestIdOf(request);
    if (clientRequestId !== null) request.log = request.log.child({ clientRequestId });
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });
  // The user id is already bound to request.log by the auth hook once the caller is known.
  app.addHook('onResponse', async (request, reply) => {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? null,
      path: pathOnly(request.url),
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (reply.statusCode >= 500) request.log.warn(line, 'request failed');
    else request.log.info(line, 'request completed');
  });
}
