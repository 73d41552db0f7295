// What every step of a sync run works with: the cache, the server, the clock. The engine builds it
// once (engine.ts) and hands it to the upload, the pull and the verification.
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
}
