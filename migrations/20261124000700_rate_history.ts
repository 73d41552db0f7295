// Published rates of each product over time, often future-dated. A period covers effective_date
// through end_date inclusive; end_date NULL means "until further notice". A retracted rate is
// is_active = false (kept for the record and sent to clients as a tombstone).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The exclusion constraint is what makes overlapping periods impossible, whatever the writer:
  // two active rows of one product whose inclusive date ranges share a day are refused. A publish
  // closes the open period (UPDATE end_date) before inserting the next one. Not DEFERRABLE: a
  // deferrable constraint would make every `INSERT ... ON CONFLICT DO NOTHING` on this table fail.
  await sql`
    CREATE TABLE rate_history (
      rate_history_id uuid NOT NULL DEFAULT gen_random_uuid(),
      product_id uuid NOT NULL,
      base_rate numeric(8,4) NOT NULL,
      bonus_rate numeric(8,4) NOT NULL DEFAULT 0,
      effective_date date NOT NULL,
      end_date date NULL,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by varchar(255) NOT NULL,
      change_version bigint NOT NULL,
      change_tx bigint NOT NULL,
      CONSTRAINT rate_history_pkey PRIMARY KEY (rate_history_id),
      CONSTRAINT rate_history_product_id_fkey FOREIGN KEY (product_id)
        REFERENCES products (product_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT rate_history_base_rate_range CHECK (base_rate >= 0 AND base_rate <= 25),
      CONSTRAINT rate_history_bonus_rate_range CHECK (bonus_rate >= 0 AND bonus_rate <= 25),
      CONSTRAINT rate_history_end_date_not_before_effective_date
        CHECK (end_date IS NULL OR end_date >= effective_date),
      CONSTRAINT rate_history_created_by_not_blank CHECK (btrim(created_by) <> ''),
      CONSTRAINT rate_history_no_overlap EXCLUDE USING gist (
        product_id WITH =,
        daterange(effective_date, end_date, '[]') WITH &&
      ) WHERE (is_active)
    )`.execute(db);
  await sql`
    CREATE TRIGGER rate_history_stamp_change_version BEFORE INSERT OR UPDATE ON rate_history
    FOR EACH ROW EXECUTE FUNCTION stamp_change_version()`.execute(db);
  // Serves the foreign key, the current-rate lookup and the history chart.
  await sql`CREATE INDEX rate_history_product_id_effective_date_idx ON rate_history (product_id, effective_date DESC)`.execute(db);
  await sql`CREATE INDEX rate_history_change_version_idx ON rate_history (change_version)`.execute(db);
}
