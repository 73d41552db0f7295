// Checksums for issue 13's synced catalog records (carriers, product_state_approvals, fia_strategies,
// fia_strategy_rates, index_levels), as 20261124001300_sync_checksums made them for the first
// tables: a canonical text and 64-bit hash per row (sync_canonical_<table>, row_hash_<table>, the
// same forms as src-shared/sync/row-canonical.ts), statement-level triggers keeping each table's
// count and checksum in sync_table_stats (scope '' like every catalog table), and
// recompute_sync_table_stats() rebuilding them too. The products canonical text gains
// mva_reference_rate and carrier_id after mva_factor_cap (20261204000800 and 20261204001200 added
// the columns). Ends with a recompute. Frozen: no application imports, and the builders below are
// this migration's own (migrations never share code).
import { sql, type Kysely } from 'kysely';

/** Checksums are sums modulo 2^64. */
const MODULUS = '18446744073709551616';
/** The sync writers' advisory lock key, as in 20261124000300_change_versions ("RATESYNC"). */
const SYNC_LOCK_KEY = '5927111241324121667';

// A canonical row: "column:kind" in the fixed order of the text, several to a line.
const CANONICAL_COLUMNS: Readonly<Record<string, string>> = {
  products: `
    product_id:plain cusip:text product_name:text product_type:text issuer_name:text description:text
    minimum_investment:plain maximum_investment:plain base_rate:plain bonus_rate:plain bonus_years:plain term_years:plain
    guaranteed_minimum_rate:plain compounding:text surrender_schedule:plain free_withdrawal_percent:plain
    return_of_premium:bool return_of_premium_percentage:plain terms_and_conditions:text nonforfeiture_rate:plain
    brokered:bool early_withdrawal_penalty_months:plain minimum_issue_age:plain maximum_issue_age:plain mva_applies:bool
    mva_spread:plain mva_reference_index:text mva_factor_floor:plain mva_factor_cap:plain
    mva_reference_rate:plain carrier_id:plain
    is_active:bool created_by:text updated_by:text change_version:plain`,
  carriers: `
    carrier_id:plain carrier_name:text naic_code:text am_best_rating:text am_best_outlook:text rating_as_of:date
    is_active:bool created_by:text updated_by:text change_version:plain`,
  product_state_approvals: `
    approval_id:plain product_id:plain state_code:text approved_from:date approved_until:date
    is_active:bool created_by:text updated_by:text change_version:plain`,
  fia_strategies: `
    strategy_id:plain product_id:plain strategy_code:text strategy_name:text index_name:text crediting_method:text
    guaranteed_rate:plain floor_rate:plain sort_order:plain
    is_active:bool created_by:text updated_by:text change_version:plain`,
  fia_strategy_rates: `
    strategy_rate_id:plain strategy_id:plain rate:plain effective_date:date end_date:date
    is_active:bool created_by:text change_version:plain`,
  index_levels: `
    index_level_id:plain index_name:text level_date:date level:plain source:text
    is_active:bool created_by:text change_version:plain`,
};

/** The issue 13 tables this migration adds to the stats (the products' are there already). */
const NEW_TABLES = ['carriers', 'product_state_approvals', 'fia_strategies', 'fia_strategy_rates', 'index_levels'] as const;
const EARLIER_CATALOG_TABLES = ['products', 'product_availability', 'rate_history'] as const;

// chr() rather than backslash literals, so standard_conforming_strings plays no part. uuid, numeric,
// integer and numeric[] print the same in every session ("plain"); text doubles backslashes and
// writes the separator as \s; dates go through to_char on a timestamp, free of DateStyle and TimeZone.
const NULL_TEXT = `(chr(92) || 'N')`;
const KIND_TEXT: Readonly<Record<string, (value: string) => string>> = {
  plain: (value) => `${value}::text`,
  text: (value) => `replace(replace(${value}::text, chr(92), chr(92) || chr(92)), chr(31), chr(92) || 's')`,
  date: (value) => `to_char(${value}::timestamp, 'YYYY-MM-DD')`,
  bool: (value) => `CASE WHEN ${value} THEN 't' WHEN NOT ${value} THEN 'f' END`,
};

function canonicalExpression(table: string): string {
  const spec = CANONICAL_COLUMNS[table] ?? '';
  const parts = spec.trim().split(/\s+/).map((entry) => {
    const [column = '', kind = ''] = entry.split(':');
    const render = KIND_TEXT[kind];
    if (render === undefined) throw new Error(`${table}.${column}: unknown kind ${kind}`);
    return `coalesce(${render(`($1).${column}`)}, ${NULL_TEXT})`;
  });
  return parts.join('\n      || chr(31) || ');
}

/** sum(...) of signed hashes as a checksum in 0 .. 2^64 - 1. */
const modulo = (sum: string) => `mod(mod(coalesce(${sum}, 0), ${MODULUS}) + ${MODULUS}, ${MODULUS})`;

async function defineCanonical(db: Kysely<unknown>, table: string, replace: boolean): Promise<void> {
  const create = replace ? 'CREATE OR REPLACE FUNCTION' : 'CREATE FUNCTION';
  await sql`
    ${sql.raw(create)} ${sql.raw(`public.sync_canonical_${table}(public.${table})`)} RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN ${sql.raw(canonicalExpression(table))}`.execute(db);
  if (replace) return;
  await sql`
    CREATE FUNCTION ${sql.raw(`public.row_hash_${table}(public.${table})`)} RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN public.sync_row_hash(${sql.raw(`public.sync_canonical_${table}($1)`)})`.execute(db);
  await sql`
    COMMENT ON FUNCTION ${sql.raw(`public.row_hash_${table}(public.${table})`)} IS ${sql.lit(
      `64-bit hash of sync_canonical_${table}; equals the TypeScript canonical form's hash (src-shared/sync/row-canonical.ts).`,
    )}`.execute(db);
}

/**
 * The stats trigger of a catalog table (scope ''): one function for INSERT, UPDATE and DELETE that
 * adds the hashes of the new rows and takes away those of the old ones. A statement that touched
 * no row changes nothing and locks nothing. No two writers race to insert the first stats row:
 * every synced write holds the sync writers' lock (and the recompute below inserts it anyway).
 */
async function statsTriggers(db: Kysely<unknown>, table: string): Promise<void> {
  const fn = `public.sync_stats_${table}()`;
  const hash = `public.row_hash_${table}(r)`;
  await sql`
    CREATE FUNCTION ${sql.raw(fn)} RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $fn$
    DECLARE
      touched bigint := 0;
      rows_delta bigint := 0;
      hash_delta numeric := 0;
      n bigint;
      h numeric;
    BEGIN
      IF TG_OP <> 'DELETE' THEN
        SELECT count(*), coalesce(sum(${sql.raw(hash)}), 0) INTO n, h FROM new_rows r;
        touched := touched + n; rows_delta := rows_delta + n; hash_delta := hash_delta + h;
      END IF;
      IF TG_OP <> 'INSERT' THEN
        SELECT count(*), coalesce(sum(${sql.raw(hash)}), 0) INTO n, h FROM old_rows r;
        touched := touched + n; rows_delta := rows_delta - n; hash_delta := hash_delta - h;
      END IF;
      IF touched = 0 THEN
        RETURN NULL;
      END IF;
      UPDATE public.sync_table_stats
      SET row_count = row_count + rows_delta, checksum = ${sql.raw(modulo('checksum + hash_delta'))}
      WHERE table_name = ${sql.lit(table)} AND scope = '';
      IF NOT FOUND THEN
        INSERT INTO public.sync_table_stats (table_name, scope, row_count, checksum)
        VALUES (${sql.lit(table)}, '', rows_delta, ${sql.raw(modulo('hash_delta'))});
      END IF;
      RETURN NULL;
    END
    $fn$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION ${sql.raw(fn)} FROM PUBLIC`.execute(db);
  const events = [
    ['insert', 'INSERT', 'REFERENCING NEW TABLE AS new_rows'],
    ['update', 'UPDATE', 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'],
    ['delete', 'DELETE', 'REFERENCING OLD TABLE AS old_rows'],
  ] as const;
  for (const [suffix, event, transition] of events) {
    await sql`
      CREATE TRIGGER ${sql.raw(`${table}_sync_stats_${suffix}`)} AFTER ${sql.raw(event)} ON ${sql.raw(`public.${table}`)}
      ${sql.raw(transition)} FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(fn)}`.execute(db);
  }
  // TRUNCATE has no transition tables: a full recompute, as for the first tables.
  await sql`
    CREATE TRIGGER ${sql.raw(`${table}_sync_stats_truncate`)} AFTER TRUNCATE ON ${sql.raw(`public.${table}`)}
    FOR EACH STATEMENT EXECUTE FUNCTION public.sync_stats_after_truncate()`.execute(db);
}

/** recompute_sync_table_stats() over every synced table, the new ones included. */
async function redefineRecompute(db: Kysely<unknown>): Promise<void> {
  const catalog = [...EARLIER_CATALOG_TABLES, ...NEW_TABLES]
    .map((table) => `SELECT '${table}', '', count(*), ${modulo(`sum(public.row_hash_${table}(r))`)} FROM public.${table} r`)
    .join('\n      UNION ALL ');
  // A user's comparisons count once each; their items add to the checksum only.
  const comparisons = `
      WITH hashed AS (
        SELECT c.user_id::text AS scope, 1 AS counted, public.row_hash_product_comparisons(c) AS hash FROM public.product_comparisons c
        UNION ALL
        SELECT c.user_id::text, 0, public.row_hash_product_comparison_items(i)
        FROM public.product_comparison_items i JOIN public.product_comparisons c ON c.comparison_id = i.comparison_id)
      SELECT 'product_comparisons', scope, sum(counted), ${modulo('sum(hash)')} FROM hashed GROUP BY scope`;
  await sql`
    CREATE OR REPLACE FUNCTION public.recompute_sync_table_stats() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $fn$
    BEGIN
      -- No writer changes a table between its scan and the new stats.
      PERFORM pg_advisory_xact_lock(${sql.raw(SYNC_LOCK_KEY)});
      DELETE FROM public.sync_table_stats;
      INSERT INTO public.sync_table_stats (table_name, scope, row_count, checksum)
      ${sql.raw(catalog)};
      INSERT INTO public.sync_table_stats (table_name, scope, row_count, checksum)
      ${sql.raw(comparisons)};
    END
    $fn$`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const known = [...EARLIER_CATALOG_TABLES, 'product_comparisons', ...NEW_TABLES].map((table) => `'${table}'`).join(', ');
  await sql`
    ALTER TABLE sync_table_stats
      DROP CONSTRAINT sync_table_stats_table_name_known,
      ADD CONSTRAINT sync_table_stats_table_name_known CHECK (table_name IN (${sql.raw(known)}))`.execute(db);
  await defineCanonical(db, 'products', true);
  for (const table of NEW_TABLES) {
    await defineCanonical(db, table, false);
    await statsTriggers(db, table);
  }
  await redefineRecompute(db);
  await sql`SELECT recompute_sync_table_stats()`.execute(db);
}
