// Retiring (isActive false, the tombstone the sync carries) and restoring catalog records is audited
// the same way for every table: the flag before and after, with the admin's reason when given.
import type { NewAuditEntry } from '../audit/record-audit.js';

export function activeChangeAudit(tableName: string, recordId: string, active: boolean, reason: string | undefined): NewAuditEntry {
  return {
    action: active ? 'REACTIVATE' : 'DEACTIVATE',
    tableName,
    recordId,
    oldValues: { isActive: !active },
    newValues: { isActive: active, ...(reason ? { reason } : {}) },
  };
}
