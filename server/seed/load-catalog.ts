// Bulk loader for a whole catalog (demo data, benchmarks, a migration from another system): every
// carrier, product, availability window, rate row, state approval, FIA strategy and strategy rate,
// and index level in one transaction, so a failure leaves nothing behind.
//
// Rows go in as multi-row INSERT ... SELECT FROM unnest(<one array per column>) in batches: one
// statement and one round trip per batch instead of one per row, with the values as bind parameters.
// Every row still passes the table's constraints and triggers. The change-version trigger's advisory
// lock is re-entrant within the transaction, so after the first row it costs a counter increment.
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/schema.js';
import type { GeneratedProduct } from './catalog-generator.js';
import type { CatalogTermsRows } from './catalog-terms.js';
import { insertApprovals, insertCarriers, insertIndexLevels, insertStrategies, insertStrategyRates } from './load-catalog-terms.js';
import { isBrokeredCd, nonforfeitureRateOf } from '../../src-shared/catalog.js';

export type { GeneratedProduct };

export interface LoadCatalogOptions {
  /** Recorded in the audit trail as who ran the import. */
  actor?: string;
  /** Rows per INSERT statement. */
  batchSize?: number;
}

export interface LoadCatalogResult {
  products: number;
  availability: number;
  rates: number;
  /** Carriers and index levels newly inserted (those already in the database are left as they are). */
  carriers: number;
  approvals: number;
  strategies: number;
  strategyRates: number;
  indexLevels: number;
}

export const emptyLoadCounts = (): LoadCatalogResult => ({
  products: 0, availability: 0, rates: 0, carriers: 0, approvals: 0, strategies: 0, strategyRates: 0, indexLevels: 0,
});

export class CatalogLoadError extends Error {
  override name = 'CatalogLoadError';
}

type Product = GeneratedProduct['product'];
type Availability = GeneratedProduct['availability'][number];
type Rate = GeneratedProduct['rates'][number];

/** A PostgreSQL array literal of quoted elements, for a value that is itself an array. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/** The inserted columns, in the order of the unnest arrays below (the SELECT list casts surrender_schedule). */
const PRODUCT_COLUMNS = sql.raw(`
      product_id, cusip, product_name, product_type, issuer_name, description,
      minimum_investment, maximum_investment, base_rate, bonus_rate, bonus_years, term_years,
      guaranteed_minimum_rate, compounding, surrender_schedule, free_withdrawal_percent,
      return_of_premium, return_of_premium_percentage, terms_and_conditions, is_active,
      created_at, updated_at, created_by, updated_by,
      nonforfeiture_rate, brokered, early_withdrawal_penalty_months,
      minimum_issue_age, maximum_issue_age, mva_applies, mva_spread, mva_reference_index, mva_factor_floor, mva_factor_cap,
      carrier_id, mva_reference_rate
`);

function insertProducts(rows: readonly Product[]) {
  const col = <T>(pick: (row: Product) => T): T[] => rows.map(pick);
  return sql`
    INSERT INTO products (${PRODUCT_COLUMNS})
    SELECT
      product_id, cusip, product_name, product_type, issuer_name, description,
      minimum_investment, maximum_investment, base_rate, bonus_rate, bonus_years, term_years,
      guaranteed_minimum_rate, compounding, surrender_schedule::numeric(8,4)[], free_withdrawal_percent,
      return_of_premium, return_of_premium_percentage, terms_and_conditions, is_active,
      created_at, updated_at, created_by, updated_by,
      nonforfeiture_rate, brokered, early_withdrawal_penalty_months,
      minimum_issue_age, maximum_issue_age, mva_applies, mva_spread, mva_reference_index, mva_factor_floor, mva_factor_cap,
      carrier_id, mva_reference_rate
    FROM unnest(
      ${col((r) => r.productId)}::uuid[], ${col((r) => r.cusip)}::text[], ${col((r) => r.productName)}::text[],
      ${col((r) => r.productType)}::text[], ${col((r) => r.issuerName)}::text[], ${col((r) => r.description)}::text[],
      ${col((r) => r.minimumInvestment)}::numeric[], ${col((r) => r.maximumInvestment)}::numeric[],
      ${col((r) => r.baseRate)}::numeric[], ${col((r) => r.bonusRate)}::numeric[],
      ${col((r) => r.bonusYears)}::smallint[], ${col((r) => r.termYears)}::smallint[],
      ${col((r) => r.guaranteedMinimumRate)}::numeric[], ${col((r) => r.compounding)}::text[],
      ${col((r) => arrayLiteral(r.surrenderSchedule))}::text[], ${col((r) => r.freeWithdrawalPercent)}::numeric[],
      ${col((r) => r.returnOfPremium)}::boolean[], ${col((r) => r.returnOfPremiumPercentage)}::numeric[],
      ${col((r) => r.termsAndConditions)}::text[], ${col((r) => r.isActive)}::boolean[],
      ${col((r) => r.createdAt)}::timestamptz[], ${col((r) => r.updatedAt)}::timestamptz[],
      ${col((r) => r.createdBy)}::text[], ${col((r) => r.updatedBy)}::text[],
      ${col((r) => nonforfeitureRateOf(r))}::numeric[], ${col((r) => isBrokeredCd(r))}::boolean[],
      ${col((r) => r.earlyWithdrawalPenaltyMonths ?? null)}::smallint[],
      ${col((r) => r.minimumIssueAge ?? null)}::smallint[], ${col((r) => r.maximumIssueAge ?? null)}::smallint[],
      ${col((r) => r.mvaApplies ?? false)}::boolean[], ${col((r) => r.mvaSpread ?? null)}::numeric[],
      ${col((r) => r.mvaReferenceIndex ?? null)}::text[], ${col((r) => r.mvaFactorFloor ?? null)}::numeric[],
      ${col((r) => r.mvaFactorCap ?? null)}::numeric[],
      ${col((r) => r.carrierId ?? null)}::uuid[], ${col((r) => r.mvaReferenceRate ?? null)}::numeric[]
    ) AS t(${PRODUCT_COLUMNS})`;
}

function insertAvailability(rows: readonly Availability[]) {
  const col = <T>(pick: (row: Availability) => T): T[] => rows.map(pick);
  return sql`
    INSERT INTO product_availability (availability_id, product_id, start_date, end_date, is_active, created_at, created_by)
    SELECT * FROM unnest(
      ${col((r) => r.availabilityId)}::uuid[], ${col((r) => r.productId)}::uuid[],
      ${col((r) => r.startDate)}::date[], ${col((r) => r.endDate)}::date[], ${col((r) => r.isActive)}::boolean[],
      ${col((r) => r.createdAt)}::timestamptz[], ${col((r) => r.createdBy)}::text[]
    )`;
}

function insertRates(rows: readonly Rate[]) {
  const col = <T>(pick: (row: Rate) => T): T[] => rows.map(pick);
  return sql`
    INSERT INTO rate_history (
      rate_history_id, product_id, base_rate, bonus_rate, effective_date, end_date, is_active, created_at, created_by
    )
    SELECT * FROM unnest(
      ${col((r) => r.rateHistoryId)}::uuid[], ${col((r) => r.productId)}::uuid[],
      ${col((r) => r.baseRate)}::numeric[], ${col((r) => r.bonusRate)}::numeric[],
      ${col((r) => r.effectiveDate)}::date[], ${col((r) => r.endDate)}::date[], ${col((r) => r.isActive)}::boolean[],
      ${col((r) => r.createdAt)}::timestamptz[], ${col((r) => r.createdBy)}::text[]
    )`;
}

interface Batch extends Omit<CatalogTermsRows, 'carrier'> {
  products: Product[];
  availability: Availability[];
  rates: Rate[];
  carriers: CatalogTermsRows['carrier'][];
}

const emptyBatch = (): Batch => ({ products: [], availability: [], rates: [], carriers: [], approvals: [], strategies: [], strategyRates: [], indexLevels: [] });

type Query = { execute(trx: Transaction<Database>): Promise<{ numAffectedRows?: bigint }> };

/** Runs `query` and returns the rows it inserted. */
async function run(trx: Transaction<Database>, table: string, query: Query): Promise<number> {
  try {
    return Number((await query.execute(trx)).numAffectedRows ?? 0);
  } catch (error) {
    throw new CatalogLoadError(`Loading ${table} failed, nothing was written: ${describe(error)}`, { cause: error });
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const pgError = error as Error & { constraint?: string; detail?: string; code?: string };
  const parts = [pgError.message];
  if (pgError.detail) parts.push(pgError.detail);
  if (pgError.constraint) parts.push(`constraint ${pgError.constraint}`);
  if (pgError.code) parts.push(`SQLSTATE ${pgError.code}`);
  return parts.join('; ');
}

/**
 * Inserts the catalog in one transaction: all of it, or (on any error) none of it. Ids, timestamps
 * and authors are kept as given; one IMPORT audit row records the counts and `actor`.
 * `target` may be the server's Kysely instance or a bare pg Pool (which is not closed).
 */
export async function loadCatalog(
  target: Kysely<Database> | pg.Pool,
  source: Iterable<GeneratedProduct> | AsyncIterable<GeneratedProduct>,
  { actor = 'system:seed', batchSize = 10_000 }: LoadCatalogOptions = {},
): Promise<LoadCatalogResult> {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new CatalogLoadError(`batchSize must be a positive whole number, got ${batchSize}`);
  }
  const db = target instanceof Kysely ? target : new Kysely<Database>({ dialect: new PostgresDialect({ pool: target }) });
  const counts = emptyLoadCounts();

  await db.transaction().execute(async (trx) => {
    // A large load runs longer than an API request may; the limit applies to this transaction only.
    await sql`SET LOCAL statement_timeout = '10min'`.execute(trx);

    // Rate rows are the bulk of a catalog. While PostgreSQL inserts one batch of them, the next
    // batch is read from the source and encoded, so the two processes work in parallel instead of
    // taking turns. At most one statement is in flight; products and windows of a batch (few rows)
    // are inserted before its rates, which reference them.
    let inFlight: Promise<void> | undefined;
    let failure: unknown;
    const flush = async (batch: Batch): Promise<void> => {
      await inFlight;
      if (failure !== undefined) throw failure;
      // Parents first: carriers before the products that reference them, strategies before their rates.
      const inserts: [keyof LoadCatalogResult, string, unknown[], (rows: never[]) => Query][] = [
        ['carriers', 'carriers', batch.carriers, insertCarriers],
        ['products', 'products', batch.products, insertProducts],
        ['availability', 'product_availability', batch.availability, insertAvailability],
        ['approvals', 'product_state_approvals', batch.approvals, insertApprovals],
        ['strategies', 'fia_strategies', batch.strategies, insertStrategies],
        ['strategyRates', 'fia_strategy_rates', batch.strategyRates, insertStrategyRates],
        ['indexLevels', 'index_levels', batch.indexLevels, insertIndexLevels],
      ];
      for (const [count, table, rows, insert] of inserts) {
        if (rows.length > 0) counts[count] += await run(trx, table, insert(rows as never[]));
      }
      if (batch.rates.length === 0) return;
      inFlight = run(trx, 'rate_history', insertRates(batch.rates)).then(
        () => {
          counts.rates += batch.rates.length;
        },
        (error: unknown) => {
          failure ??= error;
        },
      );
      // Let the driver put the statement on the wire before the caller goes back to CPU work.
      await new Promise<void>((resolve) => setImmediate(resolve));
    };

    // Carriers and index levels repeat across products; each goes into a batch once per load.
    const seen = new Set<string>();
    const firstTime = (id: string): boolean => {
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    };
    let batch = emptyBatch();
    for await (const entry of source) {
      if (entry.carrier !== undefined && firstTime(entry.carrier.carrierId)) batch.carriers.push(entry.carrier);
      batch.products.push(entry.product);
      batch.availability.push(...entry.availability);
      batch.rates.push(...entry.rates);
      batch.approvals.push(...(entry.approvals ?? []));
      batch.strategies.push(...(entry.strategies ?? []));
      batch.strategyRates.push(...(entry.strategyRates ?? []));
      for (const level of entry.indexLevels ?? []) if (firstTime(level.indexLevelId)) batch.indexLevels.push(level);
      if (
        [batch.products, batch.availability, batch.rates, batch.approvals, batch.strategyRates].some((rows) => rows.length >= batchSize)
      ) {
        await flush(batch);
        batch = emptyBatch();
      }
    }
    await flush(batch);
    await inFlight;
    if (failure !== undefined) throw failure;

    await sql`
      INSERT INTO audit_log (action_type, table_name, new_values)
      VALUES ('IMPORT', 'products', ${JSON.stringify({ actor, ...counts })}::jsonb)`.execute(trx);
  });
  return counts;
}
