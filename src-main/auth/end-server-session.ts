// At sign-out, the server is told to end the session of the rep's access token
// (POST /v1/session/sign-out), so the token stops working there at once instead of when it expires.
// Best effort and quick: one try, no token renewal (a renewed token would open a new session just
// to end it), a short timeout, and every failure (offline, already ended, a refusal) is swallowed:
// the sign-out on this laptop goes ahead regardless, and the identity provider revokes the tokens
// after it.
import { SIGN_OUT_PATH } from '../../src-shared/sign-out.js';
import { installationHeaders, type Installation } from '../http/authorized-request.js';

/** How long a sign-out waits for the server to end the session. */
export const END_SERVER_SESSION_MS = 3_000;

export interface EndServerSessionOptions {
  baseUrl: string;
  accessToken: string;
  installation?: Installation;
  userAgent?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** True when the server answered that the session is ended; false for every failure. */
export async function endServerSession(options: EndServerSessionOptions): Promise<boolean> {
  const send = options.fetch ?? fetch;
  try {
    const response = await send(`${options.baseUrl}${SIGN_OUT_PATH}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.accessToken}`,
        accept: 'application/json',
        ...installationHeaders(options.installation),
        ...(options.userAgent === undefined ? {} : { 'user-agent': options.userAgent }),
      },
      signal: AbortSignal.timeout(options.timeoutMs ?? END_SERVER_SESSION_MS),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
