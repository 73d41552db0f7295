// Figure 3 (many clients doing delta pulls at once) and the server half of figure 6, with the
// bare-route ceiling (bare-server-child.ts) measured the same way right after. Also the latency
// ceiling of figure 2, since it needs the bare server too.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../server/db/embedded.js';
import { spawnTypeScript, stopChild, waitForHttp } from './child-process.js';
import { CLIENT_ACCEPT_ENCODING, measureLatency, type LatencySample, type PublishedDelta } from './delta-pull.js';
import { watchPeakRss } from './peak-rss.js';
import { withServerNodeOptions } from '../server/node-options.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers that were not 2xx, plus connection errors and timeouts: should be 0. */
  failures: number;
  peakRssBytes: number | null;
}

export interface LoadInput {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
  pid: number;
  /** The answer that counts as served: 200 (default), or 304 for no-change pulls with If-None-Match. */
  status?: 200 | 304;
  /**
   * Headers of the device with this index; requests take turns among `connections` devices (as many
   * laptops as connections, each pulling again and again, as a fleet does).
   */
  perConnection?: (index: number) => Record<string, string>;
}

type Requests = NonNullable<autocannon.Options['requests']>;

/** autocannon resets a connection's context after each round of requests, so devices take turns by count. */
function rotatingRequests(devices: number, headersOf: (index: number) => Record<string, string>): Requests {
  const all = Array.from({ length: devices }, (_, index) => headersOf(index));
  let next = 0;
  return [
    {
      setupRequest: (request) => {
        const own = all[next++ % devices];
        return { ...request, headers: { ...request.headers, ...own } };
      },
    },
  ];
}

export async function loadTest(input: LoadInput): Promise<LoadResult> {
  const requests = input.perConnection ? rotatingRequests(input.connections, input.perConnection) : undefined;
  const options = { url: input.url, headers: input.headers, connections: input.connections, ...(requests ? { requests } : {}) };
  // A short warm-up so JIT and connection pools are the steady state being measured.
  await autocannon({ ...options, duration: 1 });
  const watch = watchPeakRss(input.pid);
  const result = await autocannon({ ...options, duration: input.durationSeconds });
  const peakRssBytes = watch.stop();
  const served = input.status === 304 ? result['3xx'] : result['2xx'];
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    requestsPerSecond: served / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: answered - served + result.errors + result.timeouts,
    peakRssBytes,
  };
}

export interface BareCeiling {
  load: LoadResult;
  latency: LatencySample;
  /** The same route answering 304 to If-None-Match. */
  notModified: LoadResult;
}

/** Starts the bare server with the delta's exact body, measures it like the real one, stops it. */
export async function measureBareCeiling(input: { delta: PublishedDelta; folder: string; connections: number; durationSeconds: number; latencySamples: number }): Promise<BareCeiling> {
  const bodyFile = path.join(input.folder, 'delta-body.json');
  await writeFile(bodyFile, input.delta.body);
  const port = await freePort();
  const child = spawnTypeScript('bench/bare-server-child.ts', [String(port), bodyFile], { NODE_OPTIONS: withServerNodeOptions(process.env.NODE_OPTIONS) });
  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${baseUrl}/readyz`, child);
    const headers = { authorization: 'Bearer unused', 'accept-encoding': CLIENT_ACCEPT_ENCODING };
    const latency = await measureLatency(`${baseUrl}/bare`, headers, input.latencySamples);
    const load = await loadTest({ url: `${baseUrl}/bare`, headers, connections: input.connections, durationSeconds: input.durationSeconds, pid: child.pid });
    const notModified = await loadTest({
      url: `${baseUrl}/bare`,
      headers: { ...headers, 'if-none-match': '"bare"' },
      connections: input.connections,
      durationSeconds: input.durationSeconds,
      pid: child.pid,
      status: 304,
    });
    return { load, latency, notModified };
  } finally {
    await stopChild(child);
  }
}
