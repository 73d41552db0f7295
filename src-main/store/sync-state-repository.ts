// Key/value state the sync engine keeps between runs (cursor, epoch, last success, ...). The keys
// are the sync engine's business; the store only guarantees that a cache rebuild starts from an
// empty table, so the next sync is a full download.
import { instantText } from './column-values.js';
import type { ClientDb } from './schema.js';

export async function getSyncState(db: ClientDb, key: string): Promise<string | null> {
  const row = await db.selectFrom('syncState').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setSyncState(db: ClientDb, key: string, value: string, now: Date = new Date()): Promise<void> {
  const updatedAt = instantText(now);
  await db
    .insertInto('syncState')
    .values({ key, value, updatedAt })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value, updatedAt }))
    .execute();
}

export async function deleteSyncState(db: ClientDb, key: string): Promise<void> {
  await db.deleteFrom('syncState').where('key', '=', key).execute();
}

/** Every key and value, for the diagnostics screen. */
export async function readSyncState(db: ClientDb): Promise<Record<string, string>> {
  const rows = await db.selectFrom('syncState').select(['key', 'value']).orderBy('key').execute();
  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}
