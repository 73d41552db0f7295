// Records for the compliance console's tests, written as the migrator (the records are immutable
// to the app role, and these tests are about reading them): one comparison with its items, a
// printed copy, a rejected upload, and 100,000 comparisons in one generate_series statement.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.js';

export interface RecordFixture {
  userId: string;
  comparisonDate: string;
  asOfDate: string;
  clientReference: string | null;
  productId: string;
  rateHistoryId: string | null;
  baseRate?: string;
  historical?: boolean;
  comparisonId?: string;
}

export const FIXTURE_DISCLOSURES = ['Guarantees are backed by the claims-paying ability of the issuer.'];
export const FIXTURE_DISCLOSURES_SHA256 = 'a'.repeat(64);

/** Stores one comparison (one product) with the record fields of issue 12; answers its id. */
export async function insertRecord(owner: Kysely<Database>, fixture: RecordFixture): Promise<string> {
  const comparisonId = fixture.comparisonId ?? randomUUID();
  const results = JSON.stringify({ premium: '100000.00', years: 5, products: [{ productId: fixture.productId }] });
  await sql`
    INSERT INTO product_comparisons (comparison_id, user_id, comparison_date, investment_amount, horizon_years, as_of_date, inputs, results,
      engine_version, client_reference, historical, app_version, catalog_cursor, prepared_on, disclosures, disclosures_sha256, best_interest)
    VALUES (${comparisonId}::uuid, ${fixture.userId}::uuid, ${fixture.comparisonDate}::timestamptz, 100000.00, 5, ${fixture.asOfDate}::date,
      '{"premium":"100000.00","years":5}'::jsonb, ${results}::jsonb, 'projection-rules-test', ${fixture.clientReference}, ${fixture.historical ?? false},
      '1.4.0-test', 'cursor-abc', ${fixture.comparisonDate}::timestamptz::date, ${JSON.stringify(FIXTURE_DISCLOSURES)}::jsonb, ${FIXTURE_DISCLOSURES_SHA256},
      '{"riskTolerance":"conservative","rationale":"Wants a guaranteed rate"}'::jsonb)`.execute(owner);
  await sql`
    INSERT INTO product_comparison_items (comparison_id, position, product_id, rate_history_id, base_rate, bonus_rate, product_snapshot)
    VALUES (${comparisonId}::uuid, 1, ${fixture.productId}::uuid, ${fixture.rateHistoryId}::uuid, ${fixture.baseRate ?? '4.5000'}, 0,
      jsonb_build_object('productId', ${fixture.productId}::text, 'productName', 'As the rep saw it'))`.execute(owner);
  return comparisonId;
}

export async function insertPrint(owner: Kysely<Database>, userId: string, comparisonId: string, pdfSha256: string, copyNumber = 1): Promise<string> {
  const eventId = randomUUID();
  await sql`
    INSERT INTO record_events (event_id, user_id, kind, occurred_at, comparison_id, pdf_sha256, page_count, copy_number, reprint, printed_on, historical)
    VALUES (${eventId}::uuid, ${userId}::uuid, 'ILLUSTRATION_PRINTED', '2031-03-09T16:00:00Z', ${comparisonId}::uuid, ${pdfSha256}, 3, ${copyNumber},
      ${copyNumber > 1}, '2031-03-09', false)`.execute(owner);
  return eventId;
}

export async function insertRejection(
  owner: Kysely<Database>,
  fixture: { userId: string; comparisonDate: string | null; clientReference: string | null; productIds: string[]; reason: string },
): Promise<string> {
  const rejectionId = randomUUID();
  await sql`
    INSERT INTO comparison_upload_rejections (rejection_id, comparison_id, user_id, received_at, reason, comparison_date, as_of_date,
      client_reference, investment_amount, product_ids)
    VALUES (${rejectionId}::uuid, ${randomUUID()}::uuid, ${fixture.userId}::uuid, '2031-03-10T12:00:00Z', ${fixture.reason},
      ${fixture.comparisonDate}::timestamptz, '2031-03-07', ${fixture.clientReference}, 250000.00,
      ${`{${fixture.productIds.join(',')}}`}::uuid[])`.execute(owner);
  return rejectionId;
}

/**
 * `count` comparisons of one product, five minutes apart going back from 2030-12-31, client
 * references "Bulk client <n>"; then ANALYZE so the planner knows the table's size.
 */
export async function insertBulkRecords(owner: Kysely<Database>, count: number, userId: string, productId: string, rateHistoryId: string): Promise<void> {
  await owner.transaction().execute(async (trx) => {
    await sql`
      INSERT INTO product_comparisons (comparison_id, user_id, comparison_date, investment_amount, horizon_years, as_of_date, inputs, results,
        engine_version, client_reference)
      SELECT gen_random_uuid(), ${userId}::uuid, timestamptz '2030-12-31T12:00:00Z' - g * interval '5 minutes', 50000.00 + g, 5,
        (timestamptz '2030-12-31T12:00:00Z' - g * interval '5 minutes')::date, '{"years":5}'::jsonb, '{"products":[]}'::jsonb,
        'projection-rules-test', 'Bulk client ' || g
      FROM generate_series(1, ${count}) AS g`.execute(trx);
    await sql`
      INSERT INTO product_comparison_items (comparison_id, position, product_id, rate_history_id, base_rate, bonus_rate, product_snapshot)
      SELECT pc.comparison_id, 1, ${productId}::uuid, ${rateHistoryId}::uuid, 4.5, 0, '{}'::jsonb
      FROM product_comparisons pc WHERE pc.client_reference LIKE 'Bulk client %'`.execute(trx);
  });
  await sql`ANALYZE product_comparisons`.execute(owner);
  await sql`ANALYZE product_comparison_items`.execute(owner);
}
