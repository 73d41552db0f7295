// Index history as catalog data (issue 13): the year-end levels of an index with where each came
// from, published by admins and synced like rates. The FIA illustration (fia-index-history.ts)
// credits strategies over these levels. The demo catalog's index is synthetic and named so
// ("Demo Index (synthetic)"): never a real index's history.
import { z } from 'zod';
import type { IndexHistoryInput } from '../fia-index-history.js';
import { IndexLevelValueString, IsoDateString, UuidString } from '../validation/decimal-strings.js';
import { createdRecordStamps, requiredCatalogText } from './catalog-text.js';

export const DEMO_INDEX_NAME = 'Demo Index (synthetic)';

const levelFields = {
  indexName: requiredCatalogText(120),
  /** The last business day of the year the level closed on: a date in December. */
  levelDate: IsoDateString.refine((value) => !/^\d{4}-\d{2}-\d{2}$/.test(value) || value.slice(5, 7) === '12', 'must be a year-end date (in December)'),
  level: IndexLevelValueString,
  /** Where the figure came from (a vendor, a publication, "synthetic"). */
  source: requiredCatalogText(300),
};

/** One level as an admin publishes it (console or CSV line). */
export const IndexLevelInput = z.strictObject(levelFields);
export type IndexLevelInput = z.infer<typeof IndexLevelInput>;

/** A level as stored and synced; isActive false = retracted (a wrong figure), kept for the record. */
export const IndexLevelRow = z.object({
  indexLevelId: UuidString,
  ...levelFields,
  ...createdRecordStamps,
});
export type IndexLevelRow = z.infer<typeof IndexLevelRow>;

/** The columns of an index history CSV. */
export const INDEX_LEVEL_CSV_COLUMNS = ['index_name', 'level_date', 'level', 'source'] as const;

/**
 * The history the crediting math takes (fia-index-history.ts): the active year-end levels of
 * `indexName` dated on or before `day`, one per year (the latest date of a year), oldest first, and
 * only the unbroken run of years ending at the latest one: a missing year ends the usable history
 * rather than being guessed. null when no level is known. source lists the distinct sources.
 */
export function indexHistoryOf(levels: readonly IndexLevelRow[], indexName: string, day: string): IndexHistoryInput | null {
  const byYear = new Map<number, IndexLevelRow>();
  for (const level of levels) {
    if (!level.isActive || level.indexName !== indexName || level.levelDate > day) continue;
    const year = Number(level.levelDate.slice(0, 4));
    const known = byYear.get(year);
    if (known === undefined || level.levelDate > known.levelDate) byYear.set(year, level);
  }
  if (byYear.size === 0) return null;
  const latest = Math.max(...byYear.keys());
  const run: IndexLevelRow[] = [];
  for (let year = latest; byYear.has(year); year -= 1) run.unshift(byYear.get(year) as IndexLevelRow);
  const sources = [...new Set(run.map((level) => level.source))].join('; ');
  return { indexName, source: sources.slice(0, 300), levels: run.map((level) => ({ date: level.levelDate, level: level.level })) };
}
