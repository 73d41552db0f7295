// Retiring (isActive false, the tombstone the sync carries) and restoring catalog records is audited
// the same way for every table: the flag before and after, with the admin's reason when given.
import type { Transaction } from 'kysely';
import { recordAudit, type NewAuditEntry } from '../audit/record-audit.js';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';

export function activeChangeAudit(tableName: string, recordId: string, active: boolean, reason: string | undefined): NewAuditEntry {
  return {
    action: active ? 'REACTIVATE' : 'DEACTIVATE',
    tableName,
    recordId,
    oldValues: { isActive: !active },
    newValues: { isActive: active, ...(reason ? { reason } : {}) },
  };
}

/** Retires (active false) or restores one record and answers it: what a deactivate/reactivate route calls. */
export type SetActive<T> = (trx: Transaction<Database>, actor: Actor, recordId: string, active: boolean, reason: string | undefined) => Promise<T>;

/**
 * Sets a record's flag under its row lock and audits the change; setting the flag it already has
 * changes and audits nothing, so a repeated click is harmless.
 */
export async function setRecordActive<Row extends { isActive: boolean }, T>(
  trx: Transaction<Database>,
  actor: Actor,
  change: { tableName: string; recordId: string; active: boolean; reason: string | undefined },
  record: { lock: () => Promise<Row>; update: (changes: { isActive: boolean; updatedBy: string }) => Promise<Row>; fromRow: (row: Row) => T },
): Promise<T> {
  const row = await record.lock();
  if (row.isActive === change.active) return record.fromRow(row);
  const updated = await record.update({ isActive: change.active, updatedBy: actor.name });
  await recordAudit(trx, actor.audit, activeChangeAudit(change.tableName, change.recordId, change.active, change.reason));
  return record.fromRow(updated);
}
