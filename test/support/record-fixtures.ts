// Compliance records planted directly with SQL as the migrator, for the immutability, retention and
// record-event tests: a comparison with one item, received when the test says (received_at is set
// by the server on upload, so only the owner can plant an old one), and a print event of it.
import { randomUUID } from 'node:crypto';
import { cusipCheckDigit } from '../../src-shared/cusip.js';

/** What a pg.Client or pg.Pool offers; rows untyped. */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

let cusipCounter = 0;

export async function insertRecordUser(db: SqlClient, label: string): Promise<string> {
  const tag = `${label}-${randomUUID().slice(0, 8)}`;
  const { rows } = await db.query(`INSERT INTO users (okta_user_id, email) VALUES ($1, $2) RETURNING user_id`, [`00u-${tag}`, `${tag}@ratedesk.test`]);
  return String(rows[0]?.user_id);
}

export async function insertRecordProduct(db: SqlClient): Promise<string> {
  cusipCounter += 1;
  const base = `RDR${String(cusipCounter).padStart(5, '0')}`;
  const { rows } = await db.query(
    `INSERT INTO products (cusip, product_name, product_type, issuer_name, minimum_investment, base_rate,
       term_years, guaranteed_minimum_rate, compounding, created_by, updated_by)
     VALUES ($1, 'Summit Ridge Secure 5', 'MYGA', 'Summit Ridge Life', '10000.00', '4.5000', 5, '1.0000', 'annual', 'admin', 'admin')
     RETURNING product_id`,
    [`${base}${cusipCheckDigit(base)}`],
  );
  return String(rows[0]?.product_id);
}

/** A saved comparison with one item, received at `receivedAt` (an SQL timestamptz expression). */
export async function insertRecordComparison(db: SqlClient, userId: string, productId: string, receivedAt = 'now()'): Promise<string> {
  const comparisonId = randomUUID();
  await db.query(
    `INSERT INTO product_comparisons (comparison_id, user_id, comparison_date, received_at, investment_amount, horizon_years,
       as_of_date, client_reference, inputs, results, engine_version)
     VALUES ($1, $2, ${receivedAt}, ${receivedAt}, '100000.00', 5, (${receivedAt})::date, 'Smith household',
       '{"premium": "100000.00"}', '{"products": []}', 'projection-rules-1')`,
    [comparisonId, userId],
  );
  await db.query(
    `INSERT INTO product_comparison_items (comparison_id, position, product_id, base_rate, bonus_rate, product_snapshot)
     VALUES ($1, 1, $2, '4.5000', '0.0000', '{"productName": "Summit Ridge Secure 5"}')`,
    [comparisonId, productId],
  );
  return comparisonId;
}

export const PDF_SHA256 = 'a'.repeat(64);

/** An ILLUSTRATION_PRINTED row of `comparisonId`; returns its event_id. */
export async function insertPrintEvent(db: SqlClient, userId: string, comparisonId: string): Promise<string> {
  const eventId = randomUUID();
  await db.query(
    `INSERT INTO record_events (event_id, user_id, kind, occurred_at, comparison_id, pdf_sha256, page_count, copy_number, reprint, printed_on, historical)
     VALUES ($1, $2, 'ILLUSTRATION_PRINTED', now(), $3, $4, 3, 1, false, current_date, false)`,
    [eventId, userId, comparisonId, PDF_SHA256],
  );
  return eventId;
}

/** A SIGNED_OUT row; returns its event_id. */
export async function insertSignOutEvent(db: SqlClient, userId: string): Promise<string> {
  const eventId = randomUUID();
  await db.query(`INSERT INTO record_events (event_id, user_id, kind, occurred_at) VALUES ($1, $2, 'SIGNED_OUT', now())`, [eventId, userId]);
  return eventId;
}
