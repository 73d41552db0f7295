// The server side of a sign-out (POST /v1/session/sign-out): it ends the session of the token it
// is sent with, so that token is refused from then on instead of working until it expires.
import { z } from 'zod';

export const SIGN_OUT_PATH = '/v1/session/sign-out';

export const SignOutResponse = z.object({
  /** The session that was ended (user_sessions.session_id); null when none was recorded. */
  sessionId: z.string().nullable(),
  /** False when the session had already ended (e.g. by the sign-out record event). */
  ended: z.boolean(),
});
export type SignOutResponse = z.infer<typeof SignOutResponse>;
