// The conditions that stop a call to the outside before it can do its work, and the failures of an
// interactive sign-in. Sync and the admin console switch on the class (src-main/http/classify-failure.ts):
// NeedsSignInError pauses until the rep signs in again; OfflineError until the identity provider or
// the RateDesk server can be reached. Neither means anything local was lost.

/** The value type of an `as const` object of names. */
type ValueOf<T> = T[keyof T];

export const NeedsSignInReason = {
  /** Nobody has signed in on this computer (or the rep signed out). */
  signedOut: 'signed-out',
  /** The identity provider refused the refresh token: revoked, expired or rotated away. */
  sessionEnded: 'session-ended',
  /** The access token expired and there is no refresh token to renew it with. */
  noRefreshToken: 'no-refresh-token',
  /** Renewal failed in a way we cannot explain; signing in again is the safe way back. */
  refreshFailed: 'refresh-failed',
  /**
   * The RateDesk server refused the access token (401) even right after a renewal. Only on the
   * error of that call: the session's state stays as it is, and its next token is renewed.
   */
  tokenRefused: 'token-refused',
} as const;

export const OfflineReason = {
  /** No answer at all from the identity provider or the RateDesk server: no network, DNS, refused or cut connection, timeout. */
  unreachable: 'unreachable',
  /** The identity provider answered with a server error (5xx). */
  providerError: 'provider-error',
} as const;

export const SignInErrorCode = {
  /** The identity provider sent error=... back (the rep cancelled, is not assigned to the app, ...). */
  denied: 'denied',
  /** The redirect does not belong to the request we made (state or issuer differ). */
  mismatch: 'mismatch',
  timedOut: 'timed-out',
  cancelled: 'cancelled',
  /** The code could not be exchanged for tokens, or the tokens did not validate. */
  exchangeFailed: 'exchange-failed',
  unreachable: 'unreachable',
} as const;

export type NeedsSignInReason = ValueOf<typeof NeedsSignInReason>;
export type OfflineReason = ValueOf<typeof OfflineReason>;
export type SignInErrorCode = ValueOf<typeof SignInErrorCode>;

/** An Error class named `name` that says why in one word of a fixed list (`reason`), besides its message for people. */
function errorWithReason<R extends string>(name: string) {
  return class extends Error {
    override readonly name = name;
    constructor(
      readonly reason: R,
      message: string,
      options?: { cause?: unknown },
    ) {
      super(message, options);
    }
  };
}

/** The sign-in is missing, ended or refused: the rep has to sign in (again). */
export class NeedsSignInError extends errorWithReason<NeedsSignInReason>('NeedsSignInError') {}

/** Nothing (usable) answered: try again later, nothing was changed. */
export class OfflineError extends errorWithReason<OfflineReason>('OfflineError') {}

/** An interactive sign-in that did not complete; `code` (the same as `reason`) says why. */
export class SignInError extends errorWithReason<SignInErrorCode>('SignInError') {
  readonly code: SignInErrorCode = this.reason;
}
