// Running the retention routine (purge_expired_records, migration 20261204000500_retention_routine)
// and reading its setting. The routine does the work and the auditing inside PostgreSQL; this only
// calls it as the migrator, in one transaction, and reports what the routine's audit row says.
import pg from 'pg';

/** FINRA Rule 4511(b): six years where no other period applies; SEC Rule 17a-4(b)(4): three (docs/records.md). */
export const MIN_RETENTION_YEARS = 6;
export const MAX_RETENTION_YEARS = 100;
export const RETENTION_YEARS_ENV = 'RATEDESK_RECORD_RETENTION_YEARS';

export class RetentionConfigError extends Error {
  override name = 'RetentionConfigError';
}

/** RATEDESK_RECORD_RETENTION_YEARS: unset or blank means 6; otherwise a whole number from 6 to 100. */
export function retentionYearsFrom(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env[RETENTION_YEARS_ENV]?.trim();
  if (raw === undefined || raw === '') return MIN_RETENTION_YEARS;
  if (!/^\d+$/.test(raw)) {
    throw new RetentionConfigError(`${RETENTION_YEARS_ENV} must be a whole number of years (at least ${MIN_RETENTION_YEARS}), got "${raw}"`);
  }
  const years = Number.parseInt(raw, 10);
  if (years < MIN_RETENTION_YEARS) {
    throw new RetentionConfigError(
      `${RETENTION_YEARS_ENV} must be at least ${MIN_RETENTION_YEARS} (FINRA Rule 4511(b): six years where no other period applies), got ${years}`,
    );
  }
  if (years > MAX_RETENTION_YEARS) throw new RetentionConfigError(`${RETENTION_YEARS_ENV} must be at most ${MAX_RETENTION_YEARS}, got ${years}`);
  return years;
}

export interface PurgeReport {
  retentionYears: number;
  /** Records received before this instant (ISO-8601 UTC) were removed. */
  cutoff: string;
  comparisonsRemoved: number;
  itemsRemoved: number;
  recordEventsRemoved: number;
}

/** Runs purge_expired_records as the owner at `ownerUrl` (the migrator) and returns what it removed. */
export async function purgeExpiredRecords(ownerUrl: string, retentionYears: number, ssl?: pg.ClientConfig['ssl']): Promise<PurgeReport> {
  const client = new pg.Client({ connectionString: ownerUrl, ssl, application_name: 'ratedesk-retention' });
  await client.connect();
  try {
    await client.query('BEGIN');
    try {
      await client.query('SELECT purge_expired_records($1::integer) AS removed', [retentionYears]);
      // The routine's own audit row: now() is the transaction's start, the same in both.
      const { rows } = await client.query<{ values: PurgeReport }>(
        `SELECT new_values AS values FROM audit_log
         WHERE action_type = 'RETENTION_PURGE' AND occurred_at = now() ORDER BY audit_id LIMIT 1`,
      );
      await client.query('COMMIT');
      const report = rows[0]?.values;
      if (!report) throw new Error('purge_expired_records wrote no RETENTION_PURGE audit row');
      return report;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end();
  }
}
