// The typed failures of an answer from the RateDesk server, shared by the sync client and the admin
// client. Callers decide by class (retry later, show the refusal) and never by parsing messages; a
// refusal keeps the server's problem (issues, extensions) for the form. No answer at all is an
// OfflineError, a sign-in the server refuses a NeedsSignInError (src-main/auth/auth-errors.ts);
// src-main/http/classify-failure.ts turns all of them into what the rep sees.

/** One bad field as the server names it: "body.maximumInvestment", "line 7: base_rate". */
export interface ServerProblemIssue {
  path: string;
  message: string;
}

/** The application/problem+json answer, or what could be read of it. */
export interface ServerProblem {
  status: number;
  /** The last segment of `type` ("validation-failed", "conflict"); null when the answer was not a problem. */
  code: string | null;
  detail: string;
  issues: ServerProblemIssue[];
  /** Every other member of the problem (a rate sheet's `badRows`). */
  extensions: Record<string, unknown>;
}

/** Base class: `kind` says what the caller should do about it. */
export class ServerApiError extends Error {
  constructor(
    readonly kind: 'resync-required' | 'forbidden' | 'unavailable' | 'bad-response' | 'refused' | 'update-required',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ServerApiError';
  }
}

/** 403: signed in, but the user's roles do not allow this. */
export class ForbiddenError extends ServerApiError {
  constructor(message: string) {
    super('forbidden', message);
    this.name = 'ForbiddenError';
  }
}

/** 5xx or 429: try again later, not before retryAfterMs when the server said so. */
export class ServerUnavailableError extends ServerApiError {
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super('unavailable', message);
    this.name = 'ServerUnavailableError';
  }
}

/** An answer that does not match the protocol (a proxy's HTML page, an incompatible server). */
export class BadResponseError extends ServerApiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('bad-response', message, options);
    this.name = 'BadResponseError';
  }
}

/** Any other 4xx: the request itself was refused; `problem` is the server's reason, field by field. */
export class RequestRefusedError extends ServerApiError {
  readonly problem: ServerProblem;

  constructor(
    message: string,
    readonly status: number,
    problem?: ServerProblem,
  ) {
    super('refused', message);
    this.name = 'RequestRefusedError';
    this.problem = problem ?? { status, code: null, detail: message, issues: [], extensions: {} };
  }
}

/**
 * 426 (issue 14): the server no longer supports this build's sync protocol. Nothing about the
 * request was wrong, so nothing is rejected: the outbox waits for the updated app, and the rep
 * keeps quoting from the cache meanwhile.
 */
export class UpdateRequiredError extends ServerApiError {
  constructor(
    message: string,
    /** The oldest protocol the server serves, as its problem named it; undefined when it did not. */
    readonly minimumProtocolVersion: number | undefined,
  ) {
    super('update-required', message);
    this.name = 'UpdateRequiredError';
  }
}

/** The server's minimum protocol from a 426 problem's extension, when it is a whole number. */
export function minimumProtocolOf(problem: ServerProblem): number | undefined {
  const value = problem.extensions['minimumProtocolVersion'];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * 403 access-revoked (issue 14): an admin revoked this device or user. A ForbiddenError still (what
 * handles those keeps working); the sync engine uploads what is pending, then wipes the laptop.
 */
export class AccessRevokedError extends ForbiddenError {
  constructor(
    message: string,
    readonly scope: 'device' | 'user',
    /** The admin's reason, shown to the rep. */
    readonly reason: string,
  ) {
    super(message);
    this.name = 'AccessRevokedError';
  }
}

/** The revocation a 403 problem names, or null for any other 403. */
export function accessRevokedOf(message: string, problem: ServerProblem): AccessRevokedError | null {
  if (problem.code !== 'access-revoked') return null;
  const { scope, reason } = problem.extensions;
  return new AccessRevokedError(message, scope === 'user' ? 'user' : 'device', typeof reason === 'string' ? reason : problem.detail);
}
