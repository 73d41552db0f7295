// Uploads the server refused, one row per refused comparison (issue 12): what compliance sees as
// "server rejected". A refused comparison is not a record (it is never stored), but the attempt is:
// a forged or broken upload must leave a trace that names the rep, when and why. Only a per-item
// rejection writes a row; a request refused as a whole (400) is malformed and writes nothing.
//
// No foreign keys to comparisons or products: the comparison was never stored, and a rejected
// upload may name products the server does not have. The rows are immutable like the records:
// the application role may only INSERT (and SELECT, by the default privileges).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE comparison_upload_rejections (
      rejection_id uuid NOT NULL DEFAULT gen_random_uuid(),
      comparison_id uuid NOT NULL,
      user_id uuid NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      reason text NOT NULL,
      comparison_date timestamptz NULL,
      as_of_date date NULL,
      client_reference varchar(120) NULL,
      investment_amount numeric(15,2) NULL,
      product_ids uuid[] NOT NULL DEFAULT '{}',
      CONSTRAINT comparison_upload_rejections_pkey PRIMARY KEY (rejection_id),
      CONSTRAINT comparison_upload_rejections_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES users (user_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT comparison_upload_rejections_reason_not_blank CHECK (btrim(reason) <> '')
    )`.execute(db);
  await sql`CREATE INDEX comparison_upload_rejections_received_at_idx ON comparison_upload_rejections (received_at DESC)`.execute(db);
  await sql`
    CREATE INDEX comparison_upload_rejections_user_id_received_at_idx
    ON comparison_upload_rejections (user_id, received_at DESC)`.execute(db);
  await sql`CREATE INDEX comparison_upload_rejections_comparison_id_idx ON comparison_upload_rejections (comparison_id)`.execute(db);
  // SELECT comes from the default privileges of 20261124001000_grants; write rights never do.
  await sql`GRANT INSERT ON comparison_upload_rejections TO ratedesk_app`.execute(db);
  // Immutable like the records (refuse_record_change() of 20261204000100_record_immutability),
  // attached as that migration attaches it to its tables: ENABLE ALWAYS, so replica mode skips nothing.
  await sql`
    CREATE TRIGGER comparison_upload_rejections_refuse_change BEFORE UPDATE OR DELETE ON public.comparison_upload_rejections
    FOR EACH ROW EXECUTE FUNCTION public.refuse_record_change()`.execute(db);
  await sql`
    CREATE TRIGGER comparison_upload_rejections_refuse_truncate BEFORE TRUNCATE ON public.comparison_upload_rejections
    FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_record_change()`.execute(db);
  await sql`ALTER TABLE public.comparison_upload_rejections ENABLE ALWAYS TRIGGER comparison_upload_rejections_refuse_change`.execute(db);
  await sql`ALTER TABLE public.comparison_upload_rejections ENABLE ALWAYS TRIGGER comparison_upload_rejections_refuse_truncate`.execute(db);
}
