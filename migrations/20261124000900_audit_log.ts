// Append-only audit trail, partitioned by month on occurred_at (the seed's "timestamp", renamed so it
// needs no quoting). Seven-year retention is handled by detaching and archiving old partitions, never
// by DELETE. user_id has no foreign key on purpose: audit rows must survive anything.
import { sql, type Kysely } from 'kysely';

/** Serializes concurrent ensure_audit_partitions() calls (two server instances): bytes of "RDAUDITP". */
const PARTITION_LOCK_KEY = '5927934844000097360';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A partitioned table's primary key must include the partition key, hence (audit_id, occurred_at).
  await sql`
    CREATE TABLE audit_log (
      audit_id uuid NOT NULL DEFAULT gen_random_uuid(),
      occurred_at timestamptz NOT NULL DEFAULT now(),
      user_id uuid NULL,
      action_type varchar(50) NOT NULL,
      table_name varchar(100) NULL,
      record_id uuid NULL,
      old_values jsonb NULL,
      new_values jsonb NULL,
      ip_address inet NULL,
      user_agent text NULL,
      session_id uuid NULL,
      request_id text NULL,
      CONSTRAINT audit_log_pkey PRIMARY KEY (audit_id, occurred_at),
      CONSTRAINT audit_log_action_type_known CHECK (action_type IN (
        'CREATE', 'UPDATE', 'DELETE', 'DEACTIVATE', 'REACTIVATE', 'PUBLISH', 'RETRACT', 'IMPORT',
        'EXPORT', 'LOGIN', 'LOGOUT', 'LOGIN_FAILED', 'SESSION_EXPIRED', 'ACCESS_DENIED',
        'ROLE_GRANTED', 'ROLE_REVOKED', 'COMPARISON_SAVED', 'ILLUSTRATION_PRINTED', 'SYNC_PUSH'
      ))
    ) PARTITION BY RANGE (occurred_at)`.execute(db);

  // The safety net: a row whose month has no partition yet (maintenance did not run, or a
  // far-future timestamp) lands here instead of failing the business transaction it belongs to.
  await sql`CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT`.execute(db);

  // The seed's six single-column indexes trimmed to the three queries that are run: a user's
  // activity, the history of one record, and time-range scans / retention checks. Created on the
  // parent, so every partition gets them.
  await sql`CREATE INDEX audit_log_user_id_occurred_at_idx ON audit_log (user_id, occurred_at DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_table_name_record_id_occurred_at_idx ON audit_log (table_name, record_id, occurred_at DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at)`.execute(db);

  // Each month is created as a plain table and then attached, because ATTACH takes a weaker lock on
  // audit_log than CREATE TABLE ... PARTITION OF (inserts keep flowing), and because rows of that
  // month already sitting in the default partition must be moved first, or attaching would fail.
  // Bounds are whole UTC months (the function runs with TimeZone = UTC, so the literals are UTC).
  await sql`
    CREATE FUNCTION ensure_audit_partitions(months_ahead integer DEFAULT 3)
    RETURNS SETOF text
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, public
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
      PERFORM pg_advisory_xact_lock(${sql.raw(PARTITION_LOCK_KEY)});
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
        RETURN NEXT partition_name;
      END LOOP;
    END
    $fn$`.execute(db);
  await sql`
    COMMENT ON FUNCTION ensure_audit_partitions(integer) IS
      'Creates the monthly audit_log partitions (audit_log_YYYY_MM, UTC months) from the current month through months_ahead months later, moving rows of those months out of audit_log_default first. Idempotent and safe to run concurrently; returns the partitions it created. SECURITY DEFINER so the server can run it daily without DDL rights.'
  `.execute(db);

  await sql`SELECT ensure_audit_partitions(3)`.execute(db);
}
