// The catalog search box: FTS5 over product name, CUSIP, issuer, type and description, ranked by
// bm25, plus a direct hit on an exact CUSIP. User text never reaches FTS5 as syntax: every word
// becomes a quoted prefix token, so quotes, NEAR, AND, *, ^, parentheses or column filters in the
// input are just characters to look for and can never raise an FTS or SQL error.
import { sql } from 'kysely';
import type { Product } from '../../src-shared/catalog.js';
import { PRODUCT_COLUMNS, columnName, productFromRow, type ProductColumns } from './catalog-rows.js';
import type { ClientDb } from './schema.js';

/** The read columns as the raw SQL selects them (the plugin camel-cases the result). */
const PRODUCT_SQL_COLUMNS = PRODUCT_COLUMNS.map((column) => `p.${columnName(column)}`).join(', ');

/** Longest input looked at; a search box never needs more, and it bounds the query size. */
const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 12;
const CUSIP_SHAPE = /^[0-9A-Z*@#]{8}[0-9]$/;

/**
 * The FTS5 MATCH expression for what a user typed, or null when it has nothing to search for.
 * "sum ridge" -> `"sum"* "ridge"*` (all words, each as a prefix). Words are split on anything
 * that is not a letter or digit, as the unicode61 tokenizer does, so every token is plain.
 */
export function matchExpression(input: string): string | null {
  const terms = input
    .slice(0, MAX_QUERY_LENGTH)
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)
    .slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  // Terms hold letters and digits only, so they contain no '"' to escape; quoting still matters,
  // because a bare AND, OR, NOT or NEAR would be an operator.
  return terms.map((term) => `"${term}"*`).join(' ');
}

export interface SearchOptions {
  /** At most this many products (default 50). */
  limit?: number;
  /** Withdrawn products are left out unless asked for. */
  includeInactive?: boolean;
}

/**
 * Products matching the words typed, best first. An exact CUSIP (any case, surrounding spaces
 * ignored) is listed first even when its punctuation (*, @, #) defeats the tokenizer.
 */
export async function searchProducts(db: ClientDb, input: string, { limit = 50, includeInactive = false }: SearchOptions = {}): Promise<Product[]> {
  const max = Math.max(1, Math.min(Math.trunc(limit), 500));
  const activeOnly = includeInactive ? 0 : 1;
  const found: ProductColumns[] = [];

  const cusip = input.trim().toUpperCase();
  if (CUSIP_SHAPE.test(cusip)) {
    const exact = await sql<ProductColumns>`
      SELECT ${sql.raw(PRODUCT_SQL_COLUMNS)} FROM products p
      WHERE p.cusip = ${cusip} AND (p.is_active = 1 OR ${activeOnly} = 0)`.execute(db);
    found.push(...exact.rows);
  }

  const match = matchExpression(input);
  if (match !== null && found.length < max) {
    // Weights per column: name and CUSIP matter most, the description least.
    const ranked = await sql<ProductColumns>`
      SELECT ${sql.raw(PRODUCT_SQL_COLUMNS)}
      FROM products_fts
      JOIN products p ON p.product_key = products_fts.rowid
      WHERE products_fts MATCH ${match} AND (p.is_active = 1 OR ${activeOnly} = 0)
      ORDER BY bm25(products_fts, 10.0, 10.0, 5.0, 2.0, 1.0), p.product_name, p.product_id
      LIMIT ${max + found.length}`.execute(db);
    const seen = new Set(found.map((row) => row.productId));
    for (const row of ranked.rows) {
      if (!seen.has(row.productId)) found.push(row);
    }
  }
  return found.slice(0, max).map(productFromRow);
}
