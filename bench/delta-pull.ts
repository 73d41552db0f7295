// Figure 2: after one published rate, with the whole catalog on the server, the pull a client at
// the previous cursor makes: latency and bytes. Latency is the round trip on loopback over a kept-
// alive connection (an upper bound of the server's time); the ceiling is the same client against a
// bare Fastify route that returns the same bytes (bare-server-child.ts).
import pg from 'pg';
import { z } from 'zod';
import { ClientHeader, PROTOCOL_VERSION } from '../src-shared/sync/client-report.js';
import { PullResponse, ChecksumReport } from '../src-shared/sync/protocol.js';
import { rawGet } from './raw-http.js';
import { percentile } from './statistics.js';

/** What the desktop client's fetch (undici) sends. */
export const CLIENT_ACCEPT_ENCODING = 'gzip, deflate';

/**
 * What the desktop sends with a pull besides its token (src-main/http/authorized-request.ts): the
 * installation's id and versions, so the server runs its whole pull path (revocation of the device,
 * delivery receipt). One installation per load-test connection, as a fleet of laptops would be.
 */
export function deviceHeaders(index: number): Record<string, string> {
  return {
    [ClientHeader.deviceId]: `0000be4c-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
    [ClientHeader.protocol]: String(PROTOCOL_VERSION),
    [ClientHeader.appVersion]: '0.0.0-bench',
  };
}

export interface PublishedDelta {
  /** The cursor the client held before the rate was published. */
  cursor: string;
  /** The path a delta pull asks for. */
  path: string;
  /** The delta's decoded JSON, for the bare ceiling server. */
  body: string;
  rows: number;
  /** The changed rows alone, minified JSON (what any protocol must carry at least). */
  rowsOnlyBytes: number;
}

export interface LatencySample {
  p50: number;
  p99: number;
  wireBytes: number;
  bodyBytes: number;
}

async function json(url: string, init: RequestInit): Promise<unknown> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

/** Publishes one future-dated rate through the admin API and returns the delta a client would pull. */
export async function publishOneRate(input: { baseUrl: string; ownerUrl: string; tokens: { rep: string; admin: string } }): Promise<PublishedDelta> {
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const before = ChecksumReport.parse(await json(`${input.baseUrl}/v1/sync/checksums`, { headers: auth(input.tokens.rep) }));

  const client = new pg.Client({ connectionString: input.ownerUrl });
  await client.connect();
  let target: { productId: string; effectiveDate: string };
  try {
    // After the product's latest rate and after today in any time zone, as the publish route requires.
    const { rows } = await client.query<{ product_id: string; effective: string }>(`
      SELECT product_id::text, to_char(greatest(max(effective_date) + 1, current_date + 2), 'YYYY-MM-DD') AS effective
      FROM rate_history JOIN products USING (product_id)
      WHERE products.is_active
      GROUP BY product_id ORDER BY product_id LIMIT 1`);
    const row = rows[0];
    if (!row) throw new Error('no active product to publish a rate for');
    target = { productId: row.product_id, effectiveDate: row.effective };
  } finally {
    await client.end();
  }
  await json(`${input.baseUrl}/v1/admin/products/${target.productId}/rates`, {
    method: 'POST',
    headers: { ...auth(input.tokens.admin), 'content-type': 'application/json' },
    body: JSON.stringify({ baseRate: '4.2500', bonusRate: '0.0000', effectiveDate: target.effectiveDate }),
  });

  const path = `/v1/sync/pull?${new URLSearchParams({ cursor: before.cursor, limit: '1000' }).toString()}`;
  const response = await rawGet(`${input.baseUrl}${path}`, { ...auth(input.tokens.rep), 'accept-encoding': CLIENT_ACCEPT_ENCODING });
  if (response.status !== 200) throw new Error(`the delta pull answered ${response.status}`);
  const body = response.body.toString('utf8');
  const page = PullResponse.parse(JSON.parse(body));
  const { products, availability, rates, comparisons } = page.changes;
  const published = rates.find((rate) => rate.productId === target.productId && rate.effectiveDate === target.effectiveDate);
  if (!published) throw new Error('the delta pull did not carry the published rate');
  return {
    cursor: before.cursor,
    path,
    body,
    rows: products.length + availability.length + rates.length + comparisons.length,
    rowsOnlyBytes: Buffer.byteLength(JSON.stringify([...products, ...availability, ...rates, ...comparisons])),
  };
}

const Samples = z.number().int().min(10);

/** Sequential requests (after a warm-up) against `url`: latency percentiles and bytes of the last one. */
export async function measureLatency(url: string, headers: Record<string, string>, samples: number, warmup = 20): Promise<LatencySample> {
  Samples.parse(samples);
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof rawGet>> | undefined;
  for (let i = 0; i < warmup + samples; i += 1) {
    last = await rawGet(url, headers);
    if (last.status !== 200) throw new Error(`${url} answered ${last.status}`);
    if (i >= warmup) times.push(last.ms);
  }
  if (!last) throw new Error('no request was made');
  return { p50: percentile(times, 50), p99: percentile(times, 99), wireBytes: last.wireBodyBytes + last.headerBytes, bodyBytes: last.body.length };
}
