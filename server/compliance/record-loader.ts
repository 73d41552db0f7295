// One compliance record for GET /v1/compliance/comparisons/{id}: the comparison as stored, its
// items with the product names of today, its flags, each retracted rate it used with who retracted
// it and when (the RETRACT audit row), and every printed copy (record_events).
import { sql, type Kysely } from 'kysely';
import { ComplianceRecord, type PrintEvent, type RetractedRateUse } from '../../src-shared/compliance/record.js';
import type { Database } from '../db/schema.js';

interface RecordRow {
  comparisonId: string;
  userId: string;
  email: string;
  repName: string;
  comparisonDate: string;
  receivedAt: string;
  asOfDate: string;
  clientReference: string | null;
  investmentAmount: string;
  horizonYears: number;
  historical: boolean;
  inputs: Record<string, unknown>;
  results: unknown;
  engineVersion: string;
  appVersion: string | null;
  catalogCursor: string | null;
  preparedOn: string | null;
  disclosures: unknown;
  disclosuresSha256: string | null;
  bestInterest: unknown;
}

export async function loadComplianceRecord(db: Kysely<Database>, comparisonId: string): Promise<ComplianceRecord | null> {
  const found = await sql<RecordRow>`
    SELECT pc.comparison_id, pc.user_id, u.email, btrim(u.first_name || ' ' || u.last_name) AS rep_name,
           pc.comparison_date, pc.received_at, pc.as_of_date, pc.client_reference, pc.investment_amount,
           pc.horizon_years::int AS horizon_years, pc.historical, pc.inputs, pc.results, pc.engine_version,
           pc.app_version, pc.catalog_cursor, pc.prepared_on, pc.disclosures, pc.disclosures_sha256, pc.best_interest
    FROM product_comparisons pc JOIN users u ON u.user_id = pc.user_id
    WHERE pc.comparison_id = ${comparisonId}::uuid`.execute(db);
  const row = found.rows[0];
  if (row === undefined) return null;

  const items = await sql<{
    position: number;
    productId: string;
    rateHistoryId: string | null;
    baseRate: string;
    bonusRate: string;
    productSnapshot: Record<string, unknown>;
    productName: string;
    cusip: string;
  }>`
    SELECT i.position::int AS position, i.product_id, i.rate_history_id, i.base_rate, i.bonus_rate, i.product_snapshot, p.product_name, p.cusip
    FROM product_comparison_items i JOIN products p ON p.product_id = i.product_id
    WHERE i.comparison_id = ${comparisonId}::uuid
    ORDER BY i.position`.execute(db);

  const retracted = await sql<RetractedRateUse & { retractedByUserId: string | null; retractedByEmail: string | null; retractedByName: string | null }>`
    SELECT rh.rate_history_id, rh.product_id, p.product_name, p.cusip, rh.base_rate, rh.bonus_rate, rh.effective_date,
           a.occurred_at AS retracted_at, a.user_id AS retracted_by_user_id, ru.email AS retracted_by_email,
           btrim(ru.first_name || ' ' || ru.last_name) AS retracted_by_name, a.new_values ->> 'reason' AS reason
    FROM product_comparison_items i
    JOIN rate_history rh ON rh.rate_history_id = i.rate_history_id AND NOT rh.is_active
    JOIN products p ON p.product_id = rh.product_id
    LEFT JOIN LATERAL (
      SELECT al.occurred_at, al.user_id, al.new_values FROM audit_log al
      WHERE al.table_name = 'rate_history' AND al.record_id = rh.rate_history_id AND al.action_type = 'RETRACT'
      ORDER BY al.occurred_at DESC LIMIT 1
    ) a ON true
    LEFT JOIN users ru ON ru.user_id = a.user_id
    WHERE i.comparison_id = ${comparisonId}::uuid
    ORDER BY i.position`.execute(db);

  const prints = await sql<PrintEvent>`
    SELECT e.event_id, e.occurred_at, e.received_at, e.pdf_sha256, e.page_count, e.copy_number, e.reprint, e.printed_on, e.historical
    FROM record_events e
    WHERE e.comparison_id = ${comparisonId}::uuid AND e.kind = 'ILLUSTRATION_PRINTED'
    ORDER BY e.occurred_at, e.copy_number`.execute(db);

  const texts = Array.isArray(row.disclosures) ? row.disclosures.filter((text): text is string => typeof text === 'string') : null;
  // Parsed with the shared schema: a stored value the contract does not describe is a server bug
  // to see at once, not a record shown half right.
  return ComplianceRecord.parse({
    comparisonId: row.comparisonId,
    rep: { userId: row.userId, name: row.repName === '' ? row.email : row.repName, email: row.email },
    comparisonDate: row.comparisonDate,
    receivedAt: row.receivedAt,
    asOfDate: row.asOfDate,
    clientReference: row.clientReference,
    investmentAmount: row.investmentAmount,
    horizonYears: row.horizonYears,
    historical: row.historical,
    inputs: row.inputs,
    results: row.results,
    items: items.rows,
    engineVersion: row.engineVersion,
    appVersion: row.appVersion,
    catalogCursor: row.catalogCursor,
    preparedOn: row.preparedOn,
    disclosures: texts !== null && row.disclosuresSha256 !== null ? { sha256: row.disclosuresSha256.trim(), texts } : null,
    bestInterest: row.bestInterest ?? null,
    flags: { historical: row.historical, retracted: retracted.rows.length > 0, rejected: false },
    retractedRates: retracted.rows.map(({ retractedByUserId, retractedByEmail, retractedByName, ...rate }) => ({
      ...rate,
      retractedBy:
        retractedByUserId === null || retractedByEmail === null
          ? null
          : { userId: retractedByUserId, email: retractedByEmail, name: retractedByName === null || retractedByName === '' ? retractedByEmail : retractedByName },
    })),
    printEvents: prints.rows,
  });
}
