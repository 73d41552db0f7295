// Entry point of the API server: read and check the configuration, start the embedded PostgreSQL
// when no DATABASE_URL is set (the local stack), build the app, listen, and shut down gracefully.
// On SIGTERM (a deploy, a scale-in) the server stops accepting connections, lets in-flight
// requests finish (new ones on kept-alive sockets get 503), closes the database pools and exits;
// the load balancer has already stopped routing to it because /readyz failed or the target drained.
import { buildApp } from './app.js';
import { scheduleAuditPartitionMaintenance } from './audit/partition-maintenance.js';
import { loadServerConfig, ServerConfigError, type ServerConfig } from './config.js';
import { startLocalDatabase, type LocalDatabase } from './db/local-postgres.js';
import { checkDatabaseSettings } from './db/settings-check.js';
import { missingNodeOptions } from './node-options.js';

/** How long in-flight requests get to finish before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 25_000;
/** Above the keep-alive timeout (see app.ts), as Node requires for clean keep-alive handling. */
const HEADERS_TIMEOUT_MS = 66_000;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let config: ServerConfig;
try {
  config = loadServerConfig(process.env);
} catch (error) {
  if (error instanceof ServerConfigError) fail(`RateDesk server cannot start:\n${error.message}`);
  throw error;
}

let local: LocalDatabase | undefined;
if (config.database.kind === 'embedded') {
  if (config.production) fail('RateDesk server cannot start: set DATABASE_URL in production (the embedded PostgreSQL is for laptops)');
  local = await startLocalDatabase({ dataDir: config.database.dataDir, port: config.database.port });
}

const app = await buildApp({ config });
const missingOptions = missingNodeOptions(process.execArgv, process.env.NODE_OPTIONS);
if (config.production && missingOptions.length > 0) app.log.warn(`started without ${missingOptions.join(' ')} (NODE_OPTIONS): expect a higher peak memory under load (server/node-options.ts)`);
app.server.headersTimeout = HEADERS_TIMEOUT_MS;
// Not awaited before listening: an unreachable database is answered with 503s and /readyz, not by
// refusing to start, and the check must not hold the start-up up.
checkDatabaseSettings({ writer: app.db, reader: app.readDb }).then(
  (warnings) => {
    for (const warning of warnings) app.log.warn(warning);
  },
  (error: unknown) => app.log.warn({ err: error }, 'could not check the PostgreSQL settings the server relies on'),
);
scheduleAuditPartitionMaintenance(app);

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down: finishing in-flight requests');
  const force = setTimeout(() => {
    app.log.error('in-flight requests did not finish in time; exiting');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  try {
    await app.close();
    await local?.stop();
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('unhandledRejection', (reason) => app.log.error({ err: reason }, 'unhandled promise rejection'));

try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  app.log.error({ err: error }, 'could not listen');
  await app.close().catch(() => undefined);
  await local?.stop();
  process.exit(1);
}
