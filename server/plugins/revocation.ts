// Refuses every request of a revoked device (the x-ratedesk-device header) or revoked user with 403
// access-revoked, naming the scope and the admin's reason, so the laptop can say why it wipes
// itself. The uploads stay open: what the rep saved (comparisons, prints, sign-outs) must still
// reach the compliance record, and the laptop uploads it before it wipes; so does signing out.
//
// Cheap: one indexed lookup per device and user, remembered for REVOCATION_CACHE_MS, so another
// server instance honours a revocation within that time; the instance that wrote it forgets at
// once (forgetRevocations, called by the admin routes after their commit).
import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import { readClientReport } from '../../src-shared/sync/client-report.js';
import { activeRevocation, type ActiveRevocation } from '../admin/revocation.js';
import { ProblemCode, ProblemError } from '../http/problem.js';

/** Well under the minute a revocation may take to reach every instance. */
export const REVOCATION_CACHE_MS = 30_000;

/**
 * Open to a revoked caller: the routes that carry what the rep already saved, and ending one's
 * own session (which only takes access away).
 */
const OPEN_TO_REVOKED: ReadonlySet<string> = new Set(['POST /v1/sync/push', 'POST /v1/records/events', 'POST /v1/session/sign-out']);

declare module 'fastify' {
  interface FastifyInstance {
    /** Drops the remembered revocations (after an admin revoked or reinstated someone). */
    forgetRevocations(): void;
  }
}

export function revocationPlugin(app: FastifyInstance, options: { cacheMs?: number; maxEntries?: number } = {}): void {
  const cache = new LRUCache<string, { revocation: ActiveRevocation | null }>({ max: options.maxEntries ?? 20_000, ttl: options.cacheMs ?? REVOCATION_CACHE_MS });
  app.decorate('forgetRevocations', () => cache.clear());

  app.addHook('onRequest', async (request) => {
    const user = request.user;
    if (request.is404 || user === undefined) return;
    if (OPEN_TO_REVOKED.has(`${request.method} ${request.routeOptions.url ?? ''}`)) return;
    const deviceId = readClientReport(request.headers).deviceId;
    const key = `${deviceId ?? '-'} ${user.userId}`;
    let entry = cache.get(key);
    if (entry === undefined) {
      entry = { revocation: await activeRevocation(app.db, deviceId, user.userId) };
      cache.set(key, entry);
    }
    const { revocation } = entry;
    if (revocation === null) return;
    const whose = revocation.scope === 'device' ? 'this device' : 'your user';
    throw new ProblemError(403, ProblemCode.accessRevoked, 'Access revoked', {
      detail: `An administrator revoked RateDesk access for ${whose}: ${revocation.reason}`,
      extensions: { scope: revocation.scope, reason: revocation.reason },
    });
  });
}
