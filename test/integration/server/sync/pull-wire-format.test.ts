// A pull's rows are shaped as JSON by PostgreSQL (server/sync/pull.ts), not by the type parsers
// every other read goes through (server/db/type-parsers.ts). Both must give a client the same
// values: each row of a full pull equals the same row read the ordinary way, including the awkward
// ones (microsecond timestamps, nulls, numeric arrays, quotes and backslashes, nested JSON keys).
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pullChanges } from '../../../../server/sync/pull.js';
import { pushComparisons } from '../../../../server/sync/push.js';
import { PullResponse } from '../../../../src-shared/sync/protocol.js';
import { catalog, comparisonFromRows, createUser, loadCatalogInTransactions, startSyncDatabase, type SyncTestDatabase } from '../../../support/sync-fixtures.js';

let env: SyncTestDatabase;
let rep: string;

beforeAll(async () => {
  env = await startSyncDatabase('sync_wire');
  rep = await createUser(env.owner);
  const generated = catalog(40, 3, 11);
  await loadCatalogInTransactions(env.owner, generated, 6);
  const [a, b, c, d] = generated.map((entry) => entry.product.productId);
  if (!a || !b || !c || !d) throw new Error('expected 4 products');
  const plain = comparisonFromRows(generated.slice(2, 3), { clientReference: null });
  await pushComparisons(env.app, {
    userId: rep,
    sessionId: null,
    comparisons: [
      comparisonFromRows(generated.slice(0, 2)),
      // Snake-case keys and escapes inside a JSON document must come back as stored (no camel-casing).
      { ...plain, inputs: { ...plain.inputs, by_year: [{ end_value: '1.00' }], note: 'quote " and \\ backslash' } },
    ],
  });
  await sql`UPDATE products SET terms_and_conditions = ${'tab\there, "quotes", back\\slash, é'}, maximum_investment = NULL WHERE product_id = ${b}`.execute(env.owner);
  await sql`UPDATE products SET created_at = '2026-03-04 05:06:07.987654+00' WHERE product_id = ${c}`.execute(env.owner);
  // Records are immutable even for the owner (20261204000100_record_immutability); the owner may
  // still switch the trigger off, which is the one way to plant an awkward received_at.
  await env.owner.transaction().execute(async (trx) => {
    await sql`ALTER TABLE product_comparisons DISABLE TRIGGER product_comparisons_refuse_change`.execute(trx);
    await sql`UPDATE product_comparisons SET received_at = '2026-03-04 23:59:59.999999-05' WHERE user_id = ${rep}`.execute(trx);
    await sql`ALTER TABLE product_comparisons ENABLE ALWAYS TRIGGER product_comparisons_refuse_change`.execute(trx);
  });
  await sql`UPDATE rate_history SET is_active = false, end_date = NULL WHERE product_id = ${d}`.execute(env.owner);
}, 120_000);

afterAll(async () => {
  await env?.close();
});

/** `row` restricted to the keys the protocol row has. */
function sameKeys(protocolRow: object, row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(protocolRow).map((key) => [key, row[key]]));
}

it('serves every row exactly as the ordinary read of it', async () => {
  const page = PullResponse.parse(await pullChanges(env.app, { limit: 5000, userId: rep }));
  expect(page.hasMore).toBe(false);

  const products = new Map((await env.app.selectFrom('products').selectAll().execute()).map((row) => [row.productId, row]));
  const availability = new Map((await env.app.selectFrom('productAvailability').selectAll().execute()).map((row) => [row.availabilityId, row]));
  const rates = new Map((await env.app.selectFrom('rateHistory').selectAll().execute()).map((row) => [row.rateHistoryId, row]));
  const comparisons = new Map((await env.app.selectFrom('productComparisons').selectAll().where('userId', '=', rep).execute()).map((row) => [row.comparisonId, row]));
  const items = await env.app.selectFrom('productComparisonItems').selectAll().orderBy('position').execute();

  expect(page.changes.products).toHaveLength(products.size);
  expect(page.changes.availability).toHaveLength(availability.size);
  expect(page.changes.rates).toHaveLength(rates.size);
  expect(page.changes.comparisons).toHaveLength(2);
  for (const row of page.changes.products) expect(row).toEqual(sameKeys(row, products.get(row.productId) ?? {}));
  for (const row of page.changes.availability) expect(row).toEqual(sameKeys(row, availability.get(row.availabilityId) ?? {}));
  for (const row of page.changes.rates) expect(row).toEqual(sameKeys(row, rates.get(row.rateHistoryId) ?? {}));
  for (const { items: pulledItems, disclosures, ...row } of page.changes.comparisons) {
    const storedRow = comparisons.get(row.comparisonId);
    expect(row).toEqual(sameKeys(row, storedRow ?? {}));
    // Two columns on the server, one object on the wire.
    expect(disclosures).toEqual({ sha256: storedRow?.disclosuresSha256, texts: storedRow?.disclosures });
    expect(row.appVersion).toEqual(expect.any(String));
    const stored = items.filter((item) => item.comparisonId === row.comparisonId);
    expect(pulledItems).toHaveLength(stored.length);
    pulledItems.forEach((item, index) => expect(item).toEqual(sameKeys(item, stored[index] ?? {})));
  }

  // The awkward values, spelled out: truncated to milliseconds in UTC, as the type parser does.
  const touched = page.changes.products.find((row) => row.createdAt === '2026-03-04T05:06:07.987Z');
  expect(touched).toBeDefined();
  expect(page.changes.comparisons.map((row) => row.receivedAt)).toEqual(['2026-03-05T04:59:59.999Z', '2026-03-05T04:59:59.999Z']);
  expect(page.changes.products.some((row) => row.maximumInvestment === null && row.termsAndConditions?.includes('back\\slash'))).toBe(true);
  expect(page.changes.comparisons.some((row) => JSON.stringify(row.inputs).includes('"by_year":[{"end_value":"1.00"}]'))).toBe(true);
});

// The pull route sends this object as JSON without validating it again (server/routes/sync.ts): it
// must be exactly what the response schema would have passed, with no field it would strip or change.
it('is already in the protocol shape, so sending it unvalidated sends what validation would', async () => {
  const raw = await pullChanges(env.app, { limit: 5000, userId: rep });
  const sent: unknown = JSON.parse(JSON.stringify(raw));
  expect(sent).toEqual(JSON.parse(JSON.stringify(PullResponse.parse(raw))));
  expect(raw.changes.comparisons.length).toBeGreaterThan(0);
});
