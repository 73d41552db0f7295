// The one way a compliance record leaves the database: purge_expired_records(retention_years)
// removes the saved comparisons received more than retention_years ago, with their items and print
// events, and writes one RETENTION_PURGE audit row saying what it removed. Run by the migrator only
// (npm run db:retention, server/db/retention-cli.ts); nobody is granted EXECUTE.
//
// Why at least six years: FINRA Rule 4511(b) keeps books and records six years where no other
// period applies; SEC Rule 17a-4(b)(4) keeps communications three years; NAIC Model 275 states keep
// best-interest records three to five years. Six covers them all (docs/records.md). The trigger of
// 20261204000100_record_immutability checks the same floor, so even a forged call cannot go lower.
//
// Audit rows are not purged here: audit retention is by detaching whole monthly partitions.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The action list grows by RETENTION_PURGE (this routine) and COMPARISON_REJECTED (a refused
  // upload, server/sync). Only values are added, so every existing row passes the new check.
  await sql`ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_type_known`.execute(db);
  await sql`
    ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_type_known CHECK (action_type IN (
      'CREATE', 'UPDATE', 'DELETE', 'DEACTIVATE', 'REACTIVATE', 'PUBLISH', 'RETRACT', 'IMPORT',
      'EXPORT', 'LOGIN', 'LOGOUT', 'LOGIN_FAILED', 'SESSION_EXPIRED', 'ACCESS_DENIED',
      'ROLE_GRANTED', 'ROLE_REVOKED', 'COMPARISON_SAVED', 'ILLUSTRATION_PRINTED', 'SYNC_PUSH',
      'COMPARISON_REJECTED', 'RETENTION_PURGE'
    ))`.execute(db);

  // search_path pg_catalog only: refuse_record_change() recognises this function by its qualified
  // name in the call stack. The cutoff goes to the trigger as ISO text in UTC.
  await sql`
    CREATE FUNCTION public.purge_expired_records(retention_years integer) RETURNS integer
    LANGUAGE plpgsql
    SET search_path = pg_catalog
    SET "TimeZone" = 'UTC'
    SET "DateStyle" = 'ISO, YMD'
    AS $fn$
    DECLARE
      cutoff timestamptz;
      events_removed integer;
      items_removed integer;
      comparisons_removed integer;
    BEGIN
      IF retention_years IS NULL OR retention_years < 6 OR retention_years > 100 THEN
        RAISE EXCEPTION 'purge_expired_records: retention_years must be a whole number from 6 to 100, got %', retention_years
          USING ERRCODE = 'invalid_parameter_value',
                DETAIL = 'Six years is the floor: FINRA Rule 4511(b) (six years where no other period applies) and SEC Rule 17a-4(b)(4) (communications, three years).';
      END IF;
      cutoff := now() - make_interval(years => retention_years);
      PERFORM set_config('ratedesk.retention_purge', cutoff::text, true);

      DELETE FROM public.record_events e
      USING public.product_comparisons c
      WHERE e.comparison_id = c.comparison_id AND c.received_at < cutoff;
      GET DIAGNOSTICS events_removed = ROW_COUNT;
      DELETE FROM public.product_comparison_items i
      USING public.product_comparisons c
      WHERE i.comparison_id = c.comparison_id AND c.received_at < cutoff;
      GET DIAGNOSTICS items_removed = ROW_COUNT;
      DELETE FROM public.product_comparisons c WHERE c.received_at < cutoff;
      GET DIAGNOSTICS comparisons_removed = ROW_COUNT;

      PERFORM set_config('ratedesk.retention_purge', '', true);
      INSERT INTO public.audit_log (action_type, table_name, new_values)
      VALUES ('RETENTION_PURGE', 'product_comparisons', jsonb_build_object(
        'retentionYears', retention_years,
        'cutoff', to_char(cutoff, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'comparisonsRemoved', comparisons_removed,
        'itemsRemoved', items_removed,
        'recordEventsRemoved', events_removed,
        'databaseRole', current_user));
      RETURN comparisons_removed;
    END
    $fn$`.execute(db);
  await sql`
    COMMENT ON FUNCTION public.purge_expired_records(integer) IS ${sql.lit(
      'Removes the saved comparisons received more than retention_years (6 to 100) ago, with their items and record ' +
        'events, writes one RETENTION_PURGE audit row (cutoff and counts) and returns the number of comparisons removed. ' +
        'The only DELETE the immutability triggers allow. Executable by its owner (the migrator) only.',
    )}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION public.purge_expired_records(integer) FROM PUBLIC`.execute(db);
}
