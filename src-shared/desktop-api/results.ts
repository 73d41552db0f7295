// What every desktop call resolves to, and the shape of one entry of the contract table.
import { z } from 'zod';

export const desktopErrorCodes = {
  // The caller is not the RateDesk window (another frame, another origin), or the signed-in
  // user's roles do not allow the call (the server answered 403).
  forbidden: 'forbidden',
  // Bad arguments or input the domain refuses; the message names the field and the reason, and
  // `issues` carries each one for the form field it belongs to.
  invalidRequest: 'invalid-request',
  // The handler failed; details stay in the main-process log.
  internal: 'internal',
  // An online-only call (the admin console) could not reach the server, or the server is down
  // for the moment; nothing was changed.
  offline: 'offline',
  // The sign-in expired or was ended: the message asks the user to sign in again.
  needsSignIn: 'needs-sign-in',
  // The server refused the change because it clashes with stored data (a CUSIP in use, a rate
  // date before the latest published one, overlapping windows); the message is the server's.
  conflict: 'conflict',
  // The product, window or rate is not (or no longer) on the server.
  notFound: 'not-found',
  // The server no longer supports this version of the app (HTTP 426): update RateDesk (issue 14).
  updateRequired: 'update-required',
  // The cache is older than the firm's offline policy allows (issue 14): connect and sync before quoting.
  cacheExpired: 'cache-expired',
} as const;
export type DesktopErrorCode = (typeof desktopErrorCodes)[keyof typeof desktopErrorCodes];

export const DesktopErrorIssue = z.object({
  /**
   * The field of the request, dotted: "maximumInvestment", "effectiveDate", "surrenderSchedule.2".
   * For the update calls the path names the field of the product or window being edited
   * ("maximumInvestment", not "patch.maximumInvestment"); "" means the request as a whole.
   */
  path: z.string(),
  message: z.string(),
});
export type DesktopErrorIssue = z.infer<typeof DesktopErrorIssue>;

export const desktopErrorSchema = z.object({
  code: z.enum(desktopErrorCodes),
  message: z.string().min(1),
  /** For invalid-request (and conflicts that name a field): each field and reason. */
  issues: z.array(DesktopErrorIssue).optional(),
});
export type DesktopError = z.infer<typeof desktopErrorSchema>;

// Errors thrown across IPC lose their type and gain a noisy prefix, so every call resolves to a
// result the renderer can switch on instead of rejecting.
export type DesktopResult<T> = { ok: true; value: T } | { ok: false; error: DesktopError };

export function desktopResultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: desktopErrorSchema }),
  ]);
}

/**
 * One method of the contract: the arguments the renderer may send (validated in main, the
 * renderer is not trusted) and the value main answers with (checked before it leaves main).
 */
export interface MethodContract {
  args: z.ZodType<readonly unknown[]>;
  result: z.ZodType;
}
export type MethodTable = Readonly<Record<string, MethodContract>>;

/** Main-to-renderer events: the DesktopApi function that subscribes, and what each event carries. */
export type EventTable = Readonly<Record<`on${string}`, z.ZodType>>;
