// Shared by the client sync tests: a real server listening on a port (over the harness's migrated
// test database and dev IdP), a demo catalog loaded in several transactions, real client SQLite
// files in a temporary folder, and the comparison of a client's copy with the server's sums.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { md5Hex } from '../../server/sync/row-hash.js';
import { ChecksumReport, type SavedComparison } from '../../src-shared/sync/protocol.js';
import { readComparisonsChecksum } from '../../src-main/sync/apply-page.js';
import { createSyncApiClient, type SyncApi } from '../../src-main/sync/api-client.js';
import type { Installation } from '../../src-main/http/authorized-request.js';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../../src-main/sync/engine.js';
import { catalogChecksums } from '../../src-main/sync/local-checksums.js';
import { openOrRebuild } from '../../src-main/store/rebuild-cache.js';
import type { ClientDatabaseHandle } from '../../src-main/store/open-database.js';
import { saveComparison } from '../../src-main/store/saved-comparisons.js';
import { startApiHarness, type ApiHarness } from './api.js';
import { catalog, loadCatalogInTransactions, verifiedComparison } from './sync-fixtures.js';
import { REP_SUBJECT } from './store-fixtures.js';

export interface ClientSyncServer {
  api: ApiHarness;
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

/** The API on a real port with `products` generated products loaded 25 per transaction; `env` adds to its configuration. */
export async function startClientSyncServer(products = 200, env: Record<string, string> = {}): Promise<ClientSyncServer> {
  // Small pages make many requests; the default per-minute limit is for people, not this test.
  const api = await startApiHarness({ env: { RATE_LIMIT_PER_MINUTE: '1000000', ...env } });
  await loadCatalogInTransactions(api.owner, catalog(products), 25);
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = api.app.server.address() as AddressInfo;
  return { api, baseUrl: `http://127.0.0.1:${port}`, port, close: () => api.close() };
}

export interface TempFolder {
  path: string;
  remove(): void;
}

export function tempFolder(prefix: string): TempFolder {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface ClientSyncSetup {
  server: ClientSyncServer;
  /** For the clients' SQLite files. */
  folder: TempFolder;
}

/**
 * Registers beforeAll/afterAll for a client sync test file: a server with `products` products and a
 * temporary folder, handed to `started` before the first test, closed and removed after the last.
 */
export function useClientSyncServer(products: number, folderPrefix: string, started: (setup: ClientSyncSetup) => void | Promise<void>, timeoutMs?: number): void {
  let setup: ClientSyncSetup | undefined;
  beforeAll(async () => {
    setup = { server: await startClientSyncServer(products), folder: tempFolder(folderPrefix) };
    await started(setup);
  }, timeoutMs);
  afterAll(async () => {
    await setup?.server.close();
    setup?.folder.remove();
  });
}

/**
 * useClientSyncServer plus one laptop cache ("cache.sqlite" in the temporary folder), handed to
 * `started` with the server before the first test and closed before the server after the last.
 */
export function useClientSyncServerWithCache(
  products: number,
  folderPrefix: string,
  started: (server: ClientSyncServer, client: ClientDatabaseHandle, setup: ClientSyncSetup) => void,
  timeoutMs = 120_000,
): void {
  let client: ClientDatabaseHandle | undefined;
  useClientSyncServer(
    products,
    folderPrefix,
    async (setup) => {
      client = await openClient(`${setup.folder.path}/cache.sqlite`);
      started(setup.server, client, setup);
    },
    timeoutMs,
  );
  // Registered after the server's afterAll, so it runs before it (afterAll hooks run in reverse order).
  afterAll(async () => {
    await client?.close();
  });
}

export async function openClient(file: string): Promise<ClientDatabaseHandle> {
  return (await openOrRebuild({ file })).handle;
}

/** Saves `comparison` on the client the way the app does (comparison and outbox entry in one transaction). */
export async function saveOnClient(handle: ClientDatabaseHandle, comparison: SavedComparison, ownerSubject: string = REP_SUBJECT): Promise<void> {
  await saveComparison(handle.db, {
    ownerSubject,
    comparisonId: comparison.comparisonId,
    createdAt: comparison.comparisonDate,
    asOfDate: comparison.asOfDate,
    investmentAmount: comparison.investmentAmount,
    horizonYears: comparison.horizonYears,
    clientReference: comparison.clientReference ?? null,
    payload: comparison,
  });
}

/** The ids of the server's first `count` products by CUSIP (the same ones every run). */
export async function firstProductIds(server: ClientSyncServer, count: number): Promise<string[]> {
  const rows = await server.api.owner.selectFrom('products').select('productId').orderBy('cusip').limit(count).execute();
  return rows.map((row) => row.productId);
}

/** A comparison of the server's first two products saved now on the laptop, as `ownerSubject` saves it (not uploaded yet). */
export async function saveVerifiedOnClient(server: ClientSyncServer, handle: ClientDatabaseHandle, ownerSubject: string): Promise<SavedComparison> {
  const comparison = await verifiedComparison(server.api.owner, await firstProductIds(server, 2), { comparisonDate: new Date().toISOString() });
  await saveOnClient(handle, comparison, ownerSubject);
  return comparison;
}

/** A sync client of `token`; with `installation`, its requests state the device as the app's do. */
export function apiClient(baseUrl: string, token: string, installation?: Installation): SyncApi {
  return createSyncApiClient({ baseUrl, getAccessToken: async () => token, reportRejectedToken: () => undefined, timeoutMs: 20_000, ...(installation === undefined ? {} : { installation }) });
}

export function engineFor(handle: ClientDatabaseHandle, api: SyncApi, options: Partial<SyncEngineOptions> = {}): SyncEngine {
  return createSyncEngine({ db: handle.db, catalogBulk: handle.catalogBulk, api, md5Hex, pageLimit: 300, ownerSubject: () => REP_SUBJECT, ...options });
}

export async function serverChecksums(server: ClientSyncServer, token = server.api.tokens.rep): Promise<ChecksumReport> {
  const response = await server.api.call(token, 'GET', '/v1/sync/checksums');
  expect(response.status, response.body).toBe(200);
  return ChecksumReport.parse(response.json);
}

/** Asserts the client's copy adds up to the server's; returns the number of rows checked. */
export async function expectClientEqualsServer(server: ClientSyncServer, handle: ClientDatabaseHandle): Promise<number> {
  const report = await serverChecksums(server);
  const local = { ...(await catalogChecksums(handle.db, md5Hex)), comparisons: await readComparisonsChecksum(handle.db) };
  expect(local).toEqual(report.tables);
  const counts = handle.sqlite
    .prepare(
      `SELECT (SELECT count(*) FROM products) AS products, (SELECT count(DISTINCT product_id) FROM products) AS distinctProducts,
              (SELECT count(*) FROM rate_history) AS rates, (SELECT count(*) FROM product_availability) AS availability`,
    )
    .get() as { products: number; distinctProducts: number; rates: number; availability: number };
  expect(counts.products).toBe(counts.distinctProducts);
  expect(counts).toMatchObject({ products: report.tables.products.count, rates: report.tables.rates.count, availability: report.tables.availability.count });
  // Every synced row once: issue 13's records (checked by the sums above) included.
  return Object.values(report.tables).reduce((rows, table) => rows + table.count, 0);
}
