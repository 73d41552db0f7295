// What figures 8 and 9 start from: many reps' access tokens from the development identity provider
// (real sign-ins, as stack.ts does for one rep) and rate sheets an admin can publish on the seeded
// catalog, with the hashes of the rows a sheet will replace as every laptop's copy holds them.
import pg from 'pg';
import { z } from 'zod';
import { DEMO_USERS } from '../server/dev-idp/demo-directory.js';
import { getTokensByScriptedSignIn } from '../server/dev-idp/scripted-sign-in.js';

/** The demo reps in no other group: the identity provider knows these people only (README). */
const REPS = DEMO_USERS.filter((user) => user.groups.length === 1 && user.groups[0] === 'RateDesk-Reps');

export interface RepToken {
  email: string;
  token: string;
}

/** `count` distinct access tokens, the demo reps in turn, a few sign-ins at a time. */
export async function signInReps(issuer: string, count: number): Promise<RepToken[]> {
  if (REPS.length === 0) throw new Error('the demo directory has no rep');
  const tokens: RepToken[] = [];
  for (let next = 0; next < count; ) {
    const batch = Array.from({ length: Math.min(4, count - next) }, (_, offset) => REPS[(next + offset) % REPS.length] as (typeof REPS)[number]);
    next += batch.length;
    const signedIn = await Promise.all(batch.map((user) => getTokensByScriptedSignIn({ issuer, username: user.email, password: user.password })));
    signedIn.forEach((result, index) => tokens.push({ email: (batch[index] as (typeof REPS)[number]).email, token: result.accessToken }));
  }
  return tokens;
}

export interface SheetRow {
  cusip: string;
  baseRate: string;
  bonusRate: string;
  effectiveDate: string;
}

export interface PlannedSheet {
  rows: SheetRow[];
  /** [collection, id, row hash as decimal] of the rows the sheet will replace (open rates, products). */
  replaced: [string, string, string][];
}

/**
 * A sheet of one new rate for each of `size` active products, dated after their latest rate and
 * after today, as the route requires; the products' rows and open rates are what it will change.
 * The hashes come from PostgreSQL's row_hash_* functions, which the checksums are made of and which
 * tests hold equal to the client's rowHash (migrations/20261124001300_sync_checksums.ts).
 */
export async function planRateSheet(ownerUrl: string, size: number, round = 0): Promise<PlannedSheet> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ product_id: string; cusip: string; effective: string }>(
      `SELECT p.product_id::text, p.cusip, to_char(greatest(max(r.effective_date) + 1, current_date + 2), 'YYYY-MM-DD') AS effective
         FROM products p JOIN rate_history r USING (product_id)
        WHERE p.is_active AND p.cusip IS NOT NULL
        GROUP BY p.product_id, p.cusip ORDER BY p.product_id LIMIT $1`,
      [size],
    );
    if (rows.length < size) throw new Error(`the catalog has ${rows.length} active products, fewer than a ${size}-row rate sheet needs`);
    const ids = rows.map((row) => row.product_id);
    const replaced = await client.query<{ collection: string; id: string; hash: string }>(
      `SELECT 'products' AS collection, product_id::text AS id, row_hash_products(p)::text AS hash FROM products p WHERE product_id = ANY($1::uuid[])
       UNION ALL
       SELECT 'rates', rate_history_id::text, row_hash_rate_history(r)::text FROM rate_history r WHERE product_id = ANY($1::uuid[]) AND end_date IS NULL`,
      [ids],
    );
    return {
      // Whole basis points as text: exact decimals, a different rate in each round.
      rows: rows.map((row, index) => ({ cusip: row.cusip, baseRate: `4.${String((index + round) % 100).padStart(2, '0')}00`, bonusRate: '0.0000', effectiveDate: row.effective })),
      replaced: replaced.rows.map((row) => [row.collection, row.id, row.hash]),
    };
  } finally {
    await client.end();
  }
}

/** Publishes a sheet through the admin API (all rows in one transaction); its time in ms. */
export async function publishSheet(baseUrl: string, adminToken: string, rows: readonly SheetRow[]): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/v1/admin/rate-sheets?dryRun=false`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ rows }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`the rate sheet answered ${response.status}: ${text.slice(0, 300)}`);
  return performance.now() - started;
}

/** What fleet-load-child.ts is given (a JSON file): the laptops, the sheet and what it replaces. */
export const FleetInput = z.object({
  baseUrl: z.string(),
  adminToken: z.string(),
  clients: z.array(z.object({ token: z.string(), deviceId: z.uuid() })).min(1),
  sheet: z.array(z.object({ cusip: z.string(), baseRate: z.string(), bonusRate: z.string(), effectiveDate: z.string() })),
  replaced: z.array(z.tuple([z.string(), z.string(), z.string()])),
  deadlineMs: z.number().int().positive(),
});
export type FleetInput = z.infer<typeof FleetInput>;
