// Failed sign-ins in audit_log, aggregated: every interval (and when the server closes), one
// LOGIN_FAILED row per client address that failed, with how many failures, why, and how many
// requests were refused unread once it was over budget (auth/auth-failure-budget.ts). A flood of
// bad tokens therefore writes one row a minute per address, not one per request.
import type { FastifyInstance } from 'fastify';
import type { AuthFailureBudget } from '../auth/auth-failure-budget.js';
import { recordAudit } from '../audit/record-audit.js';

export interface AuthFailureAuditOptions {
  budget: AuthFailureBudget;
  /** Default 60 s. */
  intervalMs?: number;
}

export function authFailureAudit(app: FastifyInstance, options: AuthFailureAuditOptions): void {
  const intervalMs = options.intervalMs ?? 60_000;

  async function flush(): Promise<void> {
    const tallies = options.budget.drainTallies();
    if (tallies.length === 0) return;
    try {
      await app.db.transaction().execute(async (trx) => {
        for (const tally of tallies) {
          const context = { userId: null, sessionId: null, ipAddress: tally.address, userAgent: null, requestId: null };
          await recordAudit(trx, context, {
            action: 'LOGIN_FAILED',
            tableName: null,
            recordId: null,
            newValues: {
              failures: tally.failures,
              refusedUnverified: tally.refused,
              reasons: tally.reasons,
              firstAt: tally.firstAt.toISOString(),
              lastAt: tally.lastAt.toISOString(),
              ...(tally.address === null ? { otherAddresses: true } : {}),
            },
          });
        }
      });
    } catch (error) {
      // The counts are lost, the refusals themselves stand: an audit outage must not fail requests.
      app.log.warn({ err: error, addresses: tallies.length }, 'could not audit failed sign-ins');
    }
  }

  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(flush);
  }, intervalMs);
  timer.unref();
  // onClose hooks run last-added first: this one runs before the database plugin closes its pools.
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
    await flush();
  });
}
