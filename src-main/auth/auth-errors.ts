// Typed failures of signing in and of getting an access token. The sync engine switches on the
// class: NeedsSignInError pauses sync until the rep signs in again; OfflineError pauses it until
// the identity provider can be reached. Neither means anything local was lost.

export const NeedsSignInReason = {
  /** Nobody has signed in on this computer (or the rep signed out). */
  signedOut: 'signed-out',
  /** The identity provider refused the refresh token: revoked, expired or rotated away. */
  sessionEnded: 'session-ended',
  /** The access token expired and there is no refresh token to renew it with. */
  noRefreshToken: 'no-refresh-token',
  /** Renewal failed in a way we cannot explain; signing in again is the safe way back. */
  refreshFailed: 'refresh-failed',
} as const;
export type NeedsSignInReason = (typeof NeedsSignInReason)[keyof typeof NeedsSignInReason];

export class NeedsSignInError extends Error {
  override readonly name = 'NeedsSignInError';
  constructor(
    readonly reason: NeedsSignInReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const OfflineReason = {
  /** No answer at all: no network, DNS failure, refused connection, timeout. */
  unreachable: 'unreachable',
  /** The identity provider answered with a server error (5xx). */
  providerError: 'provider-error',
} as const;
export type OfflineReason = (typeof OfflineReason)[keyof typeof OfflineReason];

export class OfflineError extends Error {
  override readonly name = 'OfflineError';
  constructor(
    readonly reason: OfflineReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

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
export type SignInErrorCode = (typeof SignInErrorCode)[keyof typeof SignInErrorCode];

export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly code: SignInErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
