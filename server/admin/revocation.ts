// Revoking and reinstating a device (a lost laptop) or a user's access to RateDesk (issue 14), each
// change audited in its own transaction (DEACTIVATE / REACTIVATE with the reason). A device that
// never synced can be revoked all the same: its row is created, so it is refused at first contact.
// Also the one query the revocation hook (server/plugins/revocation.ts) asks per caller.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DeviceAccess, UserAccess } from '../../src-shared/admin/access-revocation.js';
import { AuditActionType } from '../../src-shared/admin/audit.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Database } from '../db/schema.js';
import { notFound, ProblemCode, ProblemError } from '../http/problem.js';
import type { Actor } from './actor.js';
import { auditValues, timestamp } from './catalog-rows.js';

interface RevocationColumns {
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

function deviceAccess(deviceId: string, row: RevocationColumns | undefined): DeviceAccess {
  return {
    deviceId,
    revokedAt: row?.revokedAt == null ? null : timestamp(row.revokedAt),
    revokedBy: row?.revokedBy ?? null,
    reason: row?.revokeReason ?? null,
  };
}

async function lockDevice(trx: Transaction<Database>, deviceId: string): Promise<RevocationColumns | undefined> {
  return trx.selectFrom('devices').select(['revokedAt', 'revokedBy', 'revokeReason']).where('deviceId', '=', deviceId).forUpdate().executeTakeFirst();
}

/** What the audit row keeps of a revocation: when cleared, the fields as they were. */
function revocationAudit(access: DeviceAccess | UserAccess) {
  return auditValues({ revokedAt: access.revokedAt, revokedBy: access.revokedBy, reason: access.reason });
}

export async function revokeDevice(trx: Transaction<Database>, actor: Actor, deviceId: string, reason: string): Promise<DeviceAccess> {
  const id = deviceId.toLowerCase();
  const before = deviceAccess(id, await lockDevice(trx, id));
  const revocation = { revokedAt: sql<string>`now()`, revokedBy: actor.audit.userId, revokeReason: reason };
  const row = await trx
    .insertInto('devices')
    .values({ deviceId: id, ...revocation })
    .onConflict((conflict) => conflict.column('deviceId').doUpdateSet(revocation))
    .returning(['revokedAt', 'revokedBy', 'revokeReason'])
    .executeTakeFirstOrThrow();
  const after = deviceAccess(id, row);
  await recordAudit(trx, actor.audit, { action: AuditActionType.deactivate, tableName: 'devices', recordId: id, oldValues: revocationAudit(before), newValues: revocationAudit(after) });
  return after;
}

export async function reinstateDevice(trx: Transaction<Database>, actor: Actor, deviceId: string): Promise<DeviceAccess> {
  const id = deviceId.toLowerCase();
  const row = await lockDevice(trx, id);
  if (row === undefined) throw notFound(`Device ${id}`);
  const before = deviceAccess(id, row);
  if (before.revokedAt === null) return before;
  await trx.updateTable('devices').set({ revokedAt: null, revokedBy: null, revokeReason: null }).where('deviceId', '=', id).execute();
  const after = deviceAccess(id, undefined);
  await recordAudit(trx, actor.audit, { action: AuditActionType.reactivate, tableName: 'devices', recordId: id, oldValues: revocationAudit(before), newValues: revocationAudit(after) });
  return after;
}

async function lockUser(trx: Transaction<Database>, userId: string): Promise<UserAccess> {
  const row = await trx
    .selectFrom('users')
    .select(['userId', 'email', 'accessRevokedAt', 'accessRevokedBy', 'accessRevokeReason'])
    .where('userId', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (row === undefined) throw notFound(`User ${userId}`);
  return userAccess(row);
}

function userAccess(row: { userId: string; email: string; accessRevokedAt: string | null; accessRevokedBy: string | null; accessRevokeReason: string | null }): UserAccess {
  return {
    userId: row.userId,
    email: row.email,
    revokedAt: row.accessRevokedAt === null ? null : timestamp(row.accessRevokedAt),
    revokedBy: row.accessRevokedBy,
    reason: row.accessRevokeReason,
  };
}

async function setUserRevocation(trx: Transaction<Database>, actor: Actor, userId: string, reason: string | null): Promise<UserAccess> {
  const id = userId.toLowerCase();
  const before = await lockUser(trx, id);
  if (reason === null && before.revokedAt === null) return before;
  const row = await trx
    .updateTable('users')
    .set(reason === null ? { accessRevokedAt: null, accessRevokedBy: null, accessRevokeReason: null } : { accessRevokedAt: sql<string>`now()`, accessRevokedBy: actor.audit.userId, accessRevokeReason: reason })
    .where('userId', '=', id)
    .returning(['userId', 'email', 'accessRevokedAt', 'accessRevokedBy', 'accessRevokeReason'])
    .executeTakeFirstOrThrow();
  const after = userAccess(row);
  await recordAudit(trx, actor.audit, {
    action: reason === null ? AuditActionType.reactivate : AuditActionType.deactivate,
    tableName: 'users',
    recordId: id,
    oldValues: revocationAudit(before),
    newValues: revocationAudit(after),
  });
  return after;
}

export async function revokeUser(trx: Transaction<Database>, actor: Actor, userId: string, reason: string): Promise<UserAccess> {
  // An admin locking themselves out would need another admin (or the database) to undo it.
  if (userId.toLowerCase() === actor.audit.userId?.toLowerCase()) {
    throw new ProblemError(409, ProblemCode.conflict, 'You cannot revoke your own access', { detail: 'params.userId: is your own user; ask another admin', issues: [{ path: 'params.userId', message: 'is your own user; ask another admin' }] });
  }
  return setUserRevocation(trx, actor, userId, reason);
}

export function reinstateUser(trx: Transaction<Database>, actor: Actor, userId: string): Promise<UserAccess> {
  return setUserRevocation(trx, actor, userId, null);
}

export interface ActiveRevocation {
  scope: 'device' | 'user';
  reason: string;
}

/** Whether the caller is revoked, the device first (a lost laptop stops whoever uses it). */
export async function activeRevocation(db: Kysely<Database>, deviceId: string | undefined, userId: string): Promise<ActiveRevocation | null> {
  if (deviceId !== undefined) {
    const device = await db.selectFrom('devices').select('revokeReason').where('deviceId', '=', deviceId).where('revokedAt', 'is not', null).executeTakeFirst();
    if (device?.revokeReason) return { scope: 'device', reason: device.revokeReason };
  }
  const user = await db.selectFrom('users').select('accessRevokeReason').where('userId', '=', userId).where('accessRevokedAt', 'is not', null).executeTakeFirst();
  return user?.accessRevokeReason ? { scope: 'user', reason: user.accessRevokeReason } : null;
}
