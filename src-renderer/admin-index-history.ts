// Index history in the admin console (issue 13): the publish form checked with the shared schema, the
// levels as a table with each year's change (a mistyped level stands out as a jump), and what the
// illustration can do with the unbroken history it will use. Pure, so it is unit tested.
import { IndexLevelInput, indexHistoryOf, type IndexLevelRow } from '../src-shared/catalog/index-levels.js';
import { Decimal } from '../src-shared/decimal.js';
import { LOOKBACK_YEARS, PERIOD_YEARS } from '../src-shared/fia-index-history.js';
import { checkedBy } from './admin-fia-strategies.js';
import type { Checked } from './admin-state-approvals.js';

export interface IndexLevelForm {
  indexName: string;
  levelDate: string;
  level: string;
  source: string;
}

export function checkIndexLevelForm(form: IndexLevelForm): Checked<IndexLevelInput> {
  return checkedBy(IndexLevelInput.safeParse({ indexName: form.indexName.trim(), levelDate: form.levelDate.trim(), level: form.level.trim(), source: form.source.trim() }));
}

export interface IndexLevelTableRow {
  level: IndexLevelRow;
  /** "+12.35%" from the previous active year-end level; null for the first, a retracted one, or after a gap. */
  change: string | null;
}

/** Newest first; retracted levels stay listed (the record of what was corrected) without a change. */
export function indexLevelRows(levels: readonly IndexLevelRow[]): IndexLevelTableRow[] {
  const active = levels.filter((level) => level.isActive).sort((a, b) => a.levelDate.localeCompare(b.levelDate));
  const changeOf = new Map<string, string>();
  active.forEach((level, index) => {
    const previous = active[index - 1];
    if (previous === undefined || Number(previous.levelDate.slice(0, 4)) !== Number(level.levelDate.slice(0, 4)) - 1) return;
    const pct = new Decimal(level.level).dividedBy(previous.level).minus(1).times(100);
    changeOf.set(level.indexLevelId, `${pct.isNegative() ? '' : '+'}${pct.toFixed(2)}%`);
  });
  return [...levels]
    .sort((a, b) => b.levelDate.localeCompare(a.levelDate) || Number(b.isActive) - Number(a.isActive) || b.createdAt.localeCompare(a.createdAt))
    .map((level) => ({ level, change: changeOf.get(level.indexLevelId) ?? null }));
}

/** What illustrations on `day` can show from this index's unbroken run of year-end levels. */
export function historyCoverage(levels: readonly IndexLevelRow[], indexName: string, day: string): string {
  const history = indexHistoryOf(levels, indexName, day);
  if (history === null) return 'No levels yet: illustrations say there is too little history for this index.';
  const first = history.levels[0]?.date.slice(0, 4) ?? '';
  const last = history.levels.at(-1)?.date.slice(0, 4) ?? '';
  const returns = history.levels.length - 1;
  const span = `${history.levels.length} unbroken year-end level${history.levels.length === 1 ? '' : 's'} (${first === last ? first : `${first} to ${last}`}), ${returns} annual return${returns === 1 ? '' : 's'}`;
  if (returns < PERIOD_YEARS) return `${span}: illustrations need ${PERIOD_YEARS} annual returns and say there is too little history.`;
  if (returns < LOOKBACK_YEARS) return `${span}: enough for the most recent ${PERIOD_YEARS} years; the best and worst periods are looked for in ${returns} years rather than ${LOOKBACK_YEARS}.`;
  return `${span}: enough for the most recent ${PERIOD_YEARS} years and the best and worst ${PERIOD_YEARS}-year periods of the last ${LOOKBACK_YEARS}.`;
}
