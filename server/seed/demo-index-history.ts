// The year-end levels of the synthetic Demo Index (issue 13): what the demo FIAs' strategies are
// credited on in illustrations. Synthetic and named so (DEMO_INDEX_NAME, source DEMO_INDEX_SOURCE):
// never a real index's history. Shaped like a broad equity price index: about 6-7% a year compounded,
// years between -40% and +40%, about one year in three negative, so the best and worst 10-year
// periods of the last 20 differ as they do for real indexes.
//
// The level of a year depends on that year only (a fixed stream from FIRST_YEAR, not the catalog
// seed), so histories generated for different business dates agree on every year they share.
import type { IndexLevelRow } from '../../src-shared/catalog/index-levels.js';
import { DEMO_INDEX_NAME } from '../../src-shared/catalog/index-levels.js';
import { toEpochDay } from '../../src-shared/dates.js';
import { diceFor } from './dice.js';
import { ADMINS, dayText, rateText, timestamp } from './seed-values.js';

export const DEMO_INDEX_SOURCE = 'Synthetic demo data, not a real index';

const FIRST_YEAR = 1994;
const FIRST_LEVEL = 1_000 * 10_000;
const LEVEL_STREAM = 0x1dec_0013;

/** The last weekday of December (1970-01-01 was a Thursday): when the year's closing level is struck. */
function lastWeekdayOfDecember(year: number): number {
  const day = toEpochDay(`${year}-12-31`);
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return day - (weekday === 6 ? 1 : weekday === 0 ? 2 : 0);
}

/** A calendar-year return in basis points: a bell-ish draw around +7.5%, with the odd crash. */
function annualReturnBp(dice: ReturnType<typeof diceFor>): number {
  const swing = dice.int(-1_600, 1_600) + dice.int(-1_600, 1_600) + dice.int(-1_600, 1_600);
  const crash = dice.chance(7) ? dice.int(1_500, 2_500) : 0;
  return Math.max(-4_000, Math.min(4_000, 900 + swing - crash));
}

const byYear = new Map<number, IndexLevelRow[]>();

/** Year-end levels from FIRST_YEAR through the year before `today`'s, oldest first. */
export function demoIndexLevels(today: string): IndexLevelRow[] {
  const lastYear = Number(today.slice(0, 4)) - 1;
  const known = byYear.get(lastYear);
  if (known !== undefined) return known;
  const returns = diceFor(LEVEL_STREAM, 0);
  const ids = diceFor(LEVEL_STREAM, 0x5eed);
  const levels: IndexLevelRow[] = [];
  // Levels in ten-thousandths of a point, rounded to a whole unit each year like a published level.
  let level = FIRST_LEVEL;
  for (let year = FIRST_YEAR; year <= lastYear; year += 1) {
    if (year > FIRST_YEAR) level = Math.round((level * (10_000 + annualReturnBp(returns))) / 10_000);
    const published = Math.min(toEpochDay(`${year + 1}-01-06`), toEpochDay(today));
    levels.push({
      indexLevelId: ids.uuid(),
      indexName: DEMO_INDEX_NAME,
      levelDate: dayText(lastWeekdayOfDecember(year)),
      level: rateText(level),
      source: DEMO_INDEX_SOURCE,
      isActive: true,
      createdAt: timestamp(published, ids.int(0, 239)),
      createdBy: ids.pick(ADMINS),
    });
  }
  byYear.set(lastYear, levels);
  return levels;
}
