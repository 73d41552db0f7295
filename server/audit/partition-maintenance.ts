// audit_log is partitioned by month; ensure_audit_partitions() (SECURITY DEFINER, so the least-
// privileged app role may call it) creates the coming months ahead of time. Every server instance
// runs it at start and then daily; the function takes an advisory lock and is idempotent, so several
// instances doing it at once is harmless. Should it never run, rows land in the default partition
// rather than failing, so a failure here is logged, never fatal.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

export const AUDIT_PARTITION_MONTHS_AHEAD = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function ensureAuditPartitions(app: FastifyInstance): Promise<string[]> {
  const result = await sql<{ created: string }>`SELECT ensure_audit_partitions(${AUDIT_PARTITION_MONTHS_AHEAD}) AS created`.execute(app.db);
  return result.rows.map((row) => row.created);
}

/** Runs the maintenance once the app is ready and every 24 hours until it closes. */
export function scheduleAuditPartitionMaintenance(app: FastifyInstance): void {
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    ensureAuditPartitions(app).then(
      (created) => {
        if (created.length > 0) app.log.info({ created }, 'created audit_log partitions');
      },
      (error: unknown) => app.log.warn({ err: error }, 'could not create audit_log partitions; rows go to the default partition meanwhile'),
    );
  };
  app.addHook('onReady', async () => {
    run();
    timer = setInterval(run, DAY_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
  });
}
