// What syncing saved comparisons needs beyond the base table:
// - client_reference: how the rep labels the client in a saved comparison ("Smith household",
//   a CRM id). The upload carries it and compliance searches by it, so it is a column rather than a
//   key buried in the inputs document. Never an SSN: the record is kept forever and synced to laptops.
// - (user_id, change_version): a pull reads one user's comparisons after a cursor; the base
//   (change_version) index would walk every user's rows to find them.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The same pattern as SSN_PATTERN in src-shared/sync/protocol.ts: 9 digits written 123-45-6789,
  // 123 45 6789 or 123456789, not part of a longer number.
  await sql`
    ALTER TABLE product_comparisons
      ADD COLUMN client_reference varchar(120) NULL,
      ADD CONSTRAINT product_comparisons_client_reference_not_blank
        CHECK (client_reference IS NULL OR btrim(client_reference) <> ''),
      ADD CONSTRAINT product_comparisons_client_reference_no_ssn
        CHECK (client_reference IS NULL OR client_reference !~ '(?<![0-9])[0-9]{3}[- ]?[0-9]{2}[- ]?[0-9]{4}(?![0-9])')
  `.execute(db);
  await sql`
    COMMENT ON COLUMN product_comparisons.client_reference IS
      'How the rep labels the client (a name or CRM reference, at most 120 characters). Must not contain a Social Security number.'
  `.execute(db);
  await sql`
    CREATE INDEX product_comparisons_user_id_change_version_idx ON product_comparisons (user_id, change_version)
  `.execute(db);
}
