// Index history as catalog data: year-end levels published by admins (one by one, several at once,
// or by CSV index_name,level_date,level,source), retracted when wrong, never changed in place. One
// active level per index and date (unique index index_levels_one_active_per_date): a correction is
// a retraction and a new publication. Every request writes all of its levels or none, audited.
import { sql, type Transaction } from 'kysely';
import type { IndexLevelSheetResult, IndexSummaryList } from '../../src-shared/admin/strategies-and-index-levels.js';
import type { INDEX_LEVEL_CSV_COLUMNS} from '../../src-shared/catalog/index-levels.js';
import { IndexLevelInput, type IndexLevelRow } from '../../src-shared/catalog/index-levels.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Database } from '../db/schema.js';
import { notFound, ProblemCode, ProblemError, type ProblemIssue } from '../http/problem.js';
import type { Actor } from './actor.js';
import { auditValues } from './catalog-rows.js';
import { BadLines, columnNamer, sheetLines } from './csv-sheet.js';
import { indexLevelFromRow, withFieldErrors } from './fia-strategy-rows.js';

export async function listIndexes(trx: Transaction<Database>): Promise<IndexSummaryList> {
  const rows = await trx
    .selectFrom('indexLevels')
    .select([
      'indexName',
      sql<number>`count(*) FILTER (WHERE is_active)::int`.as('activeLevels'),
      sql<string | null>`min(level_date) FILTER (WHERE is_active)`.as('firstLevelDate'),
      sql<string | null>`max(level_date) FILTER (WHERE is_active)`.as('lastLevelDate'),
    ])
    .groupBy('indexName')
    .orderBy('indexName')
    .execute();
  return { indexes: rows };
}

export async function listLevels(trx: Transaction<Database>, indexName: string): Promise<IndexLevelRow[]> {
  const rows = await trx.selectFrom('indexLevels').selectAll().where('indexName', '=', indexName).orderBy('levelDate').orderBy('createdAt').execute();
  return rows.map(indexLevelFromRow);
}

const dayKey = (level: Pick<IndexLevelInput, 'indexName' | 'levelDate'>) => `${level.indexName}\u0000${level.levelDate}`;

/** Why each level cannot be published (repeated in the request, or an active level exists), by position. */
async function levelClashes(trx: Transaction<Database>, levels: readonly IndexLevelInput[], lock: boolean): Promise<Map<number, string>> {
  const clashes = new Map<number, string>();
  if (levels.length === 0) return clashes;
  // Publishers of the same index queue here, so the check below cannot be overtaken by another one.
  if (lock) for (const name of [...new Set(levels.map((level) => level.indexName))].sort()) await sql`SELECT pg_advisory_xact_lock(hashtext(${`index_levels:${name}`}))`.execute(trx);
  const active = await trx
    .selectFrom('indexLevels')
    .select(['indexName', 'levelDate', 'level'])
    .where('isActive', '=', true)
    .where('indexName', '=', sql<string>`ANY(${[...new Set(levels.map((level) => level.indexName))]}::text[])`)
    .execute();
  const stored = new Map(active.map((row) => [dayKey(row), row.level]));
  const firstAt = new Map<string, number>();
  levels.forEach((level, index) => {
    const key = dayKey(level);
    const first = firstAt.get(key);
    const storedLevel = stored.get(key);
    if (first !== undefined) clashes.set(index, `${level.levelDate} of ${level.indexName} appears again (first at ${first + 1}); one level per index and date`);
    else if (storedLevel !== undefined) clashes.set(index, `${level.indexName} already has the active level ${storedLevel} on ${level.levelDate}; retract it before publishing another`);
    firstAt.set(key, first ?? index);
  });
  return clashes;
}

async function insertLevels(trx: Transaction<Database>, actor: Actor, levels: readonly IndexLevelInput[], path: string): Promise<IndexLevelRow[]> {
  const rows = await withFieldErrors(path, () =>
    trx
      .insertInto('indexLevels')
      .values(levels.map((level) => ({ ...level, createdBy: actor.name })))
      .returningAll()
      .execute(),
  );
  const published = rows.map(indexLevelFromRow).sort((a, b) => a.indexName.localeCompare(b.indexName) || a.levelDate.localeCompare(b.levelDate));
  await recordAudit(
    trx,
    actor.audit,
    published.map((level) => ({ action: 'PUBLISH' as const, tableName: 'index_levels', recordId: level.indexLevelId, newValues: auditValues(level) })),
  );
  return published;
}

/** Publishes every level or none; a level clashing with an active one is a 409 naming body.levels.N.levelDate. */
export async function publishLevels(trx: Transaction<Database>, actor: Actor, levels: readonly IndexLevelInput[]): Promise<IndexLevelRow[]> {
  const clashes = await levelClashes(trx, levels, true);
  if (clashes.size > 0) {
    const issues: ProblemIssue[] = [...clashes].map(([index, message]) => ({ path: `body.levels.${index}.levelDate`, message }));
    throw new ProblemError(409, ProblemCode.conflict, 'The index levels cannot be published', { detail: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues });
  }
  return insertLevels(trx, actor, levels, 'body');
}

export async function retractLevel(trx: Transaction<Database>, actor: Actor, indexLevelId: string, reason: string | undefined): Promise<IndexLevelRow> {
  const row = await trx.selectFrom('indexLevels').selectAll().where('indexLevelId', '=', indexLevelId).forUpdate().executeTakeFirst();
  if (!row) throw notFound(`Index level ${indexLevelId}`);
  if (!row.isActive) throw new ProblemError(409, ProblemCode.conflict, 'The level is already retracted', { detail: `Index level ${indexLevelId} was retracted before` });
  const updated = await trx.updateTable('indexLevels').set({ isActive: false }).where('indexLevelId', '=', indexLevelId).returningAll().executeTakeFirstOrThrow();
  await recordAudit(trx, actor.audit, {
    action: 'RETRACT',
    tableName: 'index_levels',
    recordId: indexLevelId,
    oldValues: auditValues(indexLevelFromRow(row)),
    newValues: { isActive: false, ...(reason ? { reason } : {}) },
  });
  return indexLevelFromRow(updated);
}

const FIELD_OF_COLUMN = { index_name: 'indexName', level_date: 'levelDate', level: 'level', source: 'source' } as const satisfies Record<(typeof INDEX_LEVEL_CSV_COLUMNS)[number], string>;

/** Checks an index history CSV and, unless `dryRun`, publishes every line; any bad line refuses it all (400). */
export async function importIndexLevelSheet(
  trx: Transaction<Database>,
  actor: Actor,
  text: string,
  options: { dryRun: boolean; maxRows: number },
): Promise<IndexLevelSheetResult> {
  const lines = sheetLines(text, FIELD_OF_COLUMN, options.maxRows);
  const bad = new BadLines(columnNamer(FIELD_OF_COLUMN));
  const parsed: { ref: string; level: IndexLevelInput }[] = [];
  for (const line of lines) {
    const level = bad.parse(IndexLevelInput, line, line.values['indexName'] ?? null);
    if (level !== null) parsed.push({ ref: line.ref, level });
  }
  const clashes = await levelClashes(trx, parsed.map(({ level }) => level), !options.dryRun);
  for (const [index, message] of clashes) {
    const entry = parsed[index];
    // A repeat names its first line, as the admin reads the file, not its position among good lines.
    if (entry) bad.add(entry, entry.level.indexName, 'levelDate', message.replace(/\(first at (\d+)\)/, (_, n: string) => `(first on ${parsed[Number(n) - 1]?.ref ?? 'an earlier line'})`));
  }
  bad.refuseIfAny(lines.length, 'index history sheet');
  const answer = { dryRun: options.dryRun, committed: !options.dryRun, rowCount: lines.length };
  if (options.dryRun) return { ...answer, levels: parsed.map(({ ref, level }) => ({ ...level, ref, indexLevelId: null })) };
  const published = await insertLevels(trx, actor, parsed.map(({ level }) => level), 'body');
  const refOf = new Map(parsed.map(({ ref, level }) => [dayKey(level), ref]));
  await recordAudit(trx, actor.audit, {
    action: 'IMPORT',
    tableName: 'index_levels',
    recordId: null,
    newValues: { format: 'csv', rows: lines.length, indexNames: [...new Set(published.map((level) => level.indexName))].sort() },
  });
  return { ...answer, levels: published.map((level) => ({ ...level, ref: refOf.get(dayKey(level)) ?? '' })) };
}
