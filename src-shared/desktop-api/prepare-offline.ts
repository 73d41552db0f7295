// "Prepare for offline" (issue 14): before a rep leaves the network (a flight, a client's office
// without Wi-Fi), one action uploads what is waiting, syncs, verifies the copy against the server's
// checksums, and says either that the laptop is ready (rates as of which day, quoting until when) or
// what is still missing, in words the rep can act on.
import { z } from 'zod';
import type { MethodTable } from './results.js';

export const OfflineReadiness = z.discriminatedUnion('ready', [
  z.object({
    ready: z.literal(true),
    /** The business date the rates on this laptop are current for (YYYY-MM-DD, the server's business day). */
    ratesAsOf: z.iso.date(),
    /** The sync that just completed (ISO-8601 UTC). */
    lastSyncAt: z.string(),
    /** Past this instant the cache stops quoting (the server's offline policy). */
    cacheValidUntil: z.string(),
    pendingUploads: z.literal(0),
  }),
  z.object({
    ready: z.literal(false),
    /** One sentence per thing that is missing (offline, comparisons still waiting, sign in, ...). */
    missing: z.array(z.string()).min(1),
  }),
]);
export type OfflineReadiness = z.infer<typeof OfflineReadiness>;

export const prepareOfflineMethods = {
  prepareForOffline: { args: z.tuple([]), result: OfflineReadiness },
} as const satisfies MethodTable;
