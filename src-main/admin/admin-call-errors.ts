// What an admin call's failure means to the admin: every failure of the server round trip becomes
// a DesktopCallError with a code the console switches on and a message written for a person.
// Nothing here decides anything about the change itself; the server did.
import { describeIssues } from '../../src-shared/errors.js';
import { desktopErrorCodes } from '../../src-shared/desktop-api/index.js';
import { NeedsSignInReason } from '../auth/auth-errors.js';
import { classifyFailure, FailureKind, ServerTrouble, type Failure, type FieldIssue } from '../http/classify-failure.js';
import { withoutRequestLine } from '../http/failure-wording.js';
import { DesktopCallError } from '../ipc/desktop-call-error.js';

export const ONLINE_ONLY_MESSAGE =
  'The admin console works online only. RateDesk cannot reach the server right now; your changes would not be published.';
export const SIGN_IN_AGAIN_MESSAGE = 'Your sign-in has expired. Sign in again to use the admin console; nothing was changed.';
export const SIGNED_OUT_MESSAGE = 'Sign in to use the admin console.';
export const UPDATE_REQUIRED_CONSOLE_MESSAGE = 'Update required: the server no longer supports this version of RateDesk. Install the update to use the console; nothing was changed.';
export const BUSY_MESSAGE = 'The server is busy right now; nothing was changed. Try again in a minute.';

/** Which permission the refused call needed, for the 403 message. */
export type AdminCallKind = 'publish' | 'audit' | 'fleet' | 'manage';

const FORBIDDEN_MESSAGES: Readonly<Record<AdminCallKind, string>> = {
  publish: 'Your account cannot publish (admin role needed).',
  audit: 'Your account cannot read the audit trail (admin or compliance role needed).',
  fleet: 'Your account cannot see the fleet of devices (admin or compliance role needed).',
  manage: 'Your account cannot revoke access or set the offline policy (admin role needed).',
};

/** The DesktopCallError for `error`, or `error` itself when it is not a server round-trip failure. */
export function adminCallError(error: unknown, kind: AdminCallKind): unknown {
  if (error instanceof DesktopCallError) return error;
  const failure = classifyFailure(error);
  const call: MakeError = (code, message, issues) => new DesktopCallError(code, message, issues, { cause: error });
  switch (failure.kind) {
    case FailureKind.needsSignIn:
      return call(desktopErrorCodes.needsSignIn, failure.reason === NeedsSignInReason.signedOut ? SIGNED_OUT_MESSAGE : SIGN_IN_AGAIN_MESSAGE);
    case FailureKind.offline:
      return call(desktopErrorCodes.offline, ONLINE_ONLY_MESSAGE);
    case FailureKind.forbidden:
      return call(desktopErrorCodes.forbidden, FORBIDDEN_MESSAGES[kind]);
    case FailureKind.serverTrouble:
      return serverTrouble(failure, call);
    case FailureKind.notFound:
      return call(desktopErrorCodes.notFound, `${failure.detail}. It may have been removed on the server; sync and try again.`);
    case FailureKind.conflict:
      return call(desktopErrorCodes.conflict, failure.detail, nonEmpty(failure.issues));
    case FailureKind.refused:
      // Refused by the app's own checks: not a round trip, the IPC layer reports it.
      if (failure.status === null) return error;
      return refusal(failure.status, failure.detail, failure.issues, call);
    case FailureKind.updateRequired:
      return call(desktopErrorCodes.updateRequired, UPDATE_REQUIRED_CONSOLE_MESSAGE);
    default:
      return error;
  }
}

type MakeError = (code: DesktopCallError['code'], message: string, issues?: FieldIssue[]) => DesktopCallError;

function serverTrouble(failure: Extract<Failure, { kind: 'server-trouble' }>, call: MakeError): DesktopCallError {
  switch (failure.trouble) {
    case ServerTrouble.failed:
      // A 500 is a bug on the server, not an outage: say so, with the request id the server quoted.
      return call(desktopErrorCodes.internal, `The server failed to complete the request; nothing was changed. ${withoutRequestLine(failure.message)}`);
    case ServerTrouble.busy:
      return call(desktopErrorCodes.offline, BUSY_MESSAGE);
    case ServerTrouble.unavailable:
      return call(desktopErrorCodes.offline, ONLINE_ONLY_MESSAGE);
    case ServerTrouble.incompatible:
      return call(desktopErrorCodes.internal, 'The server answered in a way this version of RateDesk does not understand; check that the app is up to date.');
  }
}

function refusal(status: number, detail: string, issues: FieldIssue[], call: MakeError): DesktopCallError {
  switch (status) {
    case 400:
      return call(desktopErrorCodes.invalidRequest, issues.length > 0 ? describeIssues(issues) : detail, nonEmpty(issues));
    case 413:
      return call(desktopErrorCodes.invalidRequest, `Too large for the server: ${detail}`, nonEmpty(issues));
    default:
      return call(desktopErrorCodes.internal, `The server refused the request (HTTP ${status}): ${detail}`);
  }
}

function nonEmpty(issues: FieldIssue[]): FieldIssue[] | undefined {
  return issues.length > 0 ? issues : undefined;
}

