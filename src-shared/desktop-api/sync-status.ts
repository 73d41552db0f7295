// Sync status: what the sync engine reports (its own schema, src-shared/sync/status.ts, is the
// contract's), a run on demand, and every change pushed as it happens.
import { z } from 'zod';
import { SyncState, SyncStatus } from '../sync/status.js';
import type { EventTable, MethodTable } from './results.js';

export { SyncState, SyncStatus };

export const syncStatusMethods = {
  syncStatus: { args: z.tuple([]), result: SyncStatus },
  syncNow: { args: z.tuple([]), result: SyncStatus },
} as const satisfies MethodTable;

export const syncStatusEvents = {
  /** Every sync status change. */
  onSyncStatus: SyncStatus,
} as const satisfies EventTable;
