// Full-text search for the catalog search box: an FTS5 index over the products table (external
// content, so the text is stored once), kept current by triggers. unicode61 with diacritics
// removed lets "cafe" find "Café"; prefix indexes of 2 and 3 characters make type-ahead queries
// ("su", "sum") index lookups instead of scans. Frozen: later changes go in new migrations.
import { sql, type Kysely } from 'kysely';

const COLUMNS = 'product_name, cusip, issuer_name, product_type, description';
const NEW_VALUES = 'new.product_name, new.cusip, new.issuer_name, new.product_type, new.description';
const OLD_VALUES = 'old.product_name, old.cusip, old.issuer_name, old.product_type, old.description';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `CREATE VIRTUAL TABLE products_fts USING fts5(
        ${COLUMNS},
        content = 'products',
        content_rowid = 'product_key',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      )`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER products_fts_after_insert AFTER INSERT ON products BEGIN
        INSERT INTO products_fts (rowid, ${COLUMNS}) VALUES (new.product_key, ${NEW_VALUES});
      END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER products_fts_after_delete AFTER DELETE ON products BEGIN
        INSERT INTO products_fts (products_fts, rowid, ${COLUMNS}) VALUES ('delete', old.product_key, ${OLD_VALUES});
      END`,
    )
    .execute(db);
  // Only when an indexed column changes: a rate update (the common sync change) skips the index.
  await sql
    .raw(
      `CREATE TRIGGER products_fts_after_update AFTER UPDATE OF ${COLUMNS} ON products BEGIN
        INSERT INTO products_fts (products_fts, rowid, ${COLUMNS}) VALUES ('delete', old.product_key, ${OLD_VALUES});
        INSERT INTO products_fts (rowid, ${COLUMNS}) VALUES (new.product_key, ${NEW_VALUES});
      END`,
    )
    .execute(db);
  // Indexes whatever rows exist when this runs (none on a fresh cache).
  await sql`INSERT INTO products_fts (products_fts) VALUES ('rebuild')`.execute(db);
}
