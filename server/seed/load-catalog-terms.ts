// The bulk INSERTs of the issue 13 catalog terms for load-catalog.ts: carriers, state approvals,
// FIA strategies and their rates, index levels. Same form as the products' (one statement per batch,
// one array per column, every row through the tables' constraints and triggers).
//
// Carriers and index levels are shared by many products (and by catalogs loaded one transaction at
// a time), so they are inserted only when not already there: by carrier id, and by index and date
// among active levels (index_levels_one_active_per_date).
import { sql, type RawBuilder } from 'kysely';
import type { CatalogTermsRows } from './catalog-terms.js';

type Carrier = CatalogTermsRows['carrier'];
type Approval = CatalogTermsRows['approvals'][number];
type Strategy = CatalogTermsRows['strategies'][number];
type StrategyRate = CatalogTermsRows['strategyRates'][number];
type IndexLevel = CatalogTermsRows['indexLevels'][number];

const camel = (name: string): string => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * INSERT ... SELECT FROM unnest(one array per column). `columns` lists "name type" pairs; each
 * value is the row's field of the same name in camelCase (the shared schemas' naming). A misspelt
 * column would reach PostgreSQL as NULL: test/integration/server/seed reads every column back.
 */
function bulkInsert<R extends object>(table: string, columns: string, rows: readonly R[], condition: RawBuilder<unknown> = sql``) {
  const pairs = columns.split(',').map((column) => column.trim().split(/\s+/) as [string, string]);
  const names = sql.raw(pairs.map(([name]) => name).join(', '));
  const arrays = sql.join(pairs.map(([name, type]) => sql`${rows.map((row) => (row as Record<string, unknown>)[camel(name)] ?? null)}::${sql.raw(type)}[]`));
  return sql`INSERT INTO ${sql.table(table)} (${names}) SELECT * FROM unnest(${arrays}) AS t(${names}) ${condition}`;
}

const STAMPS = 'is_active boolean, created_at timestamptz, created_by text';
const UPDATES = 'updated_at timestamptz, updated_by text';

export const insertCarriers = (rows: readonly Carrier[]) =>
  bulkInsert(
    'carriers',
    `carrier_id uuid, carrier_name text, naic_code text, am_best_rating text, am_best_outlook text, rating_as_of date, ${STAMPS}, ${UPDATES}`,
    rows,
    sql`WHERE NOT EXISTS (SELECT 1 FROM carriers c WHERE c.carrier_id = t.carrier_id)`,
  );

export const insertApprovals = (rows: readonly Approval[]) =>
  bulkInsert('product_state_approvals', `approval_id uuid, product_id uuid, state_code text, approved_from date, approved_until date, ${STAMPS}, ${UPDATES}`, rows);

export const insertStrategies = (rows: readonly Strategy[]) =>
  bulkInsert(
    'fia_strategies',
    `strategy_id uuid, product_id uuid, strategy_code text, strategy_name text, index_name text, crediting_method text, guaranteed_rate numeric, floor_rate numeric, sort_order smallint, ${STAMPS}, ${UPDATES}`,
    rows,
  );

export const insertStrategyRates = (rows: readonly StrategyRate[]) =>
  bulkInsert('fia_strategy_rates', `strategy_rate_id uuid, strategy_id uuid, rate numeric, effective_date date, end_date date, ${STAMPS}`, rows);

export const insertIndexLevels = (rows: readonly IndexLevel[]) =>
  bulkInsert(
    'index_levels',
    `index_level_id uuid, index_name text, level_date date, level numeric, source text, ${STAMPS}`,
    rows,
    sql`WHERE NOT EXISTS (
      SELECT 1 FROM index_levels l
       WHERE l.index_level_id = t.index_level_id OR (t.is_active AND l.is_active AND l.index_name = t.index_name AND l.level_date = t.level_date))`,
  );
