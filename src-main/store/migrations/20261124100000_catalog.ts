// The cached catalog: products, availability windows, rate history, with the server's CHECKs
// mirrored so a corrupt sync payload fails loudly instead of reaching a client illustration.
// Frozen: later changes go in new migrations. decimalText is local; the builders shared with later
// migrations live in checks.ts, frozen the same way (a test compares the schema they produce).
import { sql, type Kysely } from 'kysely';
import { flag, nonBlank, periodRecordColumns, timestamp, uuid, version } from './checks.js';

/**
 * A decimal kept as exact text with exactly `decimals` places and no sign, exponent, leading zero
 * or separator ("4.5000", "100000.00"), whose value lies in [min, max] given in units of the last
 * place. The bound is checked on the digits as an INTEGER, never through REAL.
 */
function decimalText(column: string, decimals: number, maxLength: number, min: number, max: number): string {
  const places = '[0-9]'.repeat(decimals);
  return `(${column} GLOB '[0-9]*.${places}'
    AND ${column} NOT GLOB '*[^0-9.]*'
    AND ${column} NOT GLOB '*.*.*'
    AND ${column} NOT GLOB '0[0-9]*'
    AND length(${column}) <= ${maxLength}
    AND CAST(replace(${column}, '.', '') AS INTEGER) BETWEEN ${min} AND ${max})`;
}

/** Percent per year, 0..25, DECIMAL(8,4) on the server. */
const rate = (column: string): string => decimalText(column, 4, 7, 0, 250_000);
/** Percentage, 0..100. */
const percent = (column: string): string => decimalText(column, 4, 8, 0, 1_000_000);
/** DECIMAL(15,2) money, more than 0. */
const positiveMoney = (column: string): string => decimalText(column, 2, 16, 1, 999_999_999_999_999);

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE products (
        product_key INTEGER PRIMARY KEY,
        product_id TEXT NOT NULL UNIQUE CHECK ${uuid('product_id')},
        cusip TEXT NOT NULL UNIQUE CHECK (cusip GLOB '${'[0-9A-Z*@#]'.repeat(8)}[0-9]'),
        product_name TEXT NOT NULL CHECK ${nonBlank('product_name', 255)},
        product_type TEXT NOT NULL CHECK (product_type IN ('MYGA', 'FIA', 'CD')),
        issuer_name TEXT NOT NULL CHECK ${nonBlank('issuer_name', 255)},
        description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
        minimum_investment TEXT NOT NULL CHECK ${positiveMoney('minimum_investment')},
        minimum_investment_cents INTEGER GENERATED ALWAYS AS (CAST(replace(minimum_investment, '.', '') AS INTEGER)) STORED,
        maximum_investment TEXT NULL CHECK (maximum_investment IS NULL OR ${positiveMoney('maximum_investment')}),
        maximum_investment_cents INTEGER GENERATED ALWAYS AS (CAST(replace(maximum_investment, '.', '') AS INTEGER)) STORED,
        base_rate TEXT NOT NULL CHECK ${rate('base_rate')},
        base_rate_units INTEGER GENERATED ALWAYS AS (CAST(replace(base_rate, '.', '') AS INTEGER)) STORED,
        bonus_rate TEXT NOT NULL CHECK ${rate('bonus_rate')},
        bonus_years INTEGER NOT NULL,
        term_years INTEGER NOT NULL CHECK (term_years BETWEEN 1 AND 30),
        guaranteed_minimum_rate TEXT NOT NULL CHECK ${rate('guaranteed_minimum_rate')},
        compounding TEXT NOT NULL CHECK (compounding IN ('annual', 'daily', 'simple')),
        surrender_schedule TEXT NOT NULL DEFAULT '[]',
        free_withdrawal_percent TEXT NOT NULL CHECK ${percent('free_withdrawal_percent')},
        return_of_premium INTEGER NOT NULL CHECK ${flag('return_of_premium')},
        return_of_premium_percentage TEXT NULL
          CHECK (return_of_premium_percentage IS NULL OR ${percent('return_of_premium_percentage')}),
        terms_and_conditions TEXT NULL CHECK (length(terms_and_conditions) <= 100000),
        is_active INTEGER NOT NULL CHECK ${flag('is_active')},
        created_at TEXT NOT NULL CHECK ${timestamp('created_at')},
        updated_at TEXT NOT NULL CHECK ${timestamp('updated_at')},
        created_by TEXT NOT NULL CHECK ${nonBlank('created_by', 255)},
        updated_by TEXT NOT NULL CHECK ${nonBlank('updated_by', 255)},
        change_version INTEGER NOT NULL CHECK ${version('change_version')},
        CONSTRAINT products_maximum_not_below_minimum
          CHECK (maximum_investment_cents IS NULL OR maximum_investment_cents >= minimum_investment_cents),
        CONSTRAINT products_bonus_years_range CHECK (bonus_years BETWEEN 0 AND term_years),
        CONSTRAINT products_bonus_years_cover_bonus CHECK (bonus_years >= 1 OR bonus_rate = '0.0000'),
        -- Elements are checked when written (a CHECK cannot look inside an array).
        CONSTRAINT products_surrender_schedule_array CHECK (
          json_valid(surrender_schedule) AND json_type(surrender_schedule) = 'array'
          AND json_array_length(surrender_schedule) <= term_years
        ),
        CONSTRAINT products_return_of_premium_percentage_required CHECK (
          (return_of_premium = 1 AND return_of_premium_percentage IS NOT NULL
            AND CAST(replace(return_of_premium_percentage, '.', '') AS INTEGER) > 0)
          OR (return_of_premium = 0 AND return_of_premium_percentage IS NULL)
        )
      ) STRICT`,
    )
    .execute(db);
  // The catalog screen lists active products of a type by rate.
  await sql`CREATE INDEX products_active_type_rate_idx ON products (product_type, base_rate_units DESC) WHERE is_active = 1`.execute(db);
  await sql`CREATE INDEX products_active_issuer_idx ON products (issuer_name) WHERE is_active = 1`.execute(db);

  // Foreign keys are DEFERRABLE so a sync page can be applied in one transaction in any row order.
  await sql
    .raw(
      `CREATE TABLE product_availability (
        availability_id TEXT PRIMARY KEY CHECK ${uuid('availability_id')},
        product_id TEXT NOT NULL REFERENCES products (product_id) DEFERRABLE INITIALLY DEFERRED,
        ${periodRecordColumns({ from: 'start_date', until: 'end_date', inOrder: 'product_availability_end_not_before_start' }, false)}
      ) STRICT`,
    )
    .execute(db);
  await sql`CREATE INDEX product_availability_product_idx ON product_availability (product_id, start_date)`.execute(db);

  await sql
    .raw(
      `CREATE TABLE rate_history (
        rate_history_id TEXT PRIMARY KEY CHECK ${uuid('rate_history_id')},
        product_id TEXT NOT NULL REFERENCES products (product_id) DEFERRABLE INITIALLY DEFERRED,
        base_rate TEXT NOT NULL CHECK ${rate('base_rate')},
        bonus_rate TEXT NOT NULL CHECK ${rate('bonus_rate')},
        ${periodRecordColumns({ from: 'effective_date', until: 'end_date', inOrder: 'rate_history_end_not_before_effective' }, false)}
      ) STRICT`,
    )
    .execute(db);
  await sql`CREATE INDEX rate_history_product_idx ON rate_history (product_id, effective_date)`.execute(db);
}
