// The offline policy (issue 14): how many days a desktop may quote from its cache without a sync.
// One row (migration 20261205000300_sync_policy); admins change it, audited as an UPDATE of
// sync_policy; every pull sends it (server/routes/sync.ts), so a change reaches each laptop at its
// next sync.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { SyncPolicy, SyncPolicyBody } from '../../src-shared/admin/access-revocation.js';
import { AuditActionType } from '../../src-shared/admin/audit.js';
import { DEFAULT_CACHE_POLICY, type CachePolicy } from '../../src-shared/sync/cache-policy.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';
import { timestamp } from './catalog-rows.js';

type PolicyReader = Pick<Kysely<Database>, 'selectFrom'>;

export async function readSyncPolicy(db: PolicyReader): Promise<SyncPolicy> {
  const row = await db.selectFrom('syncPolicy').select(['maxOfflineDays', 'updatedAt', 'updatedBy']).executeTakeFirstOrThrow();
  return { maxOfflineDays: row.maxOfflineDays, updatedAt: timestamp(row.updatedAt), updatedBy: row.updatedBy };
}

/** What a pull sends; the default if the row is missing (it is inserted by its migration, never deleted). */
export async function cachePolicyOf(db: PolicyReader): Promise<CachePolicy> {
  const row = await db.selectFrom('syncPolicy').select('maxOfflineDays').executeTakeFirst();
  return row === undefined ? DEFAULT_CACHE_POLICY : { maxOfflineDays: row.maxOfflineDays };
}

export async function updateSyncPolicy(trx: Transaction<Database>, actor: Actor, body: SyncPolicyBody): Promise<SyncPolicy> {
  const before = await trx.selectFrom('syncPolicy').select('maxOfflineDays').forUpdate().executeTakeFirstOrThrow();
  if (before.maxOfflineDays === body.maxOfflineDays) return readSyncPolicy(trx);
  await trx.updateTable('syncPolicy').set({ maxOfflineDays: body.maxOfflineDays, updatedAt: sql<string>`now()`, updatedBy: actor.audit.userId }).execute();
  await recordAudit(trx, actor.audit, {
    action: AuditActionType.update,
    tableName: 'sync_policy',
    recordId: null,
    oldValues: { maxOfflineDays: before.maxOfflineDays },
    newValues: { maxOfflineDays: body.maxOfflineDays },
  });
  return readSyncPolicy(trx);
}
