// Figure 8's fleet: many simulated laptops in this one process, each with its own token, device id,
// cursor and running checksums (fleet-copy.ts). Each first verifies its copy as the desktop does
// (the checksums, then a pull at its cursor, whose ETag it keeps); then the admin publishes the
// rate sheet and, the moment it commits, every laptop pulls (If-None-Match and its cursor, pages of
// 1,000 rows, as the desktop) until its sums equal the server's. Prints one JSON line.
// Usage: node --import tsx bench/fleet-load-child.ts <input.json> (FleetInput, fleet-setup.ts)
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import { Agent, request } from 'undici';
import { md5Hex } from '../server/sync/row-hash.js';
import { ClientHeader, PROTOCOL_VERSION } from '../src-shared/sync/client-report.js';
import { ChecksumReport, PullResponse } from '../src-shared/sync/protocol.js';
import { CATALOG_COLLECTIONS, FleetCopy, RowVersions, type FleetCollection } from './fleet-copy.js';
import { FleetInput, publishSheet } from './fleet-setup.js';
import { percentile } from './statistics.js';


const PAGE_LIMIT = 1000;
const RETRY_MS = 500;
const SETUP_CONCURRENCY = 50;

const input = FleetInput.parse(JSON.parse(await readFile(process.argv[2] ?? '', 'utf8')));
const agent = new Agent({ keepAliveTimeout: 60_000, connections: input.clients.length });
const unzip = { gzip: promisify(gunzip), deflate: promisify(inflate) } as const;

interface Answer {
  status: number;
  ms: number;
  etag: string | undefined;
  json: unknown;
}

const counts = { notModified: 0, serverErrors: 0, otherErrors: 0, networkErrors: 0 };
const latencies: number[] = [];

async function get(path: string, client: { token: string; deviceId: string }, etag?: string): Promise<Answer | null> {
  const started = performance.now();
  try {
    const response = await request(`${input.baseUrl}${path}`, {
      dispatcher: agent,
      headers: {
        authorization: `Bearer ${client.token}`,
        'accept-encoding': 'gzip, deflate',
        [ClientHeader.deviceId]: client.deviceId,
        [ClientHeader.protocol]: String(PROTOCOL_VERSION),
        [ClientHeader.appVersion]: '1.4.0-bench',
        ...(etag ? { 'if-none-match': etag } : {}),
      },
    });
    const raw = Buffer.from(await response.body.arrayBuffer());
    const ms = performance.now() - started;
    const encoding = response.headers['content-encoding'];
    const body = encoding === 'gzip' || encoding === 'deflate' ? await unzip[encoding](raw) : raw;
    const header = response.headers.etag;
    return { status: response.statusCode, ms, etag: typeof header === 'string' ? header : undefined, json: body.length > 0 ? JSON.parse(body.toString('utf8')) : null };
  } catch {
    counts.networkErrors += 1;
    return null;
  }
}

const pullPath = (cursor: string) => `/v1/sync/pull?${new URLSearchParams({ cursor, limit: String(PAGE_LIMIT) }).toString()}`;
const versions = new RowVersions();
for (const [collection, id, hash] of input.replaced) versions.addBaseline(collection as FleetCollection, id, BigInt(hash));

interface Laptop {
  client: { token: string; deviceId: string };
  copy: FleetCopy;
  etag: string | undefined;
  convergedMs: number | null;
  diverged: string | null;
}

/** Pulls pages until the last one; the outcome of its checksum check, or null when there was nothing (304, error). */
async function pullOnce(laptop: Laptop, measured: number[] | null): Promise<'verified' | 'mismatch' | null> {
  for (let first = true; ; first = false) {
    const answer = await get(pullPath(laptop.copy.cursor), laptop.client, first ? laptop.etag : undefined);
    if (answer === null) return null;
    measured?.push(answer.ms);
    if (answer.status === 304) {
      if (measured) counts.notModified += 1;
      return null;
    }
    if (answer.status !== 200) {
      if (answer.status >= 500) counts.serverErrors += 1;
      else counts.otherErrors += 1;
      return null;
    }
    const page = PullResponse.parse(answer.json);
    laptop.copy.applyPage(page);
    if (page.hasMore) continue;
    laptop.etag = answer.etag;
    const differences = laptop.copy.differences(page.checksums?.tables ?? {});
    if (differences.length > 0) laptop.diverged = differences.join(', ');
    return differences.length === 0 ? 'verified' : 'mismatch';
  }
}

async function verifiedLaptop(client: { token: string; deviceId: string }): Promise<Laptop> {
  const report = await get('/v1/sync/checksums', client);
  if (report?.status !== 200) throw new Error(`a laptop's checksums answered ${report?.status ?? 'a network error'}`);
  const { cursor, tables } = ChecksumReport.parse(report.json);
  const laptop: Laptop = { client, copy: new FleetCopy(cursor, tables, versions, md5Hex), etag: undefined, convergedMs: null, diverged: null };
  if ((await pullOnce(laptop, null)) !== 'verified') throw new Error(`a laptop's starting copy did not verify: ${laptop.diverged ?? 'no answer'}`);
  return laptop;
}

const laptops: Laptop[] = [];
for (let next = 0; next < input.clients.length; next += SETUP_CONCURRENCY) {
  laptops.push(...(await Promise.all(input.clients.slice(next, next + SETUP_CONCURRENCY).map(verifiedLaptop))));
}
// Every laptop now holds the catalog before the sheet; their catalog sums are the same.
const [firstLaptop] = laptops;
if (!firstLaptop) throw new Error('no laptop');
const start = { cursor: firstLaptop.copy.cursor, sums: firstLaptop.copy.checksums() };
const before = start.sums;

const publishMs = await publishSheet(input.baseUrl, input.adminToken, input.sheet);
const published = performance.now();
const deadline = published + input.deadlineMs;

async function converge(laptop: Laptop): Promise<void> {
  while (performance.now() < deadline) {
    const outcome = await pullOnce(laptop, latencies);
    if (outcome === 'mismatch') return;
    // Converged once the copy verified against a snapshot that holds the sheet.
    const catalogChanged = CATALOG_COLLECTIONS.some((collection) => laptop.copy.checksums()[collection].checksum !== before[collection].checksum);
    if (outcome === 'verified' && catalogChanged) {
      laptop.convergedMs = performance.now() - published;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}
await Promise.all(laptops.map(converge));

// The ceiling: one more laptop from the same starting copy pulls the same sheet with the server to itself.
const soloLatencies: number[] = [];
const solo: Laptop = { client: firstLaptop.client, copy: new FleetCopy(start.cursor, start.sums, versions, md5Hex), etag: undefined, convergedMs: null, diverged: null };
const soloStarted = performance.now();
const soloOutcome = await pullOnce(solo, soloLatencies);
const soloMs = performance.now() - soloStarted;
await agent.close();
if (soloOutcome !== 'verified') throw new Error(`the lone laptop did not verify: ${solo.diverged ?? 'no answer'}`);

const converged = laptops.filter((laptop) => laptop.convergedMs !== null);
process.stdout.write(
  `${JSON.stringify({
    clients: laptops.length,
    converged: converged.length,
    diverged: laptops.filter((laptop) => laptop.diverged !== null).length,
    lastConvergedMs: converged.length === laptops.length ? Math.max(...converged.map((laptop) => laptop.convergedMs ?? 0)) : null,
    publishMs,
    p50Ms: latencies.length > 0 ? percentile(latencies, 50) : null,
    p99Ms: latencies.length > 0 ? percentile(latencies, 99) : null,
    requests: latencies.length,
    soloMs,
    soloPages: soloLatencies.length,
    soloP99Ms: percentile(soloLatencies, 99),
    ...counts,
  })}\n`,
);
