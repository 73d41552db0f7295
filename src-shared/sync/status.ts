// What the desktop sync engine reports to the UI (src-main/sync/engine.ts, run-status.ts): its state, progress of a
// download, the last successful sync, the outbox and how old the cached catalog is. A zod schema so
// the renderer can validate what crosses the IPC boundary.
import { z } from 'zod';

export const SyncState = {
  idle: 'idle',
  syncing: 'syncing',
  /** The server or the identity provider cannot be reached; retried on the timer and when the network returns. */
  offline: 'offline',
  /** The sign-in ended; nothing is lost, uploads wait until the rep signs in again. */
  needsSignIn: 'needs-sign-in',
  /** A failure that needs attention (server error, refused access, bad answer); `reason` says which. */
  error: 'error',
  /** The server no longer supports this app's protocol: the rep works offline on the cache until the update (issue 14). */
  updateRequired: 'update-required',
  /** An admin revoked this device or user: what was pending went up, then the cache and sign-in were wiped. */
  revoked: 'revoked',
} as const;
export const SyncStateSchema = z.enum(SyncState);
export type SyncState = z.infer<typeof SyncStateSchema>;

/**
 * Where a comparison saved on this computer is on its way to the server (the outbox's status):
 * waiting (or backing off), being sent, applied by the server, or rejected with its reason.
 */
export const UploadStatus = { pending: 'pending', uploading: 'uploading', applied: 'applied', rejected: 'rejected' } as const;
export const UploadStatusSchema = z.enum(UploadStatus);
export type UploadStatus = z.infer<typeof UploadStatusSchema>;

export const SyncProgress = z.object({
  rowsApplied: z.int().nonnegative(),
  /** Estimated while downloading (see the engine); absent when unknown. */
  rowsTotal: z.int().nonnegative().optional(),
  /** 0..100, never decreasing within a run, 100 when the download is complete. */
  percent: z.int().min(0).max(100).optional(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

/** Beyond this the status bar says the laptop's clock is off (business dates are corrected whatever the size). */
export const CLOCK_SKEW_WARNING_MS = 2 * 60_000;

export const SyncStatus = z.object({
  state: SyncStateSchema,
  /** Why the run stopped, in words for the rep: no request lines, channels or table names. */
  reason: z.string().optional(),
  /** The technical detail behind `reason` (the request, the underlying error), for a "details" toggle and support. */
  detail: z.string().optional(),
  progress: SyncProgress.optional(),
  /** ISO-8601 UTC; null before the first complete sync. Persisted, so it survives a restart. */
  lastSuccessfulSyncAt: z.string().nullable(),
  /** Comparisons saved here and not yet confirmed by the server. */
  pendingUploads: z.int().nonnegative(),
  /** Comparisons the server refused; they stay listed with its reason. */
  rejectedUploads: z.int().nonnegative(),
  /**
   * Comparisons saved on this laptop before comparisons had owners, with no stored session to
   * assign them to: held (listed, printed and uploaded for no one) until their rep signs in here.
   * Absent when there are none.
   */
  heldComparisons: z.int().positive().optional(),
  /** Whole days since the last successful sync; null before the first. */
  cacheAgeDays: z.int().nonnegative().nullable(),
  /** True when the cache is older than the configured warning threshold (or was never synced). */
  stale: z.boolean(),
  // Issue 14. Optional so statuses from before them still parse.
  /** When the cache stops quoting under the server's offline policy (ISO-8601 UTC); null before a first sync. */
  cacheValidUntil: z.string().nullable().optional(),
  /** True past cacheValidUntil (or never synced): the app shows "connect to refresh" instead of quoting. */
  cacheExpired: z.boolean().optional(),
  /** The laptop clock minus the server's, in ms, as last measured; absent before any answer. */
  clockSkewMs: z.int().optional(),
  /** The minimum protocol the server named with its 426, when the state is update-required. */
  minimumProtocolVersion: z.int().positive().optional(),
  /** Why access was revoked (the admin's reason) and whether the device or the user was revoked. */
  revocation: z.object({ scope: z.enum(['device', 'user']), reason: z.string() }).optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;
