// Okta's /v1/userinfo accepts the access tokens its authorization server issues for the API.
// oidc-provider refuses tokens that carry an API audience there, so this endpoint is ours: it
// checks the JWT with the provider's own key and answers with the scoped profile claims.
// okta-auth-js's getUserInfo() compares the `sub` it gets here with the ID token's `sub`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jwtVerify, type CryptoKey, type KeyObject } from 'jose';
import { z } from 'zod';
import { displayName, findUserBySubject, type DemoUser } from './demo-directory.js';

const TokenClaimsSchema = z.object({ uid: z.string(), scp: z.array(z.string()) });

export interface UserinfoOptions {
  issuer: string;
  audience: string;
  publicKey: CryptoKey | KeyObject;
  users: readonly DemoUser[];
}

export async function handleUserinfo(req: IncomingMessage, res: ServerResponse, options: UserinfoOptions): Promise<void> {
  res.setHeader('cache-control', 'no-store');
  if (req.method !== 'GET' && req.method !== 'POST') {
    res.setHeader('allow', 'GET, POST');
    return sendJson(res, 405, { error: 'invalid_request', error_description: 'use GET or POST' });
  }
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) {
    res.setHeader('www-authenticate', 'Bearer');
    return sendJson(res, 401, { error: 'invalid_request', error_description: 'a bearer access token is required' });
  }

  let claims: z.infer<typeof TokenClaimsSchema>;
  try {
    const { payload } = await jwtVerify(match[1], options.publicKey, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: ['RS256'],
    });
    claims = TokenClaimsSchema.parse(payload);
  } catch {
    return refuse(res, 'invalid_token', 'the access token is invalid or expired');
  }
  if (!claims.scp.includes('openid')) return refuse(res, 'insufficient_scope', 'the access token lacks the openid scope');
  const user = findUserBySubject(options.users, claims.uid);
  if (!user) return refuse(res, 'invalid_token', 'the user no longer exists');

  const scopes = new Set(claims.scp);
  sendJson(res, 200, {
    sub: user.subject,
    groups: user.groups,
    ...(scopes.has('email') ? { email: user.email, email_verified: true } : {}),
    ...(scopes.has('profile')
      ? { name: displayName(user), given_name: user.givenName, family_name: user.familyName, preferred_username: user.email }
      : {}),
  });
}

function refuse(res: ServerResponse, error: string, description: string): void {
  const status = error === 'insufficient_scope' ? 403 : 401;
  res.setHeader('www-authenticate', `Bearer error="${error}", error_description="${description}"`);
  sendJson(res, status, { error, error_description: description });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}
