// A saved comparison is a compliance record of what a rep showed a client: which products, the
// inputs, the exact rates used and the results as displayed. It is created offline on the laptop
// (comparison_id comes from the client, so an upload retried after a lost response is idempotent)
// and is immutable on the server: the application role may only INSERT and SELECT it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE product_comparisons (
      comparison_id uuid NOT NULL,
      user_id uuid NOT NULL,
      session_id uuid NULL,
      comparison_date timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      investment_amount numeric(15,2) NOT NULL,
      horizon_years smallint NOT NULL,
      as_of_date date NOT NULL,
      inputs jsonb NOT NULL,
      results jsonb NOT NULL,
      engine_version text NOT NULL,
      change_version bigint NOT NULL,
      change_tx bigint NOT NULL,
      CONSTRAINT product_comparisons_pkey PRIMARY KEY (comparison_id),
      CONSTRAINT product_comparisons_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES users (user_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT product_comparisons_session_id_fkey FOREIGN KEY (session_id)
        REFERENCES user_sessions (session_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT product_comparisons_investment_amount_positive CHECK (investment_amount > 0),
      CONSTRAINT product_comparisons_horizon_years_range CHECK (horizon_years BETWEEN 1 AND 50),
      CONSTRAINT product_comparisons_inputs_object CHECK (jsonb_typeof(inputs) = 'object'),
      CONSTRAINT product_comparisons_results_present CHECK (jsonb_typeof(results) IN ('object', 'array')),
      CONSTRAINT product_comparisons_engine_version_not_blank CHECK (btrim(engine_version) <> '')
    )`.execute(db);
  await sql`
    COMMENT ON COLUMN product_comparisons.comparison_date IS
      'When the rep showed the comparison, by the laptop clock (it may have been offline); received_at is the server clock.'
  `.execute(db);
  await sql`
    CREATE TRIGGER product_comparisons_stamp_change_version BEFORE INSERT OR UPDATE ON product_comparisons
    FOR EACH ROW EXECUTE FUNCTION stamp_change_version()`.execute(db);
  await sql`CREATE INDEX product_comparisons_user_id_comparison_date_idx ON product_comparisons (user_id, comparison_date DESC)`.execute(db);
  await sql`CREATE INDEX product_comparisons_session_id_idx ON product_comparisons (session_id)`.execute(db);
  await sql`CREATE INDEX product_comparisons_change_version_idx ON product_comparisons (change_version)`.execute(db);

  await sql`
    CREATE TABLE product_comparison_items (
      comparison_id uuid NOT NULL,
      position smallint NOT NULL,
      product_id uuid NOT NULL,
      rate_history_id uuid NULL,
      base_rate numeric(8,4) NOT NULL,
      bonus_rate numeric(8,4) NOT NULL,
      product_snapshot jsonb NOT NULL,
      change_version bigint NOT NULL,
      change_tx bigint NOT NULL,
      CONSTRAINT product_comparison_items_pkey PRIMARY KEY (comparison_id, position),
      CONSTRAINT product_comparison_items_comparison_id_product_id_key UNIQUE (comparison_id, product_id),
      CONSTRAINT product_comparison_items_comparison_id_fkey FOREIGN KEY (comparison_id)
        REFERENCES product_comparisons (comparison_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT product_comparison_items_product_id_fkey FOREIGN KEY (product_id)
        REFERENCES products (product_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT product_comparison_items_rate_history_id_fkey FOREIGN KEY (rate_history_id)
        REFERENCES rate_history (rate_history_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT product_comparison_items_position_range CHECK (position BETWEEN 1 AND 4),
      CONSTRAINT product_comparison_items_base_rate_range CHECK (base_rate >= 0 AND base_rate <= 25),
      CONSTRAINT product_comparison_items_bonus_rate_range CHECK (bonus_rate >= 0 AND bonus_rate <= 25),
      CONSTRAINT product_comparison_items_product_snapshot_object CHECK (jsonb_typeof(product_snapshot) = 'object')
    )`.execute(db);
  await sql`
    COMMENT ON TABLE product_comparison_items IS ${sql.lit(
      'The products of a saved comparison, one row per position (1..4). Replaces the ' +
        'product_comparisons.product_ids uuid[] of the seed design: an array cannot carry foreign keys (so a comparison ' +
        'could name products that never existed) and the desktop SQLite cache has no arrays, so both ' +
        'sides use the same child table. Each row also keeps the exact base and bonus rates used, the ' +
        'rate_history row they came from and a snapshot of the product as shown, so the record can be ' +
        'reproduced after the catalog changes. Rows carry their own change_version (same trigger as ' +
        'the parent, same transaction) so every synced row has one.',
    )}`.execute(db);
  await sql`
    CREATE TRIGGER product_comparison_items_stamp_change_version BEFORE INSERT OR UPDATE ON product_comparison_items
    FOR EACH ROW EXECUTE FUNCTION stamp_change_version()`.execute(db);
  await sql`CREATE INDEX product_comparison_items_product_id_idx ON product_comparison_items (product_id)`.execute(db);
  await sql`CREATE INDEX product_comparison_items_rate_history_id_idx ON product_comparison_items (rate_history_id)`.execute(db);
  await sql`CREATE INDEX product_comparison_items_change_version_idx ON product_comparison_items (change_version)`.execute(db);
}
