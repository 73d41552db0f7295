// What the rest of the app (and, through IPC, the renderer) may know about the sign-in: who, until
// when, and whether tokens survive a restart. Never a token. zod schemas because these values
// cross the IPC boundary; move them to src-shared when the desktop contract gains auth channels.
import { z } from 'zod';
import { NeedsSignInReason } from './auth-errors.js';
import { LastUserSchema } from './last-user.js';
import { SessionUserSchema, TokenPersistence } from './token-vault.js';

export const SessionSummarySchema = z.object({
  user: SessionUserSchema,
  /** ISO instant; a token past it is renewed on the next network call. */
  accessTokenExpiresAt: z.iso.datetime(),
  tokenPersistence: z.enum(TokenPersistence),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

export const SessionStateSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('signed-out'),
    /** Who signed in last on this laptop (not a session: a hint for the sign-in screen). */
    lastUser: LastUserSchema.optional(),
  }),
  SessionSummarySchema.extend({
    status: z.literal('signed-in'),
    /**
     * The last renewal could not reach the identity provider. The rep keeps working on cached
     * data; calls that need the server wait until it is reachable again.
     */
    offline: z.boolean(),
  }),
  z.object({
    status: z.literal('needs-sign-in'),
    reason: z.enum(NeedsSignInReason),
    message: z.string(),
    /** Who was signed in, so the prompt can say "sign in again as ...". */
    user: SessionUserSchema.optional(),
  }),
]);
export type SessionState = z.infer<typeof SessionStateSchema>;

export const SignOutResultSchema = z.discriminatedUnion('needsConfirmation', [
  /** Nothing was done: the rep has uploads that have not reached the server (signing out leaves them waiting; clearing the cache would drop them). */
  z.object({ needsConfirmation: z.literal(true), pendingUploads: z.int().positive() }),
  z.object({
    needsConfirmation: z.literal(false),
    /** False when the identity provider could not be told (offline); local tokens are gone anyway. */
    revoked: z.boolean(),
    cacheCleared: z.boolean(),
  }),
]);
export type SignOutResult = z.infer<typeof SignOutResultSchema>;
