// Shares the work of identical pulls (issue 15, fleet load). After an admin publishes, a whole fleet
// holds the same cursor and asks for the same pages; what differs between their answers is each
// rep's comparisons and the comparisons' checksum row. A caller with no comparison changes after
// its cursor gets exactly the catalog-only page (the one snapshot-build.ts pulls "for nobody"),
// plus its own comparisons' stats on the last page. So:
// 1. a cheap probe (high-water lookups, no rows) reads, in one snapshot, the catalog's high water,
//    the caller's own comparison high water and checksum row, the clock and the offline policy;
// 2. when the caller's comparisons end at or before its cursor, the catalog page for (epoch, after,
//    limit, catalog high water) is built once (concurrent identical requests wait for the one in
//    flight), kept in a bounded cache, and combined with the caller's own figures;
// 3. anything else (own changes to send, a cursor at the high water, an epoch or a catalog that
//    moved between the probe and the page) takes the direct path, pull.ts's one statement.
// Why this is the direct answer: with no own comparison after the cursor, the page boundary and the
// end of its transaction (pull.ts, steps 2 and 3) are the catalog's alone; the high water is the
// catalog's (the caller's comparisons end at or below the cursor, below it); and the catalog page
// read at the same catalog high water holds the same rows (versions become visible in order under
// the sync writers' lock, so one high water is one catalog state). The equivalence test compares
// both paths over random histories: test/integration/server/sync/shared-catalog-page.test.ts.
import { sql, type Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import { preparedStatementMark } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { StatsRow } from './checksums.js';
import { pageOfRow, pullPage, pullPositionOf, pullStatement, type PullArgs, type PulledPage, type PullRow } from './pull.js';
import { CATALOG_ONLY_USER } from './snapshot-build.js';
import { requireEpoch, syncPositionQuery } from './sync-position.js';

/** Nobody's user id: the pull then carries the catalog alone (as a snapshot's). */
const NOBODY = CATALOG_ONLY_USER;

const PROBE_STATEMENT_MARK = preparedStatementMark('sync_pull_probe_v1');

interface ProbeRow {
  epoch: string | null;
  /** The catalog's high water (the position query for nobody). */
  highWater: string;
  serverTime: string;
  /** The caller's highest comparison version, null without any. */
  ownHighWater: string | null;
  ownStats: StatsRow[];
  maxOfflineDays: number | null;
}

function probe(userId: string) {
  return sql<ProbeRow>`${sql.raw(PROBE_STATEMENT_MARK)}
    SELECT c.epoch, c.high_water, c.server_time,
      (SELECT max(change_version) FROM product_comparisons WHERE user_id = ${userId})::text AS own_high_water,
      (SELECT coalesce(json_agg(json_build_object('tableName', table_name, 'rowCount', row_count::text, 'checksum', checksum::text)), '[]'::json)
        FROM sync_table_stats WHERE table_name = 'product_comparisons' AND scope = ${userId}) AS own_stats,
      (SELECT max_offline_days FROM sync_policy) AS max_offline_days
    FROM (${syncPositionQuery(NOBODY)}) c`;
}

export interface SharedCatalogPagesOptions {
  /** Pages kept (default 64). */
  maxEntries?: number;
  /** Their JSON size together (default 64 MB). */
  maxBytes?: number;
}

type CatalogRow = PullRow & { epoch: string };

/** What the cache did, for tests and the bench. */
export interface SharedPageCounts {
  /** Pulls answered from a shared catalog page (built for them or reused). */
  shared: number;
  /** Catalog pages built (one statement each). */
  built: number;
  /** Pulls that took the direct path. */
  direct: number;
}

/** One instance's cache of catalog pages, dropped whenever the catalog's high water moves on. */
export class SharedCatalogPages {
  readonly counts: SharedPageCounts = { shared: 0, built: 0, direct: 0 };
  private readonly pages: LRUCache<string, CatalogRow>;
  private readonly inFlight = new Map<string, Promise<CatalogRow>>();
  /** The newest catalog high water seen: pages of an older one are never asked for again. */
  private newest = 0n;

  constructor(options: SharedCatalogPagesOptions = {}) {
    this.pages = new LRUCache<string, CatalogRow>({
      max: options.maxEntries ?? 64,
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (row) => Math.max(1, JSON.stringify(row).length),
    });
  }

  /** The caller's page: shared when it can be (see the top of this file), else the direct one. */
  async pull(db: Kysely<Database>, args: PullArgs): Promise<PulledPage> {
    const { query, position } = pullPositionOf(args);
    const state = requireEpoch((await probe(args.userId).execute(db)).rows[0]);
    const after = BigInt(position.version);
    const catalogHighWater = BigInt(state.highWater);
    const ownChanges = state.ownHighWater !== null && BigInt(state.ownHighWater) > after;
    const sameEpoch = position.epoch === null || position.epoch === state.epoch;
    if (ownChanges || !sameEpoch || after >= catalogHighWater) {
      return this.direct(db, args);
    }
    this.moveOn(catalogHighWater);
    const key = `${state.epoch} ${position.version} ${query.limit} ${state.highWater}`;
    const catalog = await this.catalogPage(db, key, position.version, position.epoch, query.limit);
    // The catalog moved (or the epoch changed) between the probe and the page: not the probe's state.
    if (catalog.epoch !== state.epoch || catalog.highWater !== state.highWater || !catalog.readable) {
      this.pages.delete(key);
      return this.direct(db, args);
    }
    this.counts.shared += 1;
    const row: CatalogRow = {
      ...catalog,
      serverTime: state.serverTime,
      comparisons: [],
      stats: catalog.stats === null ? null : [...catalog.stats.filter((stat) => stat.tableName !== 'product_comparisons'), ...state.ownStats],
      maxOfflineDays: state.maxOfflineDays,
    };
    return pageOfRow(row, query, position);
  }

  private direct(db: Kysely<Database>, args: PullArgs): Promise<PulledPage> {
    this.counts.direct += 1;
    return pullPage(db, args);
  }

  private moveOn(catalogHighWater: bigint): void {
    if (catalogHighWater <= this.newest) return;
    this.newest = catalogHighWater;
    this.pages.clear();
  }

  private catalogPage(db: Kysely<Database>, key: string, after: string, epoch: string | null, limit: number): Promise<CatalogRow> {
    const kept = this.pages.get(key);
    if (kept) return Promise.resolve(kept);
    let pending = this.inFlight.get(key);
    if (!pending) {
      this.counts.built += 1;
      pending = pullStatement(after, epoch, limit, NOBODY)
        .execute(db)
        .then(({ rows }) => {
          const row = requireEpoch(rows[0]);
          if (BigInt(row.highWater) === this.newest) this.pages.set(key, row);
          return row;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }
}
