// Ending a desktop session at the development identity provider, as an administrator (or an
// expired refresh token) would: the laptop then holds a refresh token that no longer works.
import { expect } from 'vitest';

/** The desktop app's OpenID Connect client id (src-main/settings/settings.ts, server/dev-idp/demo-directory.ts). */
export const DESKTOP_CLIENT_ID = 'ratedesk-desktop';

export async function revokeRefreshToken(issuer: string, refreshToken: string): Promise<void> {
  const response = await fetch(`${issuer}/v1/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token', client_id: DESKTOP_CLIENT_ID }).toString(),
  });
  expect(response.status).toBe(200);
}
