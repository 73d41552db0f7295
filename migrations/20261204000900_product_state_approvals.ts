// Where a product may be sold (issue 13; src-shared/catalog/state-approvals.ts): one row per state
// (50 states and DC) and approval period, both ends inclusive business dates; approved_until set when
// the approval is withdrawn or ends. Active periods of one product and state never overlap (an
// exclusion constraint, btree_gist from 20261124000100_extensions). A mistaken row is retired with
// is_active = false, never deleted. Frozen: no application imports.
import { sql, type Kysely } from 'kysely';

const STATES = [
  'AK', 'AL', 'AR', 'AZ', 'CA', 'CO', 'CT', 'DC', 'DE', 'FL', 'GA', 'HI', 'IA', 'ID', 'IL', 'IN', 'KS', 'KY', 'LA', 'MA', 'MD', 'ME',
  'MI', 'MN', 'MO', 'MS', 'MT', 'NC', 'ND', 'NE', 'NH', 'NJ', 'NM', 'NV', 'NY', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX',
  'UT', 'VA', 'VT', 'WA', 'WI', 'WV', 'WY',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const stateList = sql.raw(STATES.map((code) => `'${code}'`).join(', '));
  await sql`
    CREATE TABLE product_state_approvals (
      approval_id uuid NOT NULL DEFAULT gen_random_uuid(),
      product_id uuid NOT NULL,
      state_code char(2) NOT NULL,
      approved_from date NOT NULL,
      approved_until date NULL,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by varchar(255) NOT NULL,
      updated_by varchar(255) NOT NULL,
      change_version bigint NOT NULL,
      change_tx bigint NOT NULL,
      CONSTRAINT product_state_approvals_pkey PRIMARY KEY (approval_id),
      CONSTRAINT product_state_approvals_product_id_fkey FOREIGN KEY (product_id)
        REFERENCES products (product_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT product_state_approvals_state_code_known CHECK (state_code IN (${stateList})),
      CONSTRAINT product_state_approvals_until_not_before_from CHECK (approved_until IS NULL OR approved_until >= approved_from),
      CONSTRAINT product_state_approvals_no_overlap EXCLUDE USING gist (
        product_id WITH =, state_code WITH =, daterange(approved_from, approved_until, '[]') WITH &&) WHERE (is_active),
      CONSTRAINT product_state_approvals_created_by_not_blank CHECK (btrim(created_by) <> ''),
      CONSTRAINT product_state_approvals_updated_by_not_blank CHECK (btrim(updated_by) <> '')
    )`.execute(db);
  await sql`
    COMMENT ON TABLE product_state_approvals IS ${sql.lit(
      'States (50 + DC) where a product is approved for sale, from approved_from through approved_until (inclusive; null = ' +
        'open). An annuity with no active approval covering a day is not approved in that state on that day; CDs are not ' +
        'state-filed. is_active = false retires a mistaken row.',
    )}`.execute(db);
  await sql`
    CREATE TRIGGER product_state_approvals_stamp_change_version BEFORE INSERT OR UPDATE ON product_state_approvals
    FOR EACH ROW EXECUTE FUNCTION stamp_change_version()`.execute(db);
  await sql`
    CREATE TRIGGER product_state_approvals_set_updated_at BEFORE UPDATE ON product_state_approvals
    FOR EACH ROW EXECUTE FUNCTION set_updated_at()`.execute(db);
  await sql`CREATE INDEX product_state_approvals_product_id_state_code_idx ON product_state_approvals (product_id, state_code)`.execute(db);
  await sql`CREATE INDEX product_state_approvals_change_version_idx ON product_state_approvals (change_version)`.execute(db);
  await sql`CREATE INDEX product_state_approvals_state_code_idx ON product_state_approvals (state_code, product_id)`.execute(db);
  await sql`GRANT INSERT, UPDATE ON product_state_approvals TO ratedesk_app`.execute(db);
}
