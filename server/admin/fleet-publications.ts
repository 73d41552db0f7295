// The recent rate publications the Delivery view offers (issue 14). A publication is one transaction
// that wrote rate_history (one rate from the product screen, or a whole sheet); its rows carry that
// transaction in change_tx and versions from one contiguous run (the sync writers' lock). Its
// version is the highest of them: a pull page never splits a transaction, so a device whose cursor
// reached any version of the run holds all of it, and cursor_version >= version says "has it".
//
// Read from the newest rows of the change_version index only (a window), so the list costs the
// same with a million rates. A period a later publication closed now carries the later one's
// transaction, so an older publication lists the periods still its own, and one whose periods were
// all closed since is not offered (every device with the later one has it anyway).
import { sql, type Kysely } from 'kysely';
import { RECENT_PUBLICATIONS_MAX, type RecentPublicationList } from '../../src-shared/admin/fleet.js';
import type { Database } from '../db/schema.js';

/** Newest rate periods looked at: several large sheets' worth. */
const WINDOW_ROWS = 20_000;

interface PublicationRow {
  version: string;
  publishedAt: string;
  publishedBy: string;
  rates: string;
  effectiveDates: string[];
}

export async function fleetPublications(db: Kysely<Database>, limit = RECENT_PUBLICATIONS_MAX): Promise<RecentPublicationList> {
  // The periods a publication created share its transaction's created_at (now()); the ones it
  // closed keep their own, older one and are counted with their creator, not here.
  const { rows } = await sql<PublicationRow>`
    SELECT max(x.change_version)::text AS version,
      to_char(x.tx_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS published_at,
      min(x.created_by) FILTER (WHERE x.created_at = x.tx_at) AS published_by,
      count(*) FILTER (WHERE x.created_at = x.tx_at) AS rates,
      array_agg(DISTINCT x.effective_date::text) FILTER (WHERE x.created_at = x.tx_at) AS effective_dates
    FROM (
      SELECT w.*, max(w.created_at) OVER (PARTITION BY w.change_tx) AS tx_at
      FROM (SELECT change_version, change_tx, created_at, created_by, effective_date FROM rate_history ORDER BY change_version DESC LIMIT ${WINDOW_ROWS}) w
    ) x
    GROUP BY x.change_tx, x.tx_at
    ORDER BY max(x.change_version) DESC
    LIMIT ${limit}`.execute(db);
  return {
    publications: rows.map((row) => ({
      version: row.version,
      publishedAt: row.publishedAt,
      publishedBy: row.publishedBy,
      rates: Number(row.rates),
      effectiveDates: row.effectiveDates,
    })),
  };
}
