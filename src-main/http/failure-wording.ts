// What a failed server request means to a rep, in words a rep or a compliance reviewer can act on.
// The error classes' own messages name the request ("POST /v1/sync/push: the server could not be
// reached (fetch failed: other side closed)"): right for the application log and for a "details"
// toggle, wrong as the sentence on screen (issue 11). Where a message is made, it is worded here by
// the classifier's kind (classify-failure.ts), never by parsing the text.
import { NeedsSignInReason } from '../auth/auth-errors.js';
import { classifyFailure, FailureKind, ServerTrouble, type Failure } from './classify-failure.js';

/** A message and the technical detail behind it (the original message), for a details toggle. */
export interface WordedFailure {
  text: string;
  detail: string;
}

// "POST /v1/sync/push: " at the start of a message made by authorized-request.ts.
const REQUEST_LINE = /^(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \/\S*: /;

/** The server's own words in a request error's message: "POST /v1/x: Database unavailable." -> "Database unavailable.". */
export function withoutRequestLine(message: string): string {
  return message.replace(REQUEST_LINE, '');
}

/** The server's reason, as a sentence ending in a full stop, or '' when it gave none. */
function serverReason(detail: string): string {
  const text = withoutRequestLine(detail).trim();
  if (text === '') return '';
  return /[.!?]$/.test(text) ? ` ${text}` : ` ${text}.`;
}

/** Said wherever a 426 stops a sync or an upload: what still works, what waits, what to do. */
export const UPDATE_REQUIRED_TEXT =
  'Update required: the server no longer supports this version of RateDesk. You can keep quoting from the rates saved on this laptop; comparisons saved here wait and upload after the update.';

/** A sync or upload failure for the status bar and the saved comparisons list. */
export function syncFailureText(failure: Failure): string {
  switch (failure.kind) {
    case FailureKind.offline:
      return 'The RateDesk server could not be reached; RateDesk works from the rates saved on this laptop and tries again.';
    case FailureKind.needsSignIn:
      return failure.reason === NeedsSignInReason.signedOut ? 'Sign in to sync.' : 'Your sign-in has ended. Sign in again to sync; nothing saved here is lost.';
    case FailureKind.signInFailed:
      return 'Signing in did not complete. Sign in again to sync; nothing saved here is lost.';
    case FailureKind.forbidden:
      return 'Your account is not allowed to sync. Ask your administrator to check your RateDesk roles.';
    case FailureKind.serverTrouble:
      return serverTroubleText(failure.trouble, failure.message);
    case FailureKind.conflict:
    case FailureKind.notFound:
    case FailureKind.refused:
      return `The server refused the sync.${serverReason(failure.detail)}`;
    case FailureKind.updateRequired:
      return UPDATE_REQUIRED_TEXT;
    case FailureKind.unexpected:
      return 'Sync stopped because of a problem on this laptop; the details are in the application log.';
  }
}

function serverTroubleText(trouble: ServerTrouble, message: string): string {
  switch (trouble) {
    case ServerTrouble.busy:
      return 'The server is busy right now; RateDesk tries again shortly.';
    case ServerTrouble.unavailable:
      return `The server is unavailable right now; RateDesk tries again shortly.${serverReason(message)}`;
    case ServerTrouble.failed:
      return `The server failed to complete the sync; RateDesk tries again shortly.${serverReason(message)}`;
    case ServerTrouble.incompatible:
      return 'The server answered in a way this version of RateDesk does not understand; check that the app is up to date.';
  }
}

/** `error` worded for the sync status, with its technical message kept as the detail. */
export function wordSyncFailure(error: unknown): WordedFailure {
  const failure = classifyFailure(error);
  return { text: syncFailureText(failure), detail: failure.message };
}
