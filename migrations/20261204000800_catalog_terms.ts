// The catalog records of issue 13 (src-shared/catalog/*), each synced like the catalog (a
// change_version stamped by trigger, is_active = false as the tombstone, never deleted):
// - carriers: issuers with their NAIC company code and the AM Best rating an admin entered, with
//   outlook and as-of date (all three or none: not rated); products.carrier_id references one (null
//   for products entered before carriers were records).
// - product_state_approvals: where a product may be sold, one row per state (50 + DC) and period,
//   both ends inclusive business dates; active periods of a product and state never overlap
//   (btree_gist from 20261124000100_extensions). An annuity without an active approval covering a
//   day is not approved there; CDs are not state-filed.
// - fia_strategies: crediting strategies of an FIA; index_name null exactly for the fixed account;
//   guaranteed_rate the contract's guarantee for the strategy's rate (lowest cap / participation /
//   declared rate, highest spread); floor_rate the least a year credits.
// - fia_strategy_rates: their current rates, published and dated like rate_history (effective_date
//   through end_date, inclusive; is_active = false when retracted); never breaking the guarantee.
// - index_levels: year-end index levels with their source; one active level per index and date.
// Rules that span two tables are triggers raising check_violation with a constraint name, so the API
// maps them to field errors like any CHECK. Frozen: the builders are local, no application imports.
import { sql, type Kysely } from 'kysely';

const STATES = [
  'AK', 'AL', 'AR', 'AZ', 'CA', 'CO', 'CT', 'DC', 'DE', 'FL', 'GA', 'HI', 'IA', 'ID', 'IL', 'IN', 'KS', 'KY', 'LA', 'MA', 'MD', 'ME',
  'MI', 'MN', 'MO', 'MS', 'MT', 'NC', 'ND', 'NE', 'NH', 'NJ', 'NM', 'NV', 'NY', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX',
  'UT', 'VA', 'VT', 'WA', 'WI', 'WV', 'WY',
];

interface CatalogTable {
  name: string;
  id: string;
  columns: string[];
  constraints: string[];
  /** Text columns that must not be blank (a named CHECK each). */
  required: string[];
  /** Rows edited in place carry updated_at / updated_by; published ones (rates, levels) do not. */
  edited: boolean;
}

async function createCatalogTable(db: Kysely<unknown>, table: CatalogTable): Promise<void> {
  const actors = table.edited ? ['created_by', 'updated_by'] : ['created_by'];
  const columns = [
    `${table.id} uuid NOT NULL DEFAULT gen_random_uuid()`,
    ...table.columns,
    'is_active boolean NOT NULL DEFAULT true',
    'created_at timestamptz NOT NULL DEFAULT now()',
    ...(table.edited ? ['updated_at timestamptz NOT NULL DEFAULT now()'] : []),
    ...actors.map((actor) => `${actor} varchar(255) NOT NULL`),
    'change_version bigint NOT NULL',
    'change_tx bigint NOT NULL',
    `CONSTRAINT ${table.name}_pkey PRIMARY KEY (${table.id})`,
    ...table.constraints,
    ...[...table.required, ...actors].map((column) => `CONSTRAINT ${table.name}_${column}_not_blank CHECK (btrim(${column}) <> '')`),
  ];
  await sql.raw(`CREATE TABLE ${table.name} (\n  ${columns.join(',\n  ')}\n)`).execute(db);
  const triggers = [['stamp_change_version', 'INSERT OR UPDATE'], ...(table.edited ? [['set_updated_at', 'UPDATE']] : [])];
  for (const [fn, events] of triggers) {
    await sql.raw(`CREATE TRIGGER ${table.name}_${fn} BEFORE ${events} ON ${table.name} FOR EACH ROW EXECUTE FUNCTION ${fn}()`).execute(db);
  }
  await sql.raw(`CREATE INDEX ${table.name}_change_version_idx ON ${table.name} (change_version)`).execute(db);
  await sql.raw(`GRANT INSERT, UPDATE ON ${table.name} TO ratedesk_app`).execute(db);
}

const productReference = (table: string) =>
  `CONSTRAINT ${table}_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (product_id) ON DELETE RESTRICT ON UPDATE RESTRICT`;

/** A trigger function refusing a row, as a CHECK would, when `condition` holds (plpgsql, NEW in scope). */
async function crossTableCheck(db: Kysely<unknown>, table: string, constraint: string, events: string, declare: string, condition: string, message: string) {
  await sql
    .raw(
      `CREATE FUNCTION ${constraint}() RETURNS trigger LANGUAGE plpgsql AS $$
      ${declare}
      BEGIN
        IF ${condition} THEN
          RAISE EXCEPTION ${message} USING ERRCODE = 'check_violation', CONSTRAINT = '${constraint}', TABLE = '${table}';
        END IF;
        RETURN NEW;
      END $$`,
    )
    .execute(db);
  await sql.raw(`CREATE TRIGGER ${constraint} BEFORE ${events} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${constraint}()`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await createCatalogTable(db, {
    name: 'carriers',
    id: 'carrier_id',
    columns: ['carrier_name varchar(255) NOT NULL', 'naic_code char(5) NOT NULL', 'am_best_rating varchar(3) NULL', 'am_best_outlook varchar(10) NULL', 'rating_as_of date NULL'],
    constraints: [
      'CONSTRAINT carriers_naic_code_key UNIQUE (naic_code)',
      `CONSTRAINT carriers_naic_code_digits CHECK (naic_code ~ '^[0-9]{5}$')`,
      `CONSTRAINT carriers_am_best_rating_known CHECK (am_best_rating IN ('A++', 'A+', 'A', 'A-', 'B++', 'B+', 'B', 'B-', 'C++', 'C+', 'C', 'C-', 'D', 'E', 'F', 'S'))`,
      `CONSTRAINT carriers_am_best_outlook_known CHECK (am_best_outlook IN ('positive', 'stable', 'negative', 'developing'))`,
      `CONSTRAINT carriers_rating_complete CHECK ((am_best_rating IS NULL AND am_best_outlook IS NULL AND rating_as_of IS NULL)
        OR (am_best_rating IS NOT NULL AND am_best_outlook IS NOT NULL AND rating_as_of IS NOT NULL))`,
    ],
    required: ['carrier_name'],
    edited: true,
  });
  await sql`ALTER TABLE products ADD COLUMN carrier_id uuid NULL`.execute(db);
  await sql`
    ALTER TABLE products ADD CONSTRAINT products_carrier_id_fkey FOREIGN KEY (carrier_id)
      REFERENCES carriers (carrier_id) ON DELETE RESTRICT ON UPDATE RESTRICT`.execute(db);
  await sql`CREATE INDEX products_carrier_id_idx ON products (carrier_id)`.execute(db);

  await createCatalogTable(db, {
    name: 'product_state_approvals',
    id: 'approval_id',
    columns: ['product_id uuid NOT NULL', 'state_code char(2) NOT NULL', 'approved_from date NOT NULL', 'approved_until date NULL'],
    constraints: [
      productReference('product_state_approvals'),
      `CONSTRAINT product_state_approvals_state_code_known CHECK (state_code IN (${STATES.map((code) => `'${code}'`).join(', ')}))`,
      'CONSTRAINT product_state_approvals_until_not_before_from CHECK (approved_until IS NULL OR approved_until >= approved_from)',
      `CONSTRAINT product_state_approvals_no_overlap EXCLUDE USING gist (
        product_id WITH =, state_code WITH =, daterange(approved_from, approved_until, '[]') WITH &&) WHERE (is_active)`,
    ],
    required: [],
    edited: true,
  });
  await sql`CREATE INDEX product_state_approvals_product_id_state_code_idx ON product_state_approvals (product_id, state_code)`.execute(db);
  await sql`CREATE INDEX product_state_approvals_state_code_idx ON product_state_approvals (state_code, product_id)`.execute(db);

  await createCatalogTable(db, {
    name: 'fia_strategies',
    id: 'strategy_id',
    columns: [
      'product_id uuid NOT NULL', 'strategy_code varchar(40) NOT NULL', 'strategy_name varchar(255) NOT NULL', 'index_name varchar(120) NULL',
      'crediting_method varchar(16) NOT NULL', 'guaranteed_rate numeric(8,4) NOT NULL', 'floor_rate numeric(8,4) NOT NULL DEFAULT 0',
      'sort_order smallint NOT NULL DEFAULT 0',
    ],
    constraints: [
      productReference('fia_strategies'),
      'CONSTRAINT fia_strategies_product_id_strategy_code_key UNIQUE (product_id, strategy_code)',
      `CONSTRAINT fia_strategies_strategy_code_format CHECK (strategy_code ~ '^[A-Z0-9][A-Z0-9_-]{0,39}$')`,
      `CONSTRAINT fia_strategies_crediting_method_known CHECK (crediting_method IN ('cap', 'participation', 'spread', 'fixed'))`,
      `CONSTRAINT fia_strategies_index_name_by_method CHECK ((crediting_method = 'fixed') = (index_name IS NULL))`,
      'CONSTRAINT fia_strategies_guaranteed_rate_range CHECK (guaranteed_rate >= 0 AND guaranteed_rate <= 1000)',
      'CONSTRAINT fia_strategies_floor_rate_range CHECK (floor_rate >= 0 AND floor_rate <= 25)',
      'CONSTRAINT fia_strategies_sort_order_range CHECK (sort_order BETWEEN 0 AND 99)',
    ],
    required: ['strategy_name', 'index_name'],
    edited: true,
  });
  await crossTableCheck(
    db,
    'fia_strategies',
    'fia_strategies_product_is_fia',
    'INSERT OR UPDATE OF product_id',
    '',
    `NOT EXISTS (SELECT 1 FROM public.products p WHERE p.product_id = NEW.product_id AND p.product_type = 'FIA')`,
    `'a crediting strategy belongs to a fixed indexed annuity (product %)', NEW.product_id`,
  );

  await createCatalogTable(db, {
    name: 'fia_strategy_rates',
    id: 'strategy_rate_id',
    columns: ['strategy_id uuid NOT NULL', 'rate numeric(8,4) NOT NULL', 'effective_date date NOT NULL', 'end_date date NULL'],
    constraints: [
      'CONSTRAINT fia_strategy_rates_strategy_id_fkey FOREIGN KEY (strategy_id) REFERENCES fia_strategies (strategy_id) ON DELETE RESTRICT ON UPDATE RESTRICT',
      'CONSTRAINT fia_strategy_rates_rate_range CHECK (rate >= 0 AND rate <= 1000)',
      'CONSTRAINT fia_strategy_rates_end_date_not_before_effective_date CHECK (end_date IS NULL OR end_date >= effective_date)',
    ],
    required: [],
    edited: false,
  });
  await crossTableCheck(
    db,
    'fia_strategy_rates',
    'fia_strategy_rates_keep_guarantee',
    'INSERT OR UPDATE OF rate, strategy_id',
    '',
    `(SELECT true FROM public.fia_strategies s WHERE s.strategy_id = NEW.strategy_id
        AND ((s.crediting_method = 'spread' AND NEW.rate > s.guaranteed_rate) OR (s.crediting_method <> 'spread' AND NEW.rate < s.guaranteed_rate)))`,
    `'rate % breaks the guarantee of strategy %', NEW.rate, NEW.strategy_id`,
  );
  await sql`CREATE INDEX fia_strategy_rates_strategy_id_effective_date_idx ON fia_strategy_rates (strategy_id, effective_date)`.execute(db);

  await createCatalogTable(db, {
    name: 'index_levels',
    id: 'index_level_id',
    columns: ['index_name varchar(120) NOT NULL', 'level_date date NOT NULL', 'level numeric(14,4) NOT NULL', 'source varchar(300) NOT NULL'],
    constraints: ['CONSTRAINT index_levels_level_date_year_end CHECK (extract(month FROM level_date) = 12)', 'CONSTRAINT index_levels_level_positive CHECK (level > 0)'],
    required: ['index_name', 'source'],
    edited: false,
  });
  await sql`CREATE UNIQUE INDEX index_levels_one_active_per_date ON index_levels (index_name, level_date) WHERE is_active`.execute(db);
}
