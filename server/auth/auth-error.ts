// Why a request was not let in. Messages say which check failed and never contain the token: they
// end up in logs and HTTP responses, and a bearer token in a log is a stolen session.

export const AuthErrorCode = {
  missingToken: 'missing_token',
  invalidToken: 'invalid_token',
  expiredToken: 'expired_token',
  forbidden: 'forbidden',
  /** The issuer's discovery document or keys could not be fetched: our problem, not the caller's. */
  issuerUnavailable: 'issuer_unavailable',
} as const;
export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode];

const HTTP_STATUS = {
  missing_token: 401,
  invalid_token: 401,
  expired_token: 401,
  forbidden: 403,
  issuer_unavailable: 503,
} as const satisfies Record<AuthErrorCode, number>;

export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** 401 tells the client to sign in again, 403 that signing in again will not help, 503 to retry. */
  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}
