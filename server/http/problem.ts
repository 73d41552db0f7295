// RFC 9457 problem details: every error the API returns is application/problem+json with a stable
// `type`, a human `title`/`detail`, and for bad input the list of fields and reasons.

export interface ProblemIssue {
  /** Where: 'body.maximumInvestment', 'query.cursor', 'params.productId', 'row 7: baseRate'. */
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  issues?: ProblemIssue[];
  [extension: string]: unknown;
}

/** Stable problem types (the `type` member is `https://ratedesk.example/problems/<code>`). */
export const ProblemCode = {
  validation: 'validation-failed',
  unauthorized: 'unauthorized',
  tokenExpired: 'token-expired',
  forbidden: 'forbidden',
  notFound: 'not-found',
  conflict: 'conflict',
  resyncRequired: 'resync-required',
  payloadTooLarge: 'payload-too-large',
  unsupportedMediaType: 'unsupported-media-type',
  rateLimited: 'rate-limited',
  /** 426: the client's protocol version is below the server's minimum; extension minimumProtocolVersion. */
  protocolUnsupported: 'protocol-unsupported',
  /** 403: an admin revoked this device or user; extensions scope ('device' | 'user') and reason. */
  accessRevoked: 'access-revoked',
  unavailable: 'service-unavailable',
  internal: 'internal-error',
} as const;
export type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];

export const PROBLEM_TYPE_BASE = 'https://ratedesk.example/problems/';

/** Throw from a route or hook; the error handler turns it into application/problem+json. */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: ProblemCode;
  readonly title: string;
  readonly issues: ProblemIssue[] | undefined;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: ProblemCode,
    title: string,
    options: { detail?: string; issues?: ProblemIssue[]; extensions?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(options.detail ?? title);
    this.name = 'ProblemError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.issues = options.issues;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }

  toBody(instance?: string): ProblemBody {
    return {
      type: PROBLEM_TYPE_BASE + this.code,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.issues ? { issues: this.issues } : {}),
      ...this.extensions,
    };
  }
}

export function validationProblem(issues: ProblemIssue[], detail?: string): ProblemError {
  return new ProblemError(400, ProblemCode.validation, 'The request is not valid', {
    detail: detail ?? issues.map((i) => `${i.path}: ${i.message}`).join('; '),
    issues,
  });
}

export function notFound(what: string): ProblemError {
  return new ProblemError(404, ProblemCode.notFound, 'Not found', { detail: `${what} was not found` });
}
