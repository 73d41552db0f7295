// The catalog records of server migrations 20261204000800 .. 20261204001200 (issue 13), cached for
// offline use: carriers, state approvals, FIA strategies and their dated rates, index levels, and
// the products' carrier_id and mva_reference_rate. Same names as the server's columns. No foreign
// keys: a full download delivers rows in change-version order, so a product can arrive in an earlier
// page than a carrier edited after it; the server's constraints guarantee the references and the
// wire schemas (src-shared/catalog/*) refuse a malformed row. Frozen, like the builders of checks.ts.
import { sql, type Kysely } from 'kysely';
import { isoDate, nonBlank, periodRecordColumns, syncedStamps, uuid } from './checks.js';

/** Exact unsigned decimal text with 4 places ("8.5000"), as the server prints NUMERIC(p,4). */
const decimal4 = (column: string): string =>
  `(${column} GLOB '[0-9]*.[0-9][0-9][0-9][0-9]' AND ${column} NOT GLOB '*[^0-9.]*' AND ${column} NOT GLOB '*.*.*' AND ${column} NOT GLOB '0[0-9]*')`;

const TABLES = [
  `CREATE TABLE carriers (
        carrier_id TEXT PRIMARY KEY CHECK ${uuid('carrier_id')},
        carrier_name TEXT NOT NULL CHECK ${nonBlank('carrier_name', 255)},
        naic_code TEXT NOT NULL CHECK (naic_code GLOB '[0-9][0-9][0-9][0-9][0-9]'),
        am_best_rating TEXT NULL CHECK (am_best_rating IN ('A++', 'A+', 'A', 'A-', 'B++', 'B+', 'B', 'B-', 'C++', 'C+', 'C', 'C-', 'D', 'E', 'F', 'S')),
        am_best_outlook TEXT NULL CHECK (am_best_outlook IN ('positive', 'stable', 'negative', 'developing')),
        rating_as_of TEXT NULL CHECK (rating_as_of IS NULL OR ${isoDate('rating_as_of')}),
        ${syncedStamps(true)},
        CONSTRAINT carriers_rating_complete CHECK ((am_best_rating IS NULL) = (am_best_outlook IS NULL) AND (am_best_rating IS NULL) = (rating_as_of IS NULL))
      ) STRICT`,
  `CREATE TABLE product_state_approvals (
        approval_id TEXT PRIMARY KEY CHECK ${uuid('approval_id')},
        product_id TEXT NOT NULL CHECK ${uuid('product_id')},
        state_code TEXT NOT NULL CHECK (state_code GLOB '[A-Z][A-Z]'),
        ${periodRecordColumns({ from: 'approved_from', until: 'approved_until', inOrder: 'product_state_approvals_until_not_before_from' }, true)}
      ) STRICT`,
  `CREATE TABLE fia_strategies (
        strategy_id TEXT PRIMARY KEY CHECK ${uuid('strategy_id')},
        product_id TEXT NOT NULL CHECK ${uuid('product_id')},
        strategy_code TEXT NOT NULL CHECK (length(strategy_code) BETWEEN 1 AND 40),
        strategy_name TEXT NOT NULL CHECK ${nonBlank('strategy_name', 255)},
        index_name TEXT NULL CHECK (index_name IS NULL OR ${nonBlank('index_name', 120)}),
        crediting_method TEXT NOT NULL CHECK (crediting_method IN ('cap', 'participation', 'spread', 'fixed')),
        guaranteed_rate TEXT NOT NULL CHECK ${decimal4('guaranteed_rate')},
        floor_rate TEXT NOT NULL CHECK ${decimal4('floor_rate')},
        sort_order INTEGER NOT NULL CHECK (sort_order BETWEEN 0 AND 99),
        ${syncedStamps(true)},
        CONSTRAINT fia_strategies_index_name_by_method CHECK ((crediting_method = 'fixed') = (index_name IS NULL))
      ) STRICT`,
  `CREATE TABLE fia_strategy_rates (
        strategy_rate_id TEXT PRIMARY KEY CHECK ${uuid('strategy_rate_id')},
        strategy_id TEXT NOT NULL CHECK ${uuid('strategy_id')},
        rate TEXT NOT NULL CHECK ${decimal4('rate')},
        ${periodRecordColumns({ from: 'effective_date', until: 'end_date', inOrder: 'fia_strategy_rates_end_not_before_effective' }, false)}
      ) STRICT`,
  `CREATE TABLE index_levels (
        index_level_id TEXT PRIMARY KEY CHECK ${uuid('index_level_id')},
        index_name TEXT NOT NULL CHECK ${nonBlank('index_name', 120)},
        level_date TEXT NOT NULL CHECK (${isoDate('level_date')} AND substr(level_date, 6, 2) = '12'),
        level TEXT NOT NULL CHECK ${decimal4('level')},
        source TEXT NOT NULL CHECK ${nonBlank('source', 300)},
        ${syncedStamps(false)}
      ) STRICT`,
];

const INDEXES = [
  `CREATE INDEX product_state_approvals_state_product_idx ON product_state_approvals (state_code, product_id)`,
  `CREATE INDEX product_state_approvals_product_idx ON product_state_approvals (product_id)`,
  `CREATE INDEX fia_strategies_product_idx ON fia_strategies (product_id, sort_order)`,
  `CREATE INDEX fia_strategy_rates_strategy_idx ON fia_strategy_rates (strategy_id, effective_date)`,
  `CREATE INDEX index_levels_name_date_idx ON index_levels (index_name, level_date)`,
  `CREATE INDEX products_carrier_idx ON products (carrier_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE products ADD COLUMN carrier_id TEXT NULL CHECK (carrier_id IS NULL OR ${uuid('carrier_id')})`).execute(db);
  await sql.raw(`ALTER TABLE products ADD COLUMN mva_reference_rate TEXT NULL CHECK (mva_reference_rate IS NULL OR ${decimal4('mva_reference_rate')})`).execute(db);
  for (const statement of [...TABLES, ...INDEXES]) await sql.raw(statement).execute(db);
}
