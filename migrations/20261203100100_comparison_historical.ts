// A saved comparison records whether it is a historical view: rates as of another day than the
// business date it was saved on (src-shared/historical-view.ts). Client-facing means today, so a
// record of another day's rates must say it was a deliberate look back, never a current offer.
//
// The column joins the comparison's canonical row (the checksum a client verifies its copy with)
// only when true: every existing row, and every row an older client uploads, is false and keeps
// its canonical text and hash, so the stored sums stay right without a recompute and older clients
// keep verifying their copies. The TypeScript side is canonicalComparison in
// src-shared/sync/row-canonical.ts; the sync-checksums test proves the two agree.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A constant default: PostgreSQL records it in the catalog without rewriting the table.
  await sql`ALTER TABLE product_comparisons ADD COLUMN historical boolean NOT NULL DEFAULT false`.execute(db);
  await sql`
    COMMENT ON COLUMN product_comparisons.historical IS
      'True: the rep deliberately showed rates as of another day than the business date the comparison was saved on (a historical view, labelled on screen and watermarked in PDFs), never a current offer.'
  `.execute(db);

  // The canonical text of 20261124001300_sync_checksums, written out (a migration is frozen and
  // imports nothing), plus U+001F "t" when historical. chr() as there, so the text does not depend on
  // standard_conforming_strings; dates through to_char so DateStyle and TimeZone play no part.
  await sql`
    CREATE OR REPLACE FUNCTION sync_canonical_product_comparisons(public.product_comparisons) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN coalesce(($1).comparison_id::text, (chr(92) || 'N'))
      || chr(31) || coalesce(($1).investment_amount::text, (chr(92) || 'N'))
      || chr(31) || coalesce(($1).horizon_years::text, (chr(92) || 'N'))
      || chr(31) || coalesce(to_char(($1).as_of_date::timestamp, 'YYYY-MM-DD'), (chr(92) || 'N'))
      || chr(31) || coalesce(replace(replace(($1).client_reference::text, chr(92), chr(92) || chr(92)), chr(31), chr(92) || 's'), (chr(92) || 'N'))
      || chr(31) || coalesce(replace(replace(($1).engine_version::text, chr(92), chr(92) || chr(92)), chr(31), chr(92) || 's'), (chr(92) || 'N'))
      || chr(31) || coalesce(($1).change_version::text, (chr(92) || 'N'))
      || CASE WHEN ($1).historical THEN chr(31) || 't' ELSE '' END`.execute(db);
}
