// Keeps users, user_roles and user_sessions in step with verified access tokens. Okta is the
// source of truth: the first token of a person creates their user row, their groups decide their
// roles (granted and revoked here, never deleted), and each new token is a sign-in (or a refresh)
// recorded as a session identified by the token's SHA-256, never the token itself.
import { sql, type Transaction } from 'kysely';
import { ALL_ROLES, type GroupRoleMapping, type Role } from '../../src-shared/roles.js';
import { AuthError } from '../auth/auth-error.js';
import type { VerifiedPrincipal } from '../auth/verify-access-token.js';
import type { Database } from '../db/schema.js';
import type { RequestUser } from '../http/request-context.js';
import { recordAudit, type AuditContext, type NewAuditEntry } from '../audit/record-audit.js';
import { timestamp } from '../admin/catalog-rows.js';

export interface SignInMeta {
  ipAddress: string | null;
  userAgent: string | null;
  requestId: string;
  clientRequestId: string | null;
}

/** last_activity is refreshed at most this often per session: a busy client must not write per request. */
export const LAST_ACTIVITY_INTERVAL_MS = 60_000;
/** Who user_roles says granted a role that came from an Okta group. */
export const OKTA_GRANTOR = 'okta';

const EMAIL = /^[^@\s]+@[^@\s]+$/;

function splitName(name: string | undefined): { firstName: string; lastName: string } {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  return { firstName: (parts[0] ?? '').slice(0, 100), lastName: parts.slice(1).join(' ').slice(0, 100) };
}

/**
 * Finds or creates the caller's user, syncs their roles from the token and finds or creates the
 * session of this token. Runs in `trx`; concurrent first requests of one person are serialized by
 * an advisory lock on their Okta id, so they cannot create two users or two sessions.
 */
export async function recordSignIn(
  trx: Transaction<Database>,
  principal: VerifiedPrincipal,
  groupRoles: GroupRoleMapping,
  meta: SignInMeta,
  now: Date,
): Promise<RequestUser> {
  const email = principal.email?.trim().toLowerCase();
  if (!email || !EMAIL.test(email) || email.length > 255) {
    throw new AuthError('invalid_token', 'access token has no usable "email" claim (add it to the authorization server; see docs/okta-setup.md)');
  }
  if (principal.subject.length > 255) throw new AuthError('invalid_token', 'access token subject is too long');

  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`ratedesk:user:${principal.subject}`}, 0))`.execute(trx);

  const { firstName, lastName } = splitName(principal.name);
  let user = await trx
    .selectFrom('users')
    .select(['userId', 'email', 'firstName', 'lastName', 'isActive'])
    .where('oktaUserId', '=', principal.subject)
    .executeTakeFirst();
  if (!user) {
    user = await trx
      .insertInto('users')
      .values({ oktaUserId: principal.subject, email, firstName, lastName })
      .returning(['userId', 'email', 'firstName', 'lastName', 'isActive'])
      .executeTakeFirstOrThrow();
  } else if (user.email !== email || (principal.name !== undefined && (user.firstName !== firstName || user.lastName !== lastName))) {
    const changes = principal.name !== undefined ? { email, firstName, lastName } : { email };
    await trx.updateTable('users').set(changes).where('userId', '=', user.userId).execute();
  }
  if (!user.isActive) {
    throw new AuthError('forbidden', 'this RateDesk account is deactivated; ask an administrator');
  }
  const userId = user.userId;

  const existing = await trx.selectFrom('userSessions').select(['sessionId', 'isActive', 'lastActivity']).where('jwtTokenHash', '=', principal.tokenHash).where('userId', '=', userId).executeTakeFirst();
  if (existing && !existing.isActive) {
    throw new AuthError('invalid_token', 'this sign-in has ended; sign in again');
  }

  let sessionId: string;
  if (existing) {
    sessionId = existing.sessionId;
    if (now.getTime() - new Date(timestamp(existing.lastActivity)).getTime() >= LAST_ACTIVITY_INTERVAL_MS) {
      await trx.updateTable('userSessions').set({ lastActivity: sql`now()` }).where('sessionId', '=', sessionId).execute();
    }
  } else {
    const session = await trx
      .insertInto('userSessions')
      .values({
        userId,
        oktaSessionId: principal.sessionId?.slice(0, 255) ?? null,
        jwtTokenHash: principal.tokenHash,
        ipAddress: meta.ipAddress,
        userAgent: meta.userAgent?.slice(0, 512) ?? null,
        // The token lifetime is the session's: a refresh brings a new token and a new session row.
        expiresAt: principal.expiresAt.getTime() > now.getTime() ? principal.expiresAt : new Date(now.getTime() + 1_000),
      })
      .returning('sessionId')
      .executeTakeFirstOrThrow();
    sessionId = session.sessionId;
    await trx.updateTable('users').set({ lastLogin: now }).where('userId', '=', userId).execute();
  }

  const audit: AuditContext = { userId, sessionId, ...meta };
  await syncRoles(trx, userId, principal.roles, groupRoles, audit);
  if (!existing) {
    await recordAudit(trx, audit, {
      action: 'LOGIN',
      tableName: 'user_sessions',
      recordId: sessionId,
      newValues: { clientId: principal.clientId ?? null, roles: principal.roles, expiresAt: principal.expiresAt.toISOString() },
    });
  }

  return { userId, oktaUserId: principal.subject, email, roles: principal.roles, sessionId };
}

async function syncRoles(
  trx: Transaction<Database>,
  userId: string,
  tokenRoles: readonly Role[],
  groupRoles: GroupRoleMapping,
  audit: AuditContext,
): Promise<void> {
  const rows = await trx.selectFrom('userRoles').select(['userRoleId', 'roleName', 'revokedAt', 'oktaGroupName']).where('userId', '=', userId).execute();
  const byRole = new Map(rows.map((row) => [row.roleName, row]));
  const auditRole = (action: 'ROLE_GRANTED' | 'ROLE_REVOKED', userRoleId: string, values: Pick<NewAuditEntry, 'oldValues' | 'newValues'>) =>
    recordAudit(trx, audit, { action, tableName: 'user_roles', recordId: userRoleId, ...values });
  for (const role of ALL_ROLES) {
    const row = byRole.get(role);
    const held = tokenRoles.includes(role);
    const group = groupRoles[role];
    if (held && !row) {
      const inserted = await trx
        .insertInto('userRoles')
        .values({ userId, roleName: role, oktaGroupName: group, assignedBy: OKTA_GRANTOR })
        .returning('userRoleId')
        .executeTakeFirstOrThrow();
      await auditRole('ROLE_GRANTED', inserted.userRoleId, { newValues: { role, oktaGroupName: group } });
    } else if (held && row && row.revokedAt !== null) {
      await trx
        .updateTable('userRoles')
        .set({ revokedAt: null, revokedBy: null, assignedAt: sql`now()`, assignedBy: OKTA_GRANTOR, oktaGroupName: group })
        .where('userRoleId', '=', row.userRoleId)
        .execute();
      await auditRole('ROLE_GRANTED', row.userRoleId, { oldValues: { role, revokedAt: row.revokedAt }, newValues: { role, oktaGroupName: group } });
    } else if (!held && row && row.revokedAt === null) {
      await trx.updateTable('userRoles').set({ revokedAt: sql`now()`, revokedBy: OKTA_GRANTOR }).where('userRoleId', '=', row.userRoleId).execute();
      await auditRole('ROLE_REVOKED', row.userRoleId, { oldValues: { role, oktaGroupName: row.oktaGroupName }, newValues: { role, revokedBy: OKTA_GRANTOR } });
    }
  }
}
