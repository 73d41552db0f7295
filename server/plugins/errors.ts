// Every error leaves the server as application/problem+json (RFC 9457). Client mistakes say what
// was wrong; anything unexpected is a 500 that shows only the request id, while the full error is
// logged under that id, so internals (SQL, stack traces, hostnames) never reach a caller.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../src-shared/errors.js';
import { AuthError } from '../auth/auth-error.js';
import { boundedProblemBody } from '../http/bounded-problem.js';
import { ProblemCode, ProblemError, validationProblem } from '../http/problem.js';
import { ResyncRequiredError } from '../sync/resync-required-error.js';
import { databaseProblem } from './database.js';
import { pathOnly } from './request-log.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Seconds a client should wait when the identity provider's keys cannot be fetched. */
const ISSUER_RETRY_AFTER_SECONDS = 10;

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as Partial<FastifyError>).code === 'string' && 'statusCode' in error;
}

export function authProblem(error: AuthError): ProblemError {
  switch (error.code) {
    case 'missing_token':
      return new ProblemError(401, ProblemCode.unauthorized, 'Sign-in required', {
        detail: error.message,
        headers: { 'www-authenticate': 'Bearer realm="ratedesk"' },
      });
    case 'invalid_token':
      return new ProblemError(401, ProblemCode.unauthorized, 'The access token was not accepted', {
        detail: error.message,
        headers: { 'www-authenticate': 'Bearer realm="ratedesk", error="invalid_token"' },
      });
    case 'expired_token':
      return new ProblemError(401, ProblemCode.tokenExpired, 'The access token has expired', {
        detail: `${error.message}; refresh it or sign in again`,
        headers: { 'www-authenticate': 'Bearer realm="ratedesk", error="invalid_token", error_description="token expired"' },
      });
    case 'forbidden':
      return new ProblemError(403, ProblemCode.forbidden, 'Not allowed', { detail: error.message });
    case 'issuer_unavailable':
      return new ProblemError(503, ProblemCode.unavailable, 'Sign-in cannot be checked right now', {
        detail: error.message,
        headers: { 'retry-after': String(ISSUER_RETRY_AFTER_SECONDS) },
      });
  }
}

// Fastify's own request errors (bad JSON, wrong media type, body too large) carry safe messages.
function fastifyProblem(error: FastifyError): ProblemError | undefined {
  const status = error.statusCode ?? 500;
  if (status >= 500) return undefined;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ProblemError(413, ProblemCode.payloadTooLarge, 'The request body is too large', { detail: error.message });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ProblemError(status, status === 415 ? ProblemCode.unsupportedMediaType : ProblemCode.validation, 'The request body cannot be read', {
        detail: error.message,
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return validationProblem([{ path: 'body', message: 'is required (the request said it sends JSON but the body is empty)' }]);
    default:
      if (status === 400) {
        return validationProblem([{ path: 'body', message: error.message }], error.message);
      }
      if (status === 404) return new ProblemError(404, ProblemCode.notFound, 'Not found', { detail: error.message });
      return new ProblemError(status, status === 413 ? ProblemCode.payloadTooLarge : ProblemCode.validation, 'The request was refused', {
        detail: error.message,
      });
  }
}

/** The problem to answer for `error`; undefined means "unexpected": log it and answer a bare 500. */
export function problemFor(error: unknown): ProblemError | undefined {
  if (error instanceof ProblemError) return error;
  if (error instanceof ValidationError) return validationProblem(error.issues);
  if (error instanceof AuthError) return authProblem(error);
  if (error instanceof ResyncRequiredError) {
    return new ProblemError(409, ProblemCode.resyncRequired, 'Download the catalog again', {
      detail: error.message,
      extensions: { reason: error.reason, serverEpoch: error.serverEpoch },
    });
  }
  const fromDatabase = databaseProblem(error);
  if (fromDatabase) return fromDatabase;
  if (isFastifyError(error)) return fastifyProblem(error);
  return undefined;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: ProblemError): FastifyReply {
  return reply
    .status(problem.status)
    .headers(problem.headers)
    .type(PROBLEM_CONTENT_TYPE)
    // The path only: a query string may carry a secret (a client that sends ?access_token=).
    .send(boundedProblemBody(problem.toBody(pathOnly(request.url))));
}

/**
 * Fastify's `frameworkErrors` option: URLs the router refuses before any route or error handler
 * runs (a path parameter longer than maxParamLength, a malformed percent-escape) would otherwise
 * get Fastify's own plain JSON instead of a problem.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  let problem: ProblemError;
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    problem = new ProblemError(414, ProblemCode.validation, 'The URL is too long', {
      detail: 'A path parameter is longer than any id this API uses',
      issues: [{ path: 'params', message: 'is too long to be an id' }],
    });
  } else if (error.code === 'FST_ERR_BAD_URL') {
    problem = validationProblem([{ path: 'params', message: 'is not a valid URL path segment (malformed percent-encoding)' }]);
  } else {
    request.log.error({ err: error }, 'unexpected router error');
    problem = new ProblemError(500, ProblemCode.internal, 'Something went wrong on our side', {
      detail: `The server could not complete the request. Quote request id ${request.id} when reporting it.`,
      extensions: { requestId: request.id },
    });
  }
  void sendProblem(reply, request, problem);
}

export function errorsPlugin(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = problemFor(error);
    if (problem) {
      if (problem.status >= 500) request.log.warn({ err: error, status: problem.status }, problem.title);
      else request.log.info({ status: problem.status, problemType: problem.code, detail: problem.message }, 'request refused');
      return sendProblem(reply, request, problem);
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(
      reply,
      request,
      new ProblemError(500, ProblemCode.internal, 'Something went wrong on our side', {
        detail: `The server could not complete the request. Quote request id ${request.id} when reporting it.`,
        extensions: { requestId: request.id },
      }),
    );
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      request,
      new ProblemError(404, ProblemCode.notFound, 'Not found', { detail: `There is no ${request.method} ${pathOnly(request.url)}` }),
    ),
  );
}
