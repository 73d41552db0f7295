// Saved comparisons, their items and the audit trail are compliance records (FINRA 4511, SEC 17a-4):
// once written they never change. Until now only grants said so, and the owning role (the migrator)
// could still UPDATE or DELETE them. These triggers refuse UPDATE, DELETE and TRUNCATE for every
// role, the owner and superusers included, with SQLSTATE RD001 (docs/records.md).
//
// Two DELETEs are let through, each recognised by the PL/pgSQL call stack (PG_CONTEXT), so a
// statement typed by hand never is:
// - purge_expired_records() (20261204000500_retention_routine), the one retention routine: it sets
//   the transaction-local ratedesk.retention_purge to its cutoff, and a row goes only when it (or
//   the comparison it belongs to) was received before that cutoff, and the cutoff itself is at least
//   six years back. Setting the value by hand outside the routine allows nothing.
// - ensure_audit_partitions(), which moves audit rows out of audit_log_default into the partition
//   of their month (the same rows are inserted again in the same statement).
// An UPDATE is never let through.
//
// What this cannot do: a table owner can always ALTER TABLE ... DISABLE TRIGGER (or drop it), and a
// superuser more. Against the owner the protection is operational: the migrator's credentials are
// not the application's, are used only to migrate and purge, and such DDL is visible in the
// PostgreSQL log. The triggers are ENABLE ALWAYS so that session_replication_role = replica (a
// superuser's usual way round triggers) does not skip them either.
import { sql, type Kysely } from 'kysely';

/** A table whose rows are records: row trigger for UPDATE/DELETE, statement trigger for TRUNCATE. */
async function protect(db: Kysely<unknown>, table: string): Promise<void> {
  await sql`
    CREATE TRIGGER ${sql.raw(`${table}_refuse_change`)} BEFORE UPDATE OR DELETE ON ${sql.raw(`public.${table}`)}
    FOR EACH ROW EXECUTE FUNCTION public.refuse_record_change()`.execute(db);
  await sql`
    CREATE TRIGGER ${sql.raw(`${table}_refuse_truncate`)} BEFORE TRUNCATE ON ${sql.raw(`public.${table}`)}
    FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_record_change()`.execute(db);
  await sql`ALTER TABLE ${sql.raw(`public.${table}`)} ENABLE ALWAYS TRIGGER ${sql.raw(`${table}_refuse_change`)}`.execute(db);
  await sql`ALTER TABLE ${sql.raw(`public.${table}`)} ENABLE ALWAYS TRIGGER ${sql.raw(`${table}_refuse_truncate`)}`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // search_path is pg_catalog only, so the call stack names public functions schema-qualified
  // ("public.purge_expired_records(integer)") and a same-named function elsewhere cannot pass.
  // The stack lines are matched whole: a statement's text also appears in the stack, so a
  // substring test could be fooled by a comment. The six-year floor holds whatever the stack says.
  // (Backslashes are doubled: the template literal would eat them.)
  await sql`
    CREATE FUNCTION public.refuse_record_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
    AS $fn$
    DECLARE
      stack text;
      purge_cutoff text;
      cutoff timestamptz;
      received timestamptz;
      parent_id text;
    BEGIN
      IF TG_OP = 'DELETE' THEN
        GET DIAGNOSTICS stack = PG_CONTEXT;
        IF TG_TABLE_SCHEMA = 'public' AND TG_TABLE_NAME = 'audit_log_default'
           AND stack ~ '(^|\\n)PL/pgSQL function public\\.ensure_audit_partitions\\(integer\\) line [0-9]+ at EXECUTE(\\n|$)' THEN
          RETURN OLD;
        END IF;
        purge_cutoff := current_setting('ratedesk.retention_purge', true);
        IF coalesce(purge_cutoff, '') <> ''
           AND stack ~ '(^|\\n)PL/pgSQL function public\\.purge_expired_records\\(integer\\) line [0-9]+ at SQL statement(\\n|$)' THEN
          cutoff := purge_cutoff::timestamptz;
          IF cutoff <= now() - interval '6 years' THEN
            IF TG_TABLE_NAME = 'product_comparisons' THEN
              received := OLD.received_at;
            ELSE
              -- A row of a comparison (items, record events): as old as the comparison it belongs to.
              parent_id := to_jsonb(OLD) ->> 'comparison_id';
              IF parent_id IS NOT NULL THEN
                SELECT c.received_at INTO received FROM public.product_comparisons c WHERE c.comparison_id = parent_id::uuid;
              END IF;
            END IF;
            IF received IS NOT NULL AND received < cutoff THEN
              RETURN OLD;
            END IF;
          END IF;
        END IF;
      END IF;
      RAISE EXCEPTION '% rows are immutable compliance records (FINRA 4511, SEC 17a-4): % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'RD001',
              HINT = 'Records are only ever added. Expired records are removed by purge_expired_records() (npm run db:retention); see docs/records.md.';
    END
    $fn$`.execute(db);
  await sql`
    COMMENT ON FUNCTION public.refuse_record_change() IS ${sql.lit(
      'BEFORE UPDATE OR DELETE (row) and BEFORE TRUNCATE (statement) trigger of the compliance records: raises SQLSTATE RD001 ' +
        'for every role. Lets through only the DELETEs of purge_expired_records() (rows received before its cutoff, at least six ' +
        'years back) and the moves of ensure_audit_partitions() out of audit_log_default. A table owner can still disable the ' +
        'trigger; see docs/records.md.',
    )}`.execute(db);

  await protect(db, 'product_comparisons');
  await protect(db, 'product_comparison_items');
  // audit_log is partitioned: a row trigger on the parent is cloned onto every partition, present
  // and future (ATTACH clones it too). A statement trigger is not, and TRUNCATE of a partition by
  // name does not fire the parent's, so every partition gets its own TRUNCATE trigger, and
  // ensure_audit_partitions (below) adds it to each partition it creates.
  await protect(db, 'audit_log');
  await sql`
    DO $$
    DECLARE
      part text;
    BEGIN
      FOR part IN
        SELECT c.relname FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'public.audit_log'::regclass
      LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON public.%I FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_record_change()',
          part || '_refuse_truncate', part);
        EXECUTE format('ALTER TABLE public.%I ENABLE ALWAYS TRIGGER %I', part, part || '_refuse_truncate');
      END LOOP;
    END
    $$`.execute(db);

  // As in 20261124000900_audit_log, plus the TRUNCATE trigger of each new partition, and with
  // search_path pg_catalog only (every name is qualified) so the trigger above recognises it.
  // CREATE OR REPLACE keeps the grants and the comment.
  await sql`
    CREATE OR REPLACE FUNCTION public.ensure_audit_partitions(months_ahead integer DEFAULT 3)
    RETURNS SETOF text
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog
    SET "TimeZone" = 'UTC'
    SET "DateStyle" = 'ISO, YMD'
    AS $fn$
    DECLARE
      first_month timestamptz := date_trunc('month', now());
      month_start timestamptz;
      month_end timestamptz;
      partition_name text;
    BEGIN
      IF months_ahead IS NULL OR months_ahead < 0 OR months_ahead > 240 THEN
        RAISE EXCEPTION 'ensure_audit_partitions: months_ahead must be between 0 and 240, got %', months_ahead
          USING ERRCODE = 'invalid_parameter_value';
      END IF;
      PERFORM pg_advisory_xact_lock(5927934844000097360);
      FOR i IN 0..months_ahead LOOP
        month_start := first_month + make_interval(months => i);
        month_end := month_start + interval '1 month';
        partition_name := 'audit_log_' || to_char(month_start, 'YYYY_MM');
        CONTINUE WHEN to_regclass(format('public.%I', partition_name)) IS NOT NULL;

        EXECUTE format(
          'CREATE TABLE public.%I (LIKE public.audit_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
          partition_name);
        EXECUTE format(
          'WITH moved AS (DELETE FROM public.audit_log_default WHERE occurred_at >= %L AND occurred_at < %L RETURNING *) '
          'INSERT INTO public.%I SELECT * FROM moved',
          month_start, month_end, partition_name);
        EXECUTE format(
          'ALTER TABLE public.audit_log ATTACH PARTITION public.%I FOR VALUES FROM (%L) TO (%L)',
          partition_name, month_start, month_end);
        EXECUTE format(
          'CREATE TRIGGER %I BEFORE TRUNCATE ON public.%I FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_record_change()',
          partition_name || '_refuse_truncate', partition_name);
        EXECUTE format('ALTER TABLE public.%I ENABLE ALWAYS TRIGGER %I', partition_name, partition_name || '_refuse_truncate');
        RETURN NEXT partition_name;
      END LOOP;
    END
    $fn$`.execute(db);
}
