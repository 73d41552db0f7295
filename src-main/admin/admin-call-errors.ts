// What an admin call's failure means to the admin: every failure of the server round trip becomes
// a DesktopCallError with a code the console switches on and a message written for a person.
// Nothing here decides anything about the change itself; the server did.
import { describeIssues } from '../../src-shared/errors.js';
import { desktopErrorCodes, type DesktopErrorIssue } from '../../src-shared/desktop-api.js';
import { NeedsSignInError, NeedsSignInReason, OfflineError } from '../auth/auth-errors.js';
import {
  BadResponseError,
  ForbiddenError,
  NetworkError,
  RequestRefusedError,
  ServerUnavailableError,
  UnauthorizedError,
  type ServerProblemIssue,
} from '../http/server-errors.js';
import { DesktopCallError } from '../ipc/desktop-call-error.js';

export const ONLINE_ONLY_MESSAGE =
  'The admin console works online only. RateDesk cannot reach the server right now; your changes would not be published.';
export const SIGN_IN_AGAIN_MESSAGE = 'Your sign-in has expired. Sign in again to use the admin console; nothing was changed.';
export const SIGNED_OUT_MESSAGE = 'Sign in to use the admin console.';
export const BUSY_MESSAGE = 'The server is busy right now; nothing was changed. Try again in a minute.';

/** Which permission the refused call needed, for the 403 message. */
export type AdminCallKind = 'publish' | 'audit';

const FORBIDDEN_MESSAGES: Readonly<Record<AdminCallKind, string>> = {
  publish: 'Your account cannot publish (admin role needed).',
  audit: 'Your account cannot read the audit trail (admin or compliance role needed).',
};

// The server names fields where they arrived ("body.maximumInvestment", "params.productId"); the
// console knows them by field name alone.
const LOCATION_PREFIX = /^(body|params|query)(\.|$)/;

export function fieldIssues(issues: readonly ServerProblemIssue[]): DesktopErrorIssue[] {
  return issues.map((issue) => ({ path: issue.path.replace(LOCATION_PREFIX, ''), message: issue.message }));
}

/** The DesktopCallError for `error`, or `error` itself when it is not a server round-trip failure. */
export function adminCallError(error: unknown, kind: AdminCallKind): unknown {
  if (error instanceof DesktopCallError) return error;
  if (error instanceof NeedsSignInError) {
    const message = error.reason === NeedsSignInReason.signedOut ? SIGNED_OUT_MESSAGE : SIGN_IN_AGAIN_MESSAGE;
    return new DesktopCallError(desktopErrorCodes.needsSignIn, message, undefined, { cause: error });
  }
  if (error instanceof UnauthorizedError) {
    return new DesktopCallError(desktopErrorCodes.needsSignIn, SIGN_IN_AGAIN_MESSAGE, undefined, { cause: error });
  }
  if (error instanceof OfflineError || error instanceof NetworkError) {
    return new DesktopCallError(desktopErrorCodes.offline, ONLINE_ONLY_MESSAGE, undefined, { cause: error });
  }
  if (error instanceof ForbiddenError) {
    return new DesktopCallError(desktopErrorCodes.forbidden, FORBIDDEN_MESSAGES[kind], undefined, { cause: error });
  }
  if (error instanceof ServerUnavailableError) {
    // A 500 is a bug on the server, not an outage: say so, with the request id the server quoted.
    if (error.status === 500) {
      return new DesktopCallError(desktopErrorCodes.internal, `The server failed to complete the request; nothing was changed. ${serverDetail(error.message)}`, undefined, { cause: error });
    }
    return new DesktopCallError(desktopErrorCodes.offline, error.status === 429 ? BUSY_MESSAGE : ONLINE_ONLY_MESSAGE, undefined, { cause: error });
  }
  if (error instanceof RequestRefusedError) return refusal(error);
  if (error instanceof BadResponseError) {
    return new DesktopCallError(desktopErrorCodes.internal, 'The server answered in a way this version of RateDesk does not understand; check that the app is up to date.', undefined, { cause: error });
  }
  return error;
}

function refusal(error: RequestRefusedError): DesktopCallError {
  const { problem } = error;
  const issues = fieldIssues(problem.issues);
  const withIssues = issues.length > 0 ? issues : undefined;
  switch (problem.status) {
    case 400:
      return new DesktopCallError(desktopErrorCodes.invalidRequest, issues.length > 0 ? describeIssues(issues) : problem.detail, withIssues, { cause: error });
    case 404:
      return new DesktopCallError(desktopErrorCodes.notFound, `${problem.detail}. It may have been removed on the server; sync and try again.`, undefined, { cause: error });
    case 409:
      return new DesktopCallError(desktopErrorCodes.conflict, problem.detail, withIssues, { cause: error });
    case 413:
      return new DesktopCallError(desktopErrorCodes.invalidRequest, `Too large for the server: ${problem.detail}`, withIssues, { cause: error });
    default:
      return new DesktopCallError(desktopErrorCodes.internal, `The server refused the request (HTTP ${problem.status}): ${problem.detail}`, undefined, { cause: error });
  }
}

/** "POST /v1/admin/products: Internal error (request abc)" -> the server's part. */
function serverDetail(message: string): string {
  const index = message.indexOf(': ');
  return index === -1 ? message : message.slice(index + 2);
}
