// Strategy rate sheets (CSV cusip,strategy_code,rate,effective_date): many strategy rate
// publications at once, all or none, every bad line reported with every reason (csv-sheet.ts), each
// line checked by the same rules as a single publication (strategy-rates.ts).
import type { Transaction } from 'kysely';
import { StrategyRateSheetRow, type StrategyRateSheetResult } from '../../src-shared/admin/strategies-and-index-levels.js';
import type { STRATEGY_RATE_SHEET_CSV_COLUMNS } from '../../src-shared/catalog/fia-strategies.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';
import { BadLines, columnNamer, sheetLines, type SheetLine } from './csv-sheet.js';
import { applyStrategyRates, planStrategyRates, strategiesForPublishing, type StrategyRateRequest } from './strategy-rates.js';

const FIELD_OF_COLUMN = { cusip: 'cusip', strategy_code: 'strategyCode', rate: 'rate', effective_date: 'effectiveDate' } as const satisfies Record<(typeof STRATEGY_RATE_SHEET_CSV_COLUMNS)[number], string>;

/** Checks the sheet and, unless `dryRun`, publishes every line in `trx`; any bad line refuses it all (400). */
export async function importStrategyRateSheet(
  trx: Transaction<Database>,
  actor: Actor,
  text: string,
  options: { today: string; dryRun: boolean; maxRows: number },
): Promise<StrategyRateSheetResult> {
  const lines = sheetLines(text, FIELD_OF_COLUMN, options.maxRows);
  const bad = new BadLines(columnNamer(FIELD_OF_COLUMN));
  const keyOf = (line: SheetLine) => (line.values['cusip'] === undefined ? null : `${line.values['cusip']} ${line.values['strategyCode'] ?? ''}`.trim());

  const parsed: { line: SheetLine; row: StrategyRateSheetRow }[] = [];
  for (const line of lines) {
    const row = bad.parse(StrategyRateSheetRow, line, keyOf(line));
    if (row !== null) parsed.push({ line, row });
  }

  const strategies = await strategiesForPublishing(trx, { cusips: [...new Set(parsed.map(({ row }) => row.cusip))] }, !options.dryRun);
  const byKey = new Map(strategies.map((strategy) => [`${strategy.cusip} ${strategy.strategyCode}`, strategy]));
  const firstLineOf = new Map<string, string>();
  const known: { line: SheetLine; request: StrategyRateRequest }[] = [];
  for (const { line, row } of parsed) {
    const key = `${row.cusip} ${row.strategyCode}`;
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      bad.add(line, key, 'strategyCode', `${row.strategyCode} of ${row.cusip} appears again (first on ${first}); one rate per strategy per sheet`);
      continue;
    }
    firstLineOf.set(key, line.ref);
    const strategy = byKey.get(key);
    if (!strategy) {
      const productKnown = strategies.some((candidate) => candidate.cusip === row.cusip);
      bad.add(line, key, productKnown ? 'strategyCode' : 'cusip', productKnown ? `${row.strategyCode} is not a strategy of ${row.cusip}` : `${row.cusip} has no crediting strategies (not in the catalog or not an FIA)`);
      continue;
    }
    known.push({ line, request: { strategyId: strategy.strategyId, rate: row.rate, effectiveDate: row.effectiveDate, endDate: null } });
  }

  const plans = await planStrategyRates(trx, known.map(({ request }) => request), new Map(strategies.map((s) => [s.strategyId, s])), options.today);
  const changes: StrategyRateSheetResult['changes'] = [];
  plans.forEach((plan, index) => {
    const entry = known[index];
    if (!entry) return;
    if (plan.ok) changes.push({ ...plan.change, ref: entry.line.ref });
    else for (const refusal of plan.refusals) bad.add(entry.line, keyOf(entry.line), refusal.field === 'strategy' ? 'strategyCode' : refusal.field, refusal.message);
  });
  bad.refuseIfAny(lines.length, 'strategy rate sheet');

  const answer = { dryRun: options.dryRun, committed: !options.dryRun, today: options.today, rowCount: lines.length };
  if (options.dryRun) return { ...answer, changes };
  const refs = new Map(changes.map((change) => [change.strategyId, change.ref]));
  const committed = await applyStrategyRates(trx, actor, changes);
  await recordAudit(trx, actor.audit, {
    action: 'IMPORT',
    tableName: 'fia_strategy_rates',
    recordId: null,
    newValues: { format: 'csv', rows: lines.length, effectiveDates: [...new Set(committed.map((change) => change.new.effectiveDate))].sort() },
  });
  return { ...answer, changes: committed.map((change) => ({ ...change, ref: refs.get(change.strategyId) ?? '' })) };
}
