// The local stack behind `npm start` and `npm run start:web`: a real PostgreSQL (embedded unless
// DATABASE_URL is set), migrated and loaded with the demo catalog on first run, the development
// identity provider (unless OKTA_ISSUER points at a real Okta), and the API server, all in this
// process so one Ctrl-C stops everything.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { scheduleAuditPartitionMaintenance } from '../server/audit/partition-maintenance.js';
import { loadServerConfig } from '../server/config.js';
import { loadDatabaseConfig } from '../server/db/config.js';
import { startLocalDatabase } from '../server/db/local-postgres.js';
import { describeUrl, migrateToLatest } from '../server/db/migrate.js';
import { startDevIdentityProvider } from '../server/dev-idp/provider.js';
import { seedIfEmpty } from '../server/seed/seed-demo.js';

export interface LocalStack {
  apiUrl: string;
  issuer: string;
  /** Environment for the desktop app (main process) so it talks to this stack. */
  clientEnv: Record<string, string>;
  stop(): Promise<void>;
}

export async function startLocalStack({ log }: { log: (message: string) => void }): Promise<LocalStack> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const fn of stops.reverse()) await fn().catch((error: unknown) => log(`while stopping: ${String(error)}`));
  };
  try {
    const dbConfig = loadDatabaseConfig(process.env);
    let ownerUrl: string;
    if (dbConfig.kind === 'embedded') {
      const local = await startLocalDatabase({ dataDir: dbConfig.dataDir, port: dbConfig.port });
      stops.push(local.stop);
      ownerUrl = local.ownerUrl;
      log(`PostgreSQL (embedded) in ${local.dataDir} on port ${dbConfig.port}; ${local.applied.length} migration(s) applied`);
    } else {
      ownerUrl = dbConfig.writerConnection.url;
      const { applied } = await migrateToLatest(ownerUrl, { ssl: dbConfig.writerConnection.ssl });
      log(`PostgreSQL at ${describeUrl(ownerUrl)}; ${applied.length} migration(s) applied`);
    }

    const seeded = await seedIfEmpty(ownerUrl, { size: 'demo' });
    if (!seeded.skipped && seeded.loaded) {
      log(`Loaded the demo catalog: ${seeded.loaded.products} products, ${seeded.loaded.rates} rate rows`);
    }

    let issuer = process.env.OKTA_ISSUER;
    if (!issuer) {
      const idp = await startDevIdentityProvider({ port: Number(process.env.DEV_IDP_PORT ?? 8788) });
      stops.push(idp.close);
      issuer = idp.issuer;
      log(`Development identity provider: ${issuer} (demo users: rep@ratedesk.test / rep-password, admin@ratedesk.test / admin-password, compliance@ratedesk.test / compliance-password)`);
    }

    const config = loadServerConfig({ ...process.env, OKTA_ISSUER: issuer });
    // RATEDESK_CLOCK reaches the API server through its configuration and the desktop app (web host
    // or Electron) through the environment it inherits: both stand on the same instant.
    if (config.clockStart !== undefined) log(`RATEDESK_CLOCK: the server and the app start their clocks at ${config.clockStart.toISOString()} (tests and demos only)`);
    const app: FastifyInstance = await buildApp({ config });
    stops.push(() => app.close());
    scheduleAuditPartitionMaintenance(app);
    await app.listen({ port: config.port, host: config.host });
    const apiUrl = `http://${config.host}:${config.port}`;
    log(`API server: ${apiUrl} (docs: ${apiUrl}/docs)`);

    return {
      apiUrl,
      issuer,
      clientEnv: { RATEDESK_SERVER_URL: apiUrl, OKTA_ISSUER: issuer, OKTA_CLIENT_ID: process.env.OKTA_CLIENT_ID ?? 'ratedesk-desktop' },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
