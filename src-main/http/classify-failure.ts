// The one reading of a failure as the rep will meet it: offline, needs sign-in, refused with
// reasons (field by field), server trouble, conflict, not found, ... Every place that shows a
// failure (the sync status, the admin console's error codes, the sign-in screen, the IPC results)
// decides by this kind and words it for its own screen; none of them looks at error classes.
//
// Which class means what:
// - OfflineError: nothing answered (the RateDesk server or the identity provider), or the identity
//   provider had a server error. SignInError 'unreachable' is the same condition.
// - NeedsSignInError: no session, an ended one, or a token the server refused after a renewal.
// - ServerUnavailableError (5xx, 429) and BadResponseError (an answer this version cannot read):
//   server trouble, told apart by `trouble`.
// - UpdateRequiredError (426): this build is older than the server supports; nothing was refused.
// - RequestRefusedError: 404 not found, 409 conflict, any other 4xx refused with the server's
//   issues; ValidationError: refused by the app's own checks before anything was sent.
import { ValidationError } from '../../src-shared/errors.js';
import { NeedsSignInError, OfflineError, OfflineReason, SignInError, SignInErrorCode, type NeedsSignInReason } from '../auth/auth-errors.js';
import {
  BadResponseError,
  ForbiddenError,
  RequestRefusedError,
  ServerApiError,
  ServerUnavailableError,
  UpdateRequiredError,
  type ServerProblemIssue,
} from './server-errors.js';

export const FailureKind = {
  offline: 'offline',
  needsSignIn: 'needs-sign-in',
  /** An interactive sign-in that did not complete (cancelled, denied, timed out, ...). */
  signInFailed: 'sign-in-failed',
  /** Signed in, but the roles do not allow it (403). */
  forbidden: 'forbidden',
  /** Refused as asked, with the reasons field by field: by the server (a 4xx) or by the app's own checks. */
  refused: 'refused',
  /** The server refused it because it clashes with stored data (409). */
  conflict: 'conflict',
  /** Not (or no longer) on the server (404). */
  notFound: 'not-found',
  serverTrouble: 'server-trouble',
  /** The server no longer supports this build's protocol (426): only an update helps. */
  updateRequired: 'update-required',
  /** Anything else: a bug, or a failure of this computer; only its message is known. */
  unexpected: 'unexpected',
} as const;
export type FailureKind = (typeof FailureKind)[keyof typeof FailureKind];

export const ServerTrouble = {
  /** 429: too many requests right now. */
  busy: 'busy',
  /** 502, 503, 504, ...: down or overloaded for the moment. */
  unavailable: 'unavailable',
  /** 500: the server failed on this request (a bug there, not an outage). */
  failed: 'failed',
  /** An answer that does not match the protocol (an incompatible server, a proxy's page). */
  incompatible: 'incompatible',
} as const;
export type ServerTrouble = (typeof ServerTrouble)[keyof typeof ServerTrouble];

/** One field at fault, named as the form knows it ("maximumInvestment", "surrenderSchedule.2"); "" for the whole request. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** `message` is always the error's own message (technical, for logs and the sync status). */
export type Failure = { message: string } & (
  | { kind: typeof FailureKind.offline; reason: OfflineReason }
  | { kind: typeof FailureKind.needsSignIn; reason: NeedsSignInReason }
  | { kind: typeof FailureKind.signInFailed; code: Exclude<SignInErrorCode, typeof SignInErrorCode.unreachable> }
  | { kind: typeof FailureKind.forbidden }
  | {
      kind: typeof FailureKind.refused;
      /** The HTTP status of the server's refusal; null when the app refused it before sending anything. */
      status: number | null;
      /** The reason as a whole (the server's problem detail, or the app's summary of the issues). */
      detail: string;
      issues: FieldIssue[];
    }
  | { kind: typeof FailureKind.conflict; detail: string; issues: FieldIssue[] }
  | { kind: typeof FailureKind.notFound; detail: string }
  | {
      kind: typeof FailureKind.serverTrouble;
      trouble: ServerTrouble;
      /** The HTTP status; null for an answer that could not be read. */
      status: number | null;
      /** Not before this, when the server said so (Retry-After). */
      retryAfterMs?: number;
    }
  | { kind: typeof FailureKind.updateRequired; minimumProtocolVersion: number | undefined }
  | { kind: typeof FailureKind.unexpected }
);

// The server names fields where they arrived ("body.maximumInvestment", "params.productId"); forms
// know them by field name alone.
const LOCATION_PREFIX = /^(body|params|query)(\.|$)/;

/** The server's issues with the request's location taken off each path. */
function fieldIssues(issues: readonly ServerProblemIssue[]): FieldIssue[] {
  return issues.map((issue) => ({ path: issue.path.replace(LOCATION_PREFIX, ''), message: issue.message }));
}

export function classifyFailure(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof OfflineError) return { kind: FailureKind.offline, reason: error.reason, message };
  if (error instanceof NeedsSignInError) return { kind: FailureKind.needsSignIn, reason: error.reason, message };
  if (error instanceof SignInError) {
    return error.code === SignInErrorCode.unreachable
      ? { kind: FailureKind.offline, reason: OfflineReason.unreachable, message }
      : { kind: FailureKind.signInFailed, code: error.code, message };
  }
  if (error instanceof ValidationError) return { kind: FailureKind.refused, status: null, detail: message, issues: [...error.issues], message };
  if (error instanceof ForbiddenError) return { kind: FailureKind.forbidden, message };
  if (error instanceof ServerUnavailableError) {
    const trouble = error.status === 429 ? ServerTrouble.busy : error.status === 500 ? ServerTrouble.failed : ServerTrouble.unavailable;
    return { kind: FailureKind.serverTrouble, trouble, status: error.status, ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }), message };
  }
  if (error instanceof BadResponseError) return { kind: FailureKind.serverTrouble, trouble: ServerTrouble.incompatible, status: null, message };
  if (error instanceof RequestRefusedError) {
    const { problem } = error;
    if (problem.status === 404) return { kind: FailureKind.notFound, detail: problem.detail, message };
    if (problem.status === 409) return { kind: FailureKind.conflict, detail: problem.detail, issues: fieldIssues(problem.issues), message };
    return { kind: FailureKind.refused, status: problem.status, detail: problem.detail, issues: fieldIssues(problem.issues), message };
  }
  if (error instanceof UpdateRequiredError) return { kind: FailureKind.updateRequired, minimumProtocolVersion: error.minimumProtocolVersion, message };
  // The sync protocol's own 409 (resync-required) when it surfaces past the engine's resync.
  if (error instanceof ServerApiError && error.kind === 'resync-required') return { kind: FailureKind.conflict, detail: message, issues: [], message };
  return { kind: FailureKind.unexpected, message };
}
