// What every step of a sync run works with: the cache, the server, the clock, and the rep the run
// is for. The engine builds it at the start of each run (engine.ts) and hands it to the upload,
// the pull and the verification.
import type { Kysely } from 'kysely';
import type { Md5Hex } from '../../src-shared/sync/checksum.js';
import type { CatalogBulk } from '../store/catalog-bulk.js';
import type { ClientDatabase } from '../store/schema.js';
import type { SyncApi } from './api-client.js';

export interface SyncRunContext {
  db: Kysely<ClientDatabase>;
  /** The prepared catalog statements on the same connection as `db`, when the app has them. */
  catalogBulk: CatalogBulk | undefined;
  api: SyncApi;
  md5Hex: Md5Hex;
  now: () => Date;
  /**
   * The rep whose token the run's requests carry (the ID token's subject): only their outbox
   * entries and record events are uploaded, and what the pull brings back is filed under them.
   */
  ownerSubject: string;
}
