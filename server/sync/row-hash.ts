// Row hashes with Node's MD5, for the server side of the checks in src-shared/sync (tests, repair
// tools). The desktop app's main process does the same with its own node:crypto.
import { hash } from 'node:crypto';
import { replicaChecksums, rowHash, type ReplicaChecksums, type ReplicaContents } from '../../src-shared/sync/checksum.js';

/** Lowercase hex MD5 of the UTF-8 bytes of `text`. */
export function md5Hex(text: string): string {
  return hash('md5', text, 'hex');
}

/** The 64-bit hash of a canonical row text, equal to sync_row_hash(text) in PostgreSQL. */
export function canonicalRowHash(canonicalText: string): bigint {
  return rowHash(canonicalText, md5Hex);
}

/** Counts and checksums of a client-side copy, comparable with a pull's `checksums.tables`. */
export function checksumsOf(replica: ReplicaContents): ReplicaChecksums {
  return replicaChecksums(replica, md5Hex);
}
