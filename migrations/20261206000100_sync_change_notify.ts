// Every commit that can move a pull's ETag (issue 15) says so on the channel ratedesk_sync_changed,
// so each API instance can answer an unchanged pull from memory (server/sync/change-feed.ts,
// pull-answer-memo.ts) instead of probing PostgreSQL. Statement-level triggers: one NOTIFY per
// statement whatever its row count, and PostgreSQL folds identical notifications of one
// transaction into one, delivered at commit (never for a rollback). NOTIFY needs no privilege, and
// LISTEN neither, so ratedesk_app gains nothing here. Frozen: no application imports.
import { sql, type Kysely } from 'kysely';

const CHANNEL = 'ratedesk_sync_changed';

/** Every table an ETag input (epoch, high water, offline policy) or a pull body is read from. */
const TABLES = [
  'products',
  'product_availability',
  'rate_history',
  'carriers',
  'product_state_approvals',
  'fia_strategies',
  'fia_strategy_rates',
  'index_levels',
  'product_comparisons',
  'product_comparison_items',
  'sync_policy',
  'sync_epoch',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION public.notify_sync_changed() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public
    AS $fn$
    BEGIN
      NOTIFY ${sql.raw(CHANNEL)};
      RETURN NULL;
    END
    $fn$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION public.notify_sync_changed() FROM PUBLIC`.execute(db);
  for (const table of TABLES) {
    await sql`
      CREATE TRIGGER ${sql.raw(`${table}_notify_sync_changed`)} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.raw(`public.${table}`)}
      FOR EACH STATEMENT EXECUTE FUNCTION public.notify_sync_changed()`.execute(db);
  }
}
