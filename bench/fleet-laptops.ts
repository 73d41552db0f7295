// Figure 8's simulated laptops, as a group sharing one HTTP agent and one record of row versions
// (fleet-copy.ts): each with its own token, device id, cursor and running checksums. A group first
// verifies every laptop's copy as the desktop does (the checksums, then a pull at its cursor, whose
// ETag it keeps); after the publish each laptop pulls (If-None-Match and its cursor, pages of 1,000
// rows, as the desktop) until its sums equal the server's. fleet-load-child.ts runs several groups,
// one per worker thread, so the laptops' own work (inflating, parsing and hashing every row they
// receive) spreads over the machine's cores instead of queueing on one event loop and inflating the
// latencies it times.
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import { Agent, request } from 'undici';
import { md5Hex } from '../server/sync/row-hash.js';
import { ClientHeader, PROTOCOL_VERSION } from '../src-shared/sync/client-report.js';
import { ChecksumReport, type PullResponse } from '../src-shared/sync/protocol.js';
import { CATALOG_COLLECTIONS, FleetCopy, RowVersions, type FleetChecksums, type FleetCollection } from './fleet-copy.js';

const PAGE_LIMIT = 1000;
const RETRY_MS = 500;
const SETUP_CONCURRENCY = 50;

const unzip = { gzip: promisify(gunzip), deflate: promisify(inflate) } as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pullPath = (cursor: string) => `/v1/sync/pull?${new URLSearchParams({ cursor, limit: String(PAGE_LIMIT) }).toString()}`;

export interface FleetClient {
  token: string;
  deviceId: string;
}

interface Answer {
  status: number;
  ms: number;
  etag: string | undefined;
  /** Retry-After of a 429 (the server's admission gate), in ms. */
  retryAfterMs: number | undefined;
  json: unknown;
}

interface Laptop {
  client: FleetClient;
  copy: FleetCopy;
  etag: string | undefined;
  convergedMs: number | null;
  diverged: string | null;
}

type PullOutcome = 'verified' | 'mismatch' | { busyMs: number } | null;

/** What a group measured after the publish (merged across groups by fleet-load-child.ts). */
export interface GroupResult {
  latencies: number[];
  servedLatencies: number[];
  convergedMs: (number | null)[];
  diverged: number;
  counts: { notModified: number; busy: number; serverErrors: number; otherErrors: number; networkErrors: number };
}

/**
 * The pages' rows are not validated with the protocol's zod schemas here: the desktop does that
 * (its cost is in figure 1), while these laptops only stand in for the fleet's requests, and their
 * convergence check hashes every field of every row, so a malformed row shows as a mismatch.
 */
function pageOf(json: unknown): PullResponse {
  const page = json as Partial<PullResponse> | null;
  if (page === null || typeof page.cursor !== 'string' || typeof page.hasMore !== 'boolean' || typeof page.changes !== 'object') {
    throw new Error(`a pull answered something that is not a page: ${JSON.stringify(json).slice(0, 200)}`);
  }
  return page as PullResponse;
}

export class LaptopGroup {
  readonly counts = { notModified: 0, busy: 0, serverErrors: 0, otherErrors: 0, networkErrors: 0 };
  private readonly agent: Agent;
  private readonly versions = new RowVersions();
  private readonly laptops: Laptop[] = [];

  constructor(
    private readonly baseUrl: string,
    replaced: readonly (readonly [string, string, string])[],
    connections: number,
  ) {
    this.agent = new Agent({ keepAliveTimeout: 60_000, connections });
    for (const [collection, id, hash] of replaced) this.versions.addBaseline(collection as FleetCollection, id, BigInt(hash));
  }

  private async get(path: string, client: FleetClient, etag?: string): Promise<Answer | null> {
    const started = performance.now();
    try {
      const response = await request(`${this.baseUrl}${path}`, {
        dispatcher: this.agent,
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
      const retryAfter = response.headers['retry-after'];
      return {
        status: response.statusCode,
        ms,
        etag: typeof header === 'string' ? header : undefined,
        retryAfterMs: typeof retryAfter === 'string' && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : undefined,
        json: body.length > 0 ? JSON.parse(body.toString('utf8')) : null,
      };
    } catch {
      this.counts.networkErrors += 1;
      return null;
    }
  }

  /** Pulls pages until the last one; the outcome of its checksum check, how long the server asked to wait (429), or null when there was nothing (304, error). */
  private async pullOnce(laptop: Laptop, measured: number[] | null, served: number[] | null): Promise<PullOutcome> {
    for (let first = true; ; first = false) {
      const answer = await this.get(pullPath(laptop.copy.cursor), laptop.client, first ? laptop.etag : undefined);
      if (answer === null) return null;
      measured?.push(answer.ms);
      // As the desktop (src-main/sync/api-client.ts): busy, come back after Retry-After.
      if (answer.status === 429 && answer.retryAfterMs !== undefined) {
        if (measured) this.counts.busy += 1;
        return { busyMs: answer.retryAfterMs };
      }
      served?.push(answer.ms);
      if (answer.status === 304) {
        if (measured) this.counts.notModified += 1;
        return null;
      }
      if (answer.status !== 200) {
        if (answer.status >= 500) this.counts.serverErrors += 1;
        else this.counts.otherErrors += 1;
        return null;
      }
      const page = pageOf(answer.json);
      laptop.copy.applyPage(page);
      if (page.hasMore) continue;
      laptop.etag = answer.etag;
      const differences = laptop.copy.differences(page.checksums?.tables ?? {});
      if (differences.length > 0) laptop.diverged = differences.join(', ');
      return differences.length === 0 ? 'verified' : 'mismatch';
    }
  }

  private async verifiedLaptop(client: FleetClient): Promise<Laptop> {
    let report = await this.get('/v1/sync/checksums', client);
    while (report?.status === 429 && report.retryAfterMs !== undefined) {
      await sleep(report.retryAfterMs * (1 + Math.random()));
      report = await this.get('/v1/sync/checksums', client);
    }
    if (report?.status !== 200) throw new Error(`a laptop's checksums answered ${report?.status ?? 'a network error'}`);
    const { cursor, tables } = ChecksumReport.parse(report.json);
    const laptop: Laptop = { client, copy: new FleetCopy(cursor, tables, this.versions, md5Hex), etag: undefined, convergedMs: null, diverged: null };
    let outcome = await this.pullOnce(laptop, null, null);
    while (outcome !== null && typeof outcome === 'object') {
      await sleep(outcome.busyMs * (1 + Math.random()));
      outcome = await this.pullOnce(laptop, null, null);
    }
    if (outcome !== 'verified') throw new Error(`a laptop's starting copy did not verify: ${laptop.diverged ?? 'no answer'}`);
    return laptop;
  }

  /** Verifies every client's starting copy; the cursor and sums they all hold (the catalog before the sheet). */
  async setUp(clients: readonly FleetClient[]): Promise<{ cursor: string; sums: FleetChecksums }> {
    for (let next = 0; next < clients.length; next += SETUP_CONCURRENCY) {
      this.laptops.push(...(await Promise.all(clients.slice(next, next + SETUP_CONCURRENCY).map((client) => this.verifiedLaptop(client)))));
    }
    const [first] = this.laptops;
    if (!first) throw new Error('no laptop');
    return { cursor: first.copy.cursor, sums: first.copy.checksums() };
  }

  /**
   * Every laptop pulls from the publish (`publishedAt`, epoch ms: the threads' clocks differ in
   * origin) until its copy verifies with the sheet in it, or the deadline.
   */
  async converge(publishedAt: number, deadlineMs: number, before: FleetChecksums): Promise<GroupResult> {
    const now = () => performance.timeOrigin + performance.now();
    const latencies: number[] = [];
    const servedLatencies: number[] = [];
    const converge = async (laptop: Laptop): Promise<void> => {
      while (now() < publishedAt + deadlineMs) {
        const outcome = await this.pullOnce(laptop, latencies, servedLatencies);
        if (outcome === 'mismatch') return;
        // Converged once the copy verified against a snapshot that holds the sheet.
        const catalogChanged = CATALOG_COLLECTIONS.some((collection) => laptop.copy.checksums()[collection].checksum !== before[collection].checksum);
        if (outcome === 'verified' && catalogChanged) {
          laptop.convergedMs = now() - publishedAt;
          return;
        }
        // The server's Retry-After plus up to as much again at random, as the desktop waits.
        await sleep(outcome !== null && typeof outcome === 'object' ? outcome.busyMs * (1 + Math.random()) : RETRY_MS);
      }
    };
    await Promise.all(this.laptops.map(converge));
    return {
      latencies,
      servedLatencies,
      convergedMs: this.laptops.map((laptop) => laptop.convergedMs),
      diverged: this.laptops.filter((laptop) => laptop.diverged !== null).length,
      counts: this.counts,
    };
  }

  /** The ceiling: one laptop from `start` pulls the sheet with the server to itself; its time, pages and latencies. */
  async solo(client: FleetClient, start: { cursor: string; sums: FleetChecksums }): Promise<{ ms: number; latencies: number[] }> {
    const laptop: Laptop = { client, copy: new FleetCopy(start.cursor, start.sums, this.versions, md5Hex), etag: undefined, convergedMs: null, diverged: null };
    const latencies: number[] = [];
    const started = performance.now();
    const outcome = await this.pullOnce(laptop, latencies, null);
    const ms = performance.now() - started;
    if (outcome !== 'verified') throw new Error(`the lone laptop did not verify: ${laptop.diverged ?? 'no answer'}`);
    return { ms, latencies };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
