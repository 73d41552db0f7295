// The sync_state keys the engine owns (the store's own keys start with "store.", the remembered
// admin roles of src-main/admin/remembered-access.ts with "session.")
export const SyncKey = {
  /** The cursor of the last applied page; absent: the next pull is a full download. */
  cursor: 'sync.cursor',
  /** The server epoch the cursor belongs to. */
  epoch: 'sync.epoch',
  /** JSON {cursor, etag}: the ETag of an empty last page, sent as If-None-Match with that same cursor. */
  etag: 'sync.etag',
  /** JSON TableChecksum of the rep's comparisons as received from the server. */
  comparisonsChecksum: 'sync.comparisonsChecksum',
  /** ISO instant of the last run that ended with a verified copy. */
  lastSuccessAt: 'sync.lastSuccessAt',
  /** The rep (token subject) the cursor and the comparisons' checksum belong to (sync-owner.ts). */
  owner: 'sync.owner',
  /** The zone business dates flip in, as the server last stated it (business-time-zone.ts). */
  businessTimeZone: 'sync.businessTimeZone',
  /** JSON CachePolicy: the offline policy the last pull stated (cache-validity.ts). */
  cachePolicy: 'sync.cachePolicy',
  /** 'verified' or 'mismatch': how the last comparison with the server's checksums ended (pull-report.ts). */
  checksums: 'sync.checksums',
} as const;
