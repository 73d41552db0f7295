// The sign-in session as the renderer may know it: never a token. These results are strict
// objects, so a handler that returned an extra field (a token picked up by a spread, say) fails
// its contract check in main instead of handing that field to the renderer.
import { z } from 'zod';
import { typeMessage } from '../errors.js';
import { IsoTimestampString } from '../validation/decimal-strings.js';
import type { EventTable, MethodTable } from './results.js';

export const SessionUserView = z.strictObject({
  subject: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  groups: z.array(z.string()),
});
export type SessionUserView = z.infer<typeof SessionUserView>;

/** Who signed in last on this laptop, kept after a sign-out so the sign-in screen can say whose session ended. */
export const LastUserView = z.strictObject({
  subject: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
});
export type LastUserView = z.infer<typeof LastUserView>;

export const AuthState = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('signed-out'), lastUser: LastUserView.optional() }),
  z.strictObject({
    status: z.literal('signed-in'),
    user: SessionUserView,
    accessTokenExpiresAt: IsoTimestampString,
    tokenPersistence: z.enum(['encrypted', 'memory-only']),
    offline: z.boolean(),
  }),
  z.strictObject({
    status: z.literal('needs-sign-in'),
    reason: z.string(),
    message: z.string(),
    user: SessionUserView.optional(),
  }),
]);
export type AuthState = z.infer<typeof AuthState>;

export const AuthSignInResult = z.strictObject({
  state: AuthState,
  /** Why signing in did not complete (cancelled, timed out, refused); null on success. */
  failure: z.string().nullable(),
});
export type AuthSignInResult = z.infer<typeof AuthSignInResult>;

export const AuthSignOutRequest = z.strictObject({
  /** Also delete the local cache (catalog, saved comparisons, pending uploads). */
  clearCache: z.boolean({ error: typeMessage('true or false') }).default(false),
  /** The rep saw the pending-upload warning and still wants the cache gone. */
  confirmed: z.boolean({ error: typeMessage('true or false') }).default(false),
});
export type AuthSignOutRequest = z.input<typeof AuthSignOutRequest>;

export const AuthSignOutResult = z.discriminatedUnion('needsConfirmation', [
  /** Nothing was done: clearing the cache would drop uploads that have not reached the server. */
  z.strictObject({ needsConfirmation: z.literal(true), pendingUploads: z.int().positive() }),
  z.strictObject({ needsConfirmation: z.literal(false), revoked: z.boolean(), cacheCleared: z.boolean() }),
]);
export type AuthSignOutResult = z.infer<typeof AuthSignOutResult>;

export const sessionMethods = {
  authState: { args: z.tuple([]), result: AuthState },
  signIn: { args: z.tuple([]), result: AuthSignInResult },
  signOut: { args: z.tuple([AuthSignOutRequest]), result: AuthSignOutResult },
} as const satisfies MethodTable;

export const sessionEvents = {
  /** Every sign-in state change. */
  onAuthState: AuthState,
} as const satisfies EventTable;
