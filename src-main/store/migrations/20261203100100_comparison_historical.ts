// Whether a saved comparison is a historical view (rates as of another day than the business date
// it was saved on; src-shared/historical-view.ts), as a column the saved list can show. Generated
// from the record itself (payload.historical, absent = false), so it can never disagree with what
// is uploaded, and a cache rebuild that carries comparisons over needs no change. VIRTUAL: SQLite
// adds only virtual generated columns to an existing table. Frozen: later changes go in new migrations.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE saved_comparisons
    ADD COLUMN historical INTEGER GENERATED ALWAYS AS (coalesce(json_extract(payload, '$.historical'), 0) IS 1) VIRTUAL`.execute(db);
}
