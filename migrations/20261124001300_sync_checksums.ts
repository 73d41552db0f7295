// Verification of a client's copy (docs/adr/0001-sync-cursor.md, "Verification"): per synced table
// and scope, the row count and an order-independent checksum (the sum modulo 2^64 of a 64-bit hash
// of every row's canonical text), kept up to date by statement-level triggers, so a client can check
// a million rows without the server reading them.
//
// The canonical text of a row is defined twice, here in SQL and in src-shared/sync/row-canonical.ts
// in TypeScript; the sync-checksums integration test proves they agree. Changing either means a new
// migration that redefines the functions and recomputes the stats (SELECT recompute_sync_table_stats()).
import { sql, type Kysely } from 'kysely';

/** The sync writers' advisory lock key, as in 20261124000300_change_versions ("RATESYNC"). */
const SYNC_LOCK_KEY = '5927111241324121667';
/** Checksums are sums modulo 2^64. */
const MODULUS = '18446744073709551616';

type FieldKind = 'uuid' | 'text' | 'numeric' | 'integer' | 'boolean' | 'date' | 'numeric_array';

interface TableSpec {
  table: string;
  fields: ReadonlyArray<readonly [column: string, kind: FieldKind]>;
}

// Field order is part of the canonical form. Timestamps are left out (their text depends on the
// session's TimeZone and DateStyle), and so are jsonb documents (PostgreSQL's jsonb text is not
// what JSON.stringify produces); change_version is in, so a client holding a stale version of a
// row is detected even when the visible values happen to be equal.
const products: TableSpec = {
  table: 'products',
  fields: [
    ['product_id', 'uuid'],
    ['cusip', 'text'],
    ['product_name', 'text'],
    ['product_type', 'text'],
    ['issuer_name', 'text'],
    ['description', 'text'],
    ['minimum_investment', 'numeric'],
    ['maximum_investment', 'numeric'],
    ['base_rate', 'numeric'],
    ['bonus_rate', 'numeric'],
    ['bonus_years', 'integer'],
    ['term_years', 'integer'],
    ['guaranteed_minimum_rate', 'numeric'],
    ['compounding', 'text'],
    ['surrender_schedule', 'numeric_array'],
    ['free_withdrawal_percent', 'numeric'],
    ['return_of_premium', 'boolean'],
    ['return_of_premium_percentage', 'numeric'],
    ['terms_and_conditions', 'text'],
    ['is_active', 'boolean'],
    ['created_by', 'text'],
    ['updated_by', 'text'],
    ['change_version', 'integer'],
  ],
};

const productAvailability: TableSpec = {
  table: 'product_availability',
  fields: [
    ['availability_id', 'uuid'],
    ['product_id', 'uuid'],
    ['start_date', 'date'],
    ['end_date', 'date'],
    ['is_active', 'boolean'],
    ['created_by', 'text'],
    ['change_version', 'integer'],
  ],
};

const rateHistory: TableSpec = {
  table: 'rate_history',
  fields: [
    ['rate_history_id', 'uuid'],
    ['product_id', 'uuid'],
    ['base_rate', 'numeric'],
    ['bonus_rate', 'numeric'],
    ['effective_date', 'date'],
    ['end_date', 'date'],
    ['is_active', 'boolean'],
    ['created_by', 'text'],
    ['change_version', 'integer'],
  ],
};

// user_id is the scope of the stats row, so it is not repeated in the text.
const productComparisons: TableSpec = {
  table: 'product_comparisons',
  fields: [
    ['comparison_id', 'uuid'],
    ['investment_amount', 'numeric'],
    ['horizon_years', 'integer'],
    ['as_of_date', 'date'],
    ['client_reference', 'text'],
    ['engine_version', 'text'],
    ['change_version', 'integer'],
  ],
};

const productComparisonItems: TableSpec = {
  table: 'product_comparison_items',
  fields: [
    ['comparison_id', 'uuid'],
    ['position', 'integer'],
    ['product_id', 'uuid'],
    ['rate_history_id', 'uuid'],
    ['base_rate', 'numeric'],
    ['bonus_rate', 'numeric'],
    ['change_version', 'integer'],
  ],
};

// chr() instead of backslash literals: the text is the same whatever standard_conforming_strings says.
const NULL_MARK = `(chr(92) || 'N')`;
const SEPARATOR = 'chr(31)';

function fieldText(column: string, kind: FieldKind): string {
  const value = `($1).${column}`;
  switch (kind) {
    case 'uuid':
    case 'numeric':
    case 'integer':
    case 'numeric_array':
      return `coalesce(${value}::text, ${NULL_MARK})`;
    case 'text':
      // A backslash is doubled and the separator written as \s, so no value can forge a separator or
      // the NULL mark.
      return `coalesce(replace(replace(${value}::text, chr(92), chr(92) || chr(92)), chr(31), chr(92) || 's'), ${NULL_MARK})`;
    case 'boolean':
      return `CASE WHEN ${value} THEN 't' WHEN NOT ${value} THEN 'f' ELSE ${NULL_MARK} END`;
    case 'date':
      // to_char, not ::text, whose format follows the session's DateStyle; via timestamp (not the
      // implicit timestamptz) so the session's TimeZone plays no part either.
      return `coalesce(to_char(${value}::timestamp, 'YYYY-MM-DD'), ${NULL_MARK})`;
  }
}

async function createRowFunctions(db: Kysely<unknown>, spec: TableSpec): Promise<void> {
  const text = spec.fields.map(([column, kind]) => fieldText(column, kind)).join(`\n      || ${SEPARATOR} || `);
  // SQL-standard bodies (RETURN ...) are parsed once, here, so they do not depend on the caller's
  // search_path, and PostgreSQL inlines them into the triggers' queries (no per-row call overhead).
  await sql`
    CREATE FUNCTION ${sql.raw(`sync_canonical_${spec.table}`)}(${sql.raw(`public.${spec.table}`)}) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN ${sql.raw(text)}`.execute(db);
  await sql`
    CREATE FUNCTION ${sql.raw(`row_hash_${spec.table}`)}(${sql.raw(`public.${spec.table}`)}) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN public.sync_row_hash(${sql.raw(`public.sync_canonical_${spec.table}($1)`)})`.execute(db);
  await sql`
    COMMENT ON FUNCTION ${sql.raw(`row_hash_${spec.table}(public.${spec.table})`)} IS ${sql.lit(
      `64-bit hash of the canonical text of a ${spec.table} row (sync_canonical_${spec.table}); ` +
        'must equal rowHash() over the same row in src-shared/sync/row-canonical.ts.',
    )}`.execute(db);
}

interface DeltaSource {
  /** Transition table name. */
  relation: 'new_rows' | 'old_rows';
  sign: 1 | -1;
}

/**
 * One update per statement: the count and hash deltas of all rows the statement touched, grouped
 * by scope, added to sync_table_stats (a scope seen for the first time gets its row inserted).
 * GROUP BY yields no row for a statement that touched none, so such a statement locks nothing.
 * Not INSERT ... ON CONFLICT: PostgreSQL checks the CHECK constraints of the proposed row, and a
 * delta (a DELETE's negative count) is not a valid row. No two writers can race to insert the same
 * new scope: every synced write holds the sync writers' lock.
 */
function statsDelta(statsTable: string, rows: string, sources: readonly DeltaSource[]): string {
  // sum(bigint) accumulates in 128-bit integers; the sign is applied to the per-scope sums, not per row.
  const perSource = sources.map(
    (source) => `
            SELECT x.scope, ${source.sign} * sum(x.counted) AS row_delta, ${source.sign} * sum(x.hash) AS hash_delta
            FROM (${rows.replaceAll('$rel', source.relation)}) x
            GROUP BY x.scope`,
  );
  return `
      WITH delta AS (
        SELECT c.scope, sum(c.row_delta) AS row_delta, mod(mod(sum(c.hash_delta), ${MODULUS}) + ${MODULUS}, ${MODULUS}) AS hash_delta
        FROM (${perSource.join('\n            UNION ALL')}) c
        GROUP BY c.scope
      ),
      updated AS (
        UPDATE public.sync_table_stats s
        SET row_count = s.row_count + delta.row_delta,
            checksum = mod(s.checksum + delta.hash_delta, ${MODULUS})
        FROM delta
        WHERE s.table_name = '${statsTable}' AND s.scope = delta.scope
        RETURNING s.scope
      )
      INSERT INTO public.sync_table_stats (table_name, scope, row_count, checksum)
      SELECT '${statsTable}', delta.scope, delta.row_delta, delta.hash_delta
      FROM delta
      WHERE NOT EXISTS (SELECT 1 FROM updated WHERE updated.scope = delta.scope)`;
}

async function createStatsTrigger(
  db: Kysely<unknown>,
  table: string,
  /** SELECT of (scope, counted: 1 or 0, hash) per row of the transition table $rel. */
  rows: string,
  statsTable: string,
): Promise<void> {
  const fn = `sync_stats_${table}`;
  await sql`
    CREATE FUNCTION ${sql.raw(fn)}() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, public
    AS $fn$
    BEGIN
      IF TG_OP = 'INSERT' THEN${sql.raw(statsDelta(statsTable, rows, [{ relation: 'new_rows', sign: 1 }]))};
      ELSIF TG_OP = 'UPDATE' THEN${sql.raw(
        statsDelta(statsTable, rows, [
          { relation: 'new_rows', sign: 1 },
          { relation: 'old_rows', sign: -1 },
        ]),
      )};
      ELSE${sql.raw(statsDelta(statsTable, rows, [{ relation: 'old_rows', sign: -1 }]))};
      END IF;
      RETURN NULL;
    END
    $fn$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION ${sql.raw(fn)}() FROM PUBLIC`.execute(db);
  await sql`
    CREATE TRIGGER ${sql.raw(`${table}_sync_stats_insert`)} AFTER INSERT ON ${sql.raw(table)}
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(fn)}()`.execute(db);
  await sql`
    CREATE TRIGGER ${sql.raw(`${table}_sync_stats_update`)} AFTER UPDATE ON ${sql.raw(table)}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(fn)}()`.execute(db);
  // The application never deletes, but an operator might; the stats must stay true (and clients
  // then see a mismatch and re-download the table, which is what they should do).
  await sql`
    CREATE TRIGGER ${sql.raw(`${table}_sync_stats_delete`)} AFTER DELETE ON ${sql.raw(table)}
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(fn)}()`.execute(db);
  await sql`
    CREATE TRIGGER ${sql.raw(`${table}_sync_stats_truncate`)} AFTER TRUNCATE ON ${sql.raw(table)}
    FOR EACH STATEMENT EXECUTE FUNCTION public.sync_stats_after_truncate()`.execute(db);
}

const catalogRows = (table: string) => `
            SELECT ''::text AS scope, 1 AS counted, public.row_hash_${table}(r) AS hash FROM $rel r`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sync_table_stats (
      table_name text NOT NULL,
      scope text NOT NULL,
      row_count bigint NOT NULL,
      checksum numeric(20,0) NOT NULL,
      CONSTRAINT sync_table_stats_pkey PRIMARY KEY (table_name, scope),
      CONSTRAINT sync_table_stats_table_name_known
        CHECK (table_name IN ('products', 'product_availability', 'rate_history', 'product_comparisons')),
      CONSTRAINT sync_table_stats_row_count_not_negative CHECK (row_count >= 0),
      CONSTRAINT sync_table_stats_checksum_range CHECK (checksum >= 0 AND checksum < ${sql.raw(MODULUS)})
    )`.execute(db);
  await sql`
    COMMENT ON TABLE sync_table_stats IS ${sql.lit(
      'Row count and checksum (sum mod 2^64 of row_hash_<table>) of each synced table, maintained by ' +
        'statement-level triggers in the writing transaction. scope is empty for catalog tables and the ' +
        'user_id for product_comparisons, whose row_count counts comparisons and whose checksum also ' +
        'includes the hashes of their product_comparison_items rows. Only the triggers (SECURITY DEFINER) ' +
        'write it; recompute_sync_table_stats() rebuilds it from the tables.',
    )}`.execute(db);
  await sql`REVOKE ALL ON sync_table_stats FROM PUBLIC`.execute(db);
  await sql`GRANT SELECT ON sync_table_stats TO ratedesk_app, ratedesk_readonly`.execute(db);

  // The first 16 hex digits of the MD5 of the UTF-8 bytes, as a signed 64-bit integer. convert_to
  // makes the bytes UTF-8 whatever the database encoding, as the TypeScript side hashes them. STABLE
  // and not STRICT like convert_to, so PostgreSQL can inline it.
  await sql`
    CREATE FUNCTION sync_row_hash(text) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN ('x' || left(md5(convert_to($1, 'UTF8')), 16))::bit(64)::bigint`.execute(db);

  for (const spec of [products, productAvailability, rateHistory, productComparisons, productComparisonItems]) {
    await createRowFunctions(db, spec);
  }

  await sql`
    CREATE FUNCTION recompute_sync_table_stats() RETURNS void
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, public
    AS $fn$
    BEGIN
      -- The sync writers' lock: no writer can change a table between its scan and the new stats.
      PERFORM pg_advisory_xact_lock(${sql.raw(SYNC_LOCK_KEY)});
      DELETE FROM public.sync_table_stats;
      INSERT INTO public.sync_table_stats (table_name, scope, row_count, checksum)
      SELECT 'products', '', count(*), mod(mod(coalesce(sum(public.row_hash_products(r)), 0), ${sql.raw(MODULUS)}) + ${sql.raw(MODULUS)}, ${sql.raw(MODULUS)})
      FROM public.products r
      UNION ALL
      SELECT 'product_availability', '', count(*), mod(mod(coalesce(sum(public.row_hash_product_availability(r)), 0), ${sql.raw(MODULUS)}) + ${sql.raw(MODULUS)}, ${sql.raw(MODULUS)})
      FROM public.product_availability r
      UNION ALL
      SELECT 'rate_history', '', count(*), mod(mod(coalesce(sum(public.row_hash_rate_history(r)), 0), ${sql.raw(MODULUS)}) + ${sql.raw(MODULUS)}, ${sql.raw(MODULUS)})
      FROM public.rate_history r;
      INSERT INTO public.sync_table_stats (table_name, scope, row_count, checksum)
      SELECT 'product_comparisons', c.scope, sum(c.counted), mod(mod(sum(c.hash), ${sql.raw(MODULUS)}) + ${sql.raw(MODULUS)}, ${sql.raw(MODULUS)})
      FROM (
        SELECT r.user_id::text AS scope, 1 AS counted, public.row_hash_product_comparisons(r) AS hash
        FROM public.product_comparisons r
        UNION ALL
        SELECT p.user_id::text, 0, public.row_hash_product_comparison_items(r)
        FROM public.product_comparison_items r JOIN public.product_comparisons p USING (comparison_id)
      ) c
      GROUP BY c.scope;
    END
    $fn$`.execute(db);
  await sql`
    COMMENT ON FUNCTION recompute_sync_table_stats() IS
      'Rebuilds sync_table_stats by reading every synced row (minutes on a large catalog; writers wait). For repairs and after TRUNCATE; the triggers keep the stats current otherwise.'
  `.execute(db);
  await sql`REVOKE ALL ON FUNCTION recompute_sync_table_stats() FROM PUBLIC`.execute(db);

  // TRUNCATE has no transition tables; it is an operator action, so a full recompute is fine.
  await sql`
    CREATE FUNCTION sync_stats_after_truncate() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, public
    AS $fn$
    BEGIN
      PERFORM public.recompute_sync_table_stats();
      RETURN NULL;
    END
    $fn$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION sync_stats_after_truncate() FROM PUBLIC`.execute(db);

  await createStatsTrigger(db, 'products', catalogRows('products'), 'products');
  await createStatsTrigger(db, 'product_availability', catalogRows('product_availability'), 'product_availability');
  await createStatsTrigger(db, 'rate_history', catalogRows('rate_history'), 'rate_history');
  await createStatsTrigger(
    db,
    'product_comparisons',
    `
            SELECT r.user_id::text AS scope, 1 AS counted, public.row_hash_product_comparisons(r) AS hash FROM $rel r`,
    'product_comparisons',
  );
  // Items belong to their comparison: they add to its user's checksum but not to the count. The
  // comparison row is written first in the same transaction, so the join finds it.
  await createStatsTrigger(
    db,
    'product_comparison_items',
    `
            SELECT p.user_id::text AS scope, 0 AS counted, public.row_hash_product_comparison_items(r) AS hash
            FROM $rel r JOIN public.product_comparisons p ON p.comparison_id = r.comparison_id`,
    'product_comparisons',
  );

  // Rows written before this migration.
  await sql`SELECT recompute_sync_table_stats()`.execute(db);
}
