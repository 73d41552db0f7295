// Checks Okta access tokens (JWTs) locally: signature against the issuer's published keys, then
// issuer, audience and lifetime; then turns the groups claim into roles. No call to Okta per request:
// the keys are fetched once, cached, and refetched only when a token names a key we have not seen.
import { createHash } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { rolesFromGroups, type GroupRoleMapping, type Role } from '../../src-shared/roles.js';
import { AuthError } from './auth-error.js';

export interface AccessTokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Skips discovery when given (e.g. a network that cannot reach the discovery document). */
  jwksUri?: string | undefined;
  clockToleranceSeconds: number;
  groupsClaim: string;
  groupRoles: GroupRoleMapping;
  /** How long a failed key fetch or an unknown key id waits before the keys are fetched again. */
  jwksCooldownMs?: number;
  fetchTimeoutMs?: number;
}

export interface VerifiedPrincipal {
  /**
   * The stable Okta user id (users.okta_user_id). Okta access tokens carry the login in `sub` and
   * the user id in `uid`; tokens without `uid` (other issuers) use `sub`.
   */
  subject: string;
  email: string | undefined;
  name: string | undefined;
  roles: Role[];
  groups: string[];
  scopes: string[];
  clientId: string | undefined;
  expiresAt: Date;
  /** `iat`: when the identity provider issued the token (the maximum token age counts from it). */
  issuedAt: Date | undefined;
  /** sha256 hex of the raw token (user_sessions.jwt_token_hash): identifies it without storing it. */
  tokenHash: string;
  /** Okta session id (`sid`) when present, else the token id (`jti`). */
  sessionId: string | undefined;
}

export interface AccessTokenVerifier {
  verify(token: string | undefined): Promise<VerifiedPrincipal>;
}

// Only what we read is checked here; signature, iss, aud and exp are jose's job above.
const ClaimsSchema = z.object({
  sub: z.string().min(1),
  uid: z.string().min(1).optional(),
  exp: z.number(),
  iat: z.number().optional(),
  email: z.string().optional(),
  name: z.string().optional(),
  cid: z.string().optional(),
  client_id: z.string().optional(),
  scp: z.array(z.string()).optional(),
  scope: z.string().optional(),
  sid: z.string().optional(),
  jti: z.string().optional(),
});
const GroupsSchema = z.array(z.string()).optional();

const DiscoverySchema = z.object({ issuer: z.string(), jwks_uri: z.url() });

/** The token from an `Authorization: Bearer <token>` header, or undefined when there is none. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new AuthError('invalid_token', 'Authorization header must be "Bearer <access token>"');
  return match[1];
}

export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const issuer = options.issuer.replace(/\/+$/, '');
  const fetchTimeoutMs = options.fetchTimeoutMs ?? 5_000;
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  let keysPending: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;

  async function keySet(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    if (keys) return keys;
    // One discovery fetch shared by concurrent first requests; forgotten on failure so a later
    // request retries instead of the server staying broken until restart.
    keysPending ??= (async () => {
      const jwksUri = options.jwksUri ?? (await discoverJwksUri(issuer, fetchTimeoutMs));
      keys = createRemoteJWKSet(new URL(jwksUri), {
        cooldownDuration: options.jwksCooldownMs ?? 30_000,
        cacheMaxAge: 10 * 60_000,
        timeoutDuration: fetchTimeoutMs,
      });
      return keys;
    })().finally(() => {
      keysPending = undefined;
    });
    return keysPending;
  }

  return {
    async verify(token) {
      if (token === undefined || token.trim() === '') {
        throw new AuthError('missing_token', 'An access token is required (Authorization: Bearer <token>)');
      }
      const jwks = await keySet();
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, jwks, {
          issuer,
          audience: options.audience,
          algorithms: ['RS256'],
          clockTolerance: options.clockToleranceSeconds,
          requiredClaims: ['exp', 'sub'],
        }));
      } catch (error) {
        throw toAuthError(error);
      }

      // A sender-constrained token (DPoP, mTLS) is only safe with its proof, which bearer use lacks.
      if (payload.cnf !== undefined) {
        throw new AuthError('invalid_token', 'sender-constrained access tokens (cnf) are not accepted as bearer tokens');
      }
      const claims = ClaimsSchema.safeParse(payload);
      if (!claims.success) {
        const field = claims.error.issues[0]?.path.join('.') ?? 'payload';
        throw new AuthError('invalid_token', `access token claim "${field}" is missing or malformed`);
      }
      const groups = GroupsSchema.safeParse(payload[options.groupsClaim]);
      if (!groups.success) {
        throw new AuthError('invalid_token', `access token claim "${options.groupsClaim}" must be a list of group names`);
      }
      const c = claims.data;
      const groupNames = groups.data ?? [];
      return {
        subject: c.uid ?? c.sub,
        email: c.email,
        name: c.name,
        groups: groupNames,
        roles: rolesFromGroups(groupNames, options.groupRoles),
        scopes: c.scp ?? c.scope?.split(' ').filter(Boolean) ?? [],
        clientId: c.cid ?? c.client_id,
        expiresAt: new Date(c.exp * 1000),
        issuedAt: c.iat === undefined ? undefined : new Date(c.iat * 1000),
        tokenHash: createHash('sha256').update(token).digest('hex'),
        sessionId: c.sid ?? c.jti,
      };
    },
  };
}

async function discoverJwksUri(issuer: string, timeoutMs: number): Promise<string> {
  const url = `${issuer}/.well-known/openid-configuration`;
  let body: unknown;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    throw new AuthError('issuer_unavailable', `Could not read the identity provider's discovery document at ${url}`, {
      cause: error,
    });
  }
  const discovery = DiscoverySchema.safeParse(body);
  if (!discovery.success) {
    throw new AuthError('issuer_unavailable', `The discovery document at ${url} has no valid jwks_uri`);
  }
  // A document naming another issuer means OKTA_ISSUER points at the wrong authorization server.
  if (discovery.data.issuer.replace(/\/+$/, '') !== issuer) {
    throw new AuthError('issuer_unavailable', `The discovery document at ${url} is for issuer ${discovery.data.issuer}`);
  }
  return discovery.data.jwks_uri;
}

// jose's own messages are fine to show but its errors carry the decoded claims; we keep neither.
function toAuthError(error: unknown): AuthError {
  if (error instanceof joseErrors.JWTExpired) {
    return new AuthError('expired_token', 'access token has expired');
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    const reasons: Record<string, string> = {
      iss: 'access token was issued by another issuer',
      aud: 'access token is not meant for this API (audience)',
      nbf: 'access token is not valid yet',
      iat: 'access token issue time is invalid',
    };
    return new AuthError('invalid_token', reasons[error.claim] ?? `access token claim "${error.claim}" is invalid`);
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) {
    return new AuthError('invalid_token', 'access token must be signed with RS256');
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return new AuthError('invalid_token', 'access token signature is invalid');
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) {
    return new AuthError('invalid_token', 'access token is signed with a key the issuer does not publish');
  }
  // Key fetch failures (network, timeout, non-200, bad JSON) say nothing about the token itself.
  const keyFetchFailed =
    !(error instanceof joseErrors.JOSEError) ||
    error instanceof joseErrors.JWKSTimeout ||
    error instanceof joseErrors.JWKSInvalid ||
    error.code === 'ERR_JOSE_GENERIC';
  if (keyFetchFailed) {
    return new AuthError('issuer_unavailable', "Could not fetch the identity provider's signing keys", {
      cause: error instanceof joseErrors.JOSEError ? error.cause : error,
    });
  }
  return new AuthError('invalid_token', 'access token is malformed');
}
