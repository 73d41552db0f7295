// App updates (issue 14): what the updater found, and the rep's say-so to install it. An update is
// downloaded in the background but installed only when the rep asks ("Install update and
// restart") or, if they agreed, when they quit: never in the middle of a client meeting. A host
// that cannot update itself (the browser host, a development build) answers `unsupported`.
import { z } from 'zod';
import type { MethodTable } from './results.js';

/**
 * unsupported: this host or build does not update itself (web host, development, no HTTPS feed);
 * idle: not checked yet; checking; up-to-date; downloading: a newer version is available to this
 * laptop (within its staged rollout); ready: downloaded, waiting for the rep's say-so; error: the
 * last check or download failed (retried at the next daily check).
 */
export const UpdateStateSchema = z.enum(['unsupported', 'idle', 'checking', 'up-to-date', 'downloading', 'ready', 'error']);
export type UpdateState = z.infer<typeof UpdateStateSchema>;

export const UpdateStatus = z.strictObject({
  state: UpdateStateSchema,
  /** The version found in the feed (downloading or ready). */
  availableVersion: z.string().min(1).max(64).optional(),
  /** The rep agreed to install the downloaded update when they quit RateDesk. */
  installAtQuit: z.boolean(),
  /** ISO-8601 UTC of the last completed check; null before the first. */
  lastCheckedAt: z.string().nullable(),
  /** Why the last check failed, in words for the rep. */
  reason: z.string().max(500).optional(),
});
export type UpdateStatus = z.infer<typeof UpdateStatus>;

export const InstallUpdateRequest = z.strictObject({
  /** now: quit and install at once; at-quit: install when the rep next quits (false withdraws it). */
  when: z.enum(['now', 'at-quit']),
  agreed: z.boolean().default(true),
});

export const updateMethods = {
  updateStatus: { args: z.tuple([]), result: UpdateStatus },
  installUpdate: { args: z.tuple([InstallUpdateRequest]), result: UpdateStatus },
} as const satisfies MethodTable;
